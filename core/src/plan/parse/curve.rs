//! A curve: its `kind` first, then the fields that kind allows.

use super::Walker;
use crate::error::Code;
use crate::plan::spec::{
    Above, Below, CurveKind, CurveSpec, FloorBelow, FormulaName, RatioBelow, ZeroTargetRule,
};
use crate::util::json::Json;
use crate::util::json_reader::Fields;

impl Walker<'_> {
    pub(super) fn curve(&mut self, v: &Json, p: &str) -> Option<CurveSpec> {
        let keys: &[&str] = &[
            "kind",
            "cap",
            "gate",
            "below",
            "formula",
            "zero_target",
            "above",
            "max",
            "low",
            "high",
            "full",
            "per_unit",
            "floor",
        ];
        let Json::Object(map) = v else {
            self.r.object(v, p, keys);
            return None;
        };
        let probe = Fields {
            map,
            path: p.to_string(),
        };
        if !probe.has("kind") {
            self.r.push(
                probe.at("kind"),
                Code::MissingField,
                "missing field \"kind\"",
            );
            return None;
        }
        let (kv, kp) = probe.get("kind")?;
        let kind = self.r.choice(kv, &kp, &CurveKind::ALL)?;
        let allowed: &[&str] = match kind {
            CurveKind::Ratio => &["kind", "cap", "gate", "below", "formula", "zero_target"],
            CurveKind::Step => &["kind", "below"],
            CurveKind::Linear => &["kind", "below", "above", "max"],
            CurveKind::Band => &["kind", "low", "high", "full", "per_unit", "floor", "below"],
            CurveKind::PassFail => &["kind", "full"],
            CurveKind::Deduction => &["kind", "full", "per_unit", "floor", "below"],
        };
        let f = self.r.object(v, p, allowed)?;
        Some(match kind {
            CurveKind::Ratio => CurveSpec::Ratio {
                cap: self.opt_dec(&f, "cap"),
                gate: self.opt_dec(&f, "gate"),
                below: self.some_choice(&f, "below", &RatioBelow::ALL),
                formula: self.some_choice(&f, "formula", &FormulaName::ALL),
                zero_target: self.some_choice(&f, "zero_target", &ZeroTargetRule::ALL),
            },
            CurveKind::Step => CurveSpec::Step {
                below: self.opt_dec(&f, "below"),
            },
            CurveKind::Linear => CurveSpec::Linear {
                below: self.opt_choice(&f, "below", &Below::ALL),
                above: self.opt_choice(&f, "above", &Above::ALL),
                max: self.opt_dec(&f, "max"),
            },
            CurveKind::Band => CurveSpec::Band {
                low: self.req_dec(&f, "low"),
                high: self.req_dec(&f, "high"),
                full: self.opt_dec(&f, "full"),
                per_unit: self.req_dec(&f, "per_unit"),
                floor: self.opt_dec(&f, "floor"),
                below: self.some_choice(&f, "below", &FloorBelow::ALL),
            },
            CurveKind::PassFail => CurveSpec::PassFail {
                full: self.opt_dec(&f, "full"),
            },
            CurveKind::Deduction => CurveSpec::Deduction {
                full: self.opt_dec(&f, "full"),
                per_unit: self.req_dec(&f, "per_unit"),
                floor: self.opt_dec(&f, "floor"),
                below: self.some_choice(&f, "below", &FloorBelow::ALL),
            },
        })
    }
}
