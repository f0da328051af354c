//! The sections only a run reads: calendar, fact field names, pace. A value that
//! cannot be read falls back to its default.

use super::Walker;
use crate::plan::spec::{CalendarSpec, FactFieldsSpec, PaceSpec};
use crate::util::json::Json;

impl Walker<'_> {
    pub(super) fn calendar(&mut self, v: &Json, p: &str) -> Option<CalendarSpec> {
        let c = self
            .r
            .object(v, p, &["time_zone", "fiscal_year_start", "week_start"])?;
        let d = CalendarSpec::default();
        Some(CalendarSpec {
            time_zone: c
                .get("time_zone")
                .and_then(|(v, p)| self.r.string(v, &p))
                .unwrap_or(d.time_zone),
            fiscal_year_start: match c.get("fiscal_year_start") {
                Some((v, p)) => self.r.small_int(v, &p, 1, 12).unwrap_or(1),
                None => 1,
            },
            week_start: c
                .get("week_start")
                .and_then(|(v, p)| self.r.string(v, &p))
                .unwrap_or(d.week_start),
        })
    }

    pub(super) fn facts(&mut self, v: &Json, p: &str) -> Option<FactFieldsSpec> {
        let c = self.r.object(v, p, &["id", "subject", "type"])?;
        let d = FactFieldsSpec::default();
        let mut field = |key: &str, default: String| match c.get(key) {
            Some((v, p)) => self.r.name(v, &p).unwrap_or(default),
            None => default,
        };
        Some(FactFieldsSpec {
            id: field("id", d.id),
            subject: field("subject", d.subject),
            kind: field("type", d.kind),
        })
    }

    pub(super) fn pace(&mut self, v: &Json, p: &str) -> Option<PaceSpec> {
        let c = self.r.object(v, p, &["warn_below"])?;
        Some(PaceSpec {
            warn_below: self.opt_dec(&c, "warn_below"),
        })
    }
}
