//! A measure and its conditions.

use super::Walker;
use crate::error::Code;
use crate::limits::MAX_TIERS;
use crate::plan::spec::{ConditionOp, ConditionSpec, ConditionValue, MeasureKind, MeasureSpec};
use crate::util::json::Json;
use crate::util::json_reader::{index, Fields};

impl Walker<'_> {
    pub(super) fn measure(&mut self, v: &Json, p: &str) -> Option<MeasureSpec> {
        const KEYS: &[&str] = &[
            "kind",
            "fact",
            "date",
            "field",
            "from",
            "to",
            "where",
            "condition",
            "numerator",
            "denominator",
        ];
        let f = self.r.object(v, p, KEYS)?;
        let kind = self.req_choice(&f, "kind", &MeasureKind::ALL);
        let fact = match f.get("fact") {
            None => Vec::new(),
            // One type as text, read as each type of a list is (an empty name is
            // refused: it could select nothing, and would not survive a round trip).
            Some((v @ Json::String(_), fp)) => self.r.name(v, &fp).into_iter().collect(),
            Some((v, fp)) => match self.r.array(v, &fp) {
                Some(items) => items
                    .iter()
                    .enumerate()
                    .filter_map(|(i, t)| self.r.name(t, &index(&fp, i)))
                    .collect(),
                None => Vec::new(),
            },
        };
        let mut text = |key: &str| f.get(key).and_then(|(v, p)| self.r.name(v, &p));
        let (date, field, from, to) = (text("date"), text("field"), text("from"), text("to"));
        let filter = self.conditions(&f, "where");
        let condition = self.conditions(&f, "condition");
        let mut part = |key: &str| {
            f.get(key)
                .and_then(|(v, pp)| self.measure(v, &pp))
                .map(Box::new)
        };
        let (numerator, denominator) = (part("numerator"), part("denominator"));
        if self.poisoned.contains(&f.at("kind")) {
            self.poison(p.to_string());
        }
        Some(MeasureSpec {
            kind,
            fact,
            date,
            field,
            from,
            to,
            filter,
            condition,
            numerator,
            denominator,
        })
    }

    fn conditions(&mut self, f: &Fields, key: &str) -> Vec<ConditionSpec> {
        self.items(f, key, MAX_TIERS, Code::TooManyTiers)
            .into_iter()
            .filter_map(|(v, p)| {
                let c = self.r.object(
                    v,
                    &p,
                    &["field", "op", "value", "values", "from", "to", "hours"],
                )?;
                let op = self.req_choice(&c, "op", &ConditionOp::ALL);
                let mut text = |key: &str| c.get(key).and_then(|(v, p)| self.r.name(v, &p));
                let (field, from, to) = (text("field"), text("from"), text("to"));
                let value = match c.get("value") {
                    None => None,
                    Some((Json::Bool(b), _)) => Some(ConditionValue::Bool(*b)),
                    Some((Json::String(s), _)) => Some(ConditionValue::Text(s.clone())),
                    Some((v @ Json::Number(_), vp)) => {
                        self.r.decimal(v, &vp).map(ConditionValue::Number)
                    }
                    Some((_, vp)) => {
                        self.r.push(
                            vp,
                            Code::WrongType,
                            "a condition value is text, a number or a boolean",
                        );
                        None
                    }
                };
                let values = self
                    .items(&c, "values", 256, Code::TooManyTiers)
                    .into_iter()
                    .filter_map(|(v, p)| self.r.string(v, &p))
                    .collect();
                let hours = self.opt_dec(&c, "hours");
                Some(ConditionSpec {
                    field,
                    op,
                    value,
                    values,
                    from,
                    to,
                    hours,
                })
            })
            .collect()
    }
}
