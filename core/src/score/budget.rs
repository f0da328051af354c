//! The output budget ([`MAX_OUTPUT_BYTES`]): how large a batch's canonical text
//! will be, estimated from the plan and the subjects before anything is scored,
//! so that an input which would explain every node of a large tree for many
//! subjects is refused (`output_too_large`) instead of exhausting memory. Each
//! scorecard counts as the larger of its text and what it holds in memory
//! ([`card_memory`]), which decides for scorecards without their trees.
//!
//! The estimate counts every subject as scored and every node as explained, with
//! the plan's and the subjects' own text (ids, names, tier and rating names, group
//! values) at its length and each figure at a typical width (`"123.45"`). Figures
//! can be longer (a 28-digit achievement), so writers that can fail also stop at
//! the limit while writing ([`too_large`]).

use crate::error::{Code, Error, Problem};
use crate::limits::MAX_OUTPUT_BYTES;
use crate::plan::{NodeKind, PlanInner};
use crate::score::input::SubjectInput;

/// A scorecard's keys and fixed values, as written with empty values
/// (`{"id":"","status":"scored","total":,…,"problems":[]},`).
const CARD: usize = 153;
/// An adjustment's keys (`{"id":"","kind":"deduction","points":,"flags":[]},`).
const ADJUSTMENT: usize = 50;
/// A group node's keys (`{"id":"","kind":"group","name":,…,"children":[]},`).
const GROUP: usize = 113;
/// An indicator node's keys (`{"id":"","kind":"indicator","name":,…,"next":null},`).
const INDICATOR: usize = 170;
/// What it takes's keys, in place of `null` (`{"goal":"point","tier":,…}`).
const NEXT: usize = 68;
/// A flag a node or a card may carry (`"capped"`), on average.
const FLAGS: usize = 4;
/// A rank (`12345`).
const RANK: usize = 5;
/// An earnings statement's keys (`,"earnings":{"currency":,"lines":[],"total":,"capped":false}`).
const STATEMENT: usize = 64;
/// A statement line's keys and fixed words (`{"id":"","indicator":,"basis":"achievement",…}`).
const LINE: usize = 190;
/// A slice of a marginal line (`{"band":12,"lower":,"upper":,"amount":,"rate":,"earnings":},`).
const SLICE: usize = 66;

/// Estimated bytes of one scorecard of `plan`, ids and groups aside: every node
/// explained, *what it takes* included when asked.
pub(crate) fn card_bytes(plan: &PlanInner, what_it_takes: bool, summary: bool) -> usize {
    let longest = |names: &mut dyn Iterator<Item = usize>| names.max().unwrap_or(4) + 2;
    // `"123.45",`: quotes, comma, three digits, the point and the places.
    let figure = 7 + plan.rounding.scale as usize;
    let rating = longest(&mut plan.ratings.iter().map(|b| b.name.len()));
    let mut bytes = CARD + 3 * figure + RANK + rating + FLAGS;
    for a in &plan.adjustments {
        let id = match a {
            crate::plan::AdjustmentRef::Gate(g) => plan.gates.get(*g).map_or(0, |g| g.id.len()),
            crate::plan::AdjustmentRef::Points(p) => plan.points.get(*p).map_or(0, |p| p.id.len()),
        };
        bytes = bytes.saturating_add(ADJUSTMENT + id + figure + FLAGS);
    }
    bytes = bytes.saturating_add(statement_bytes(plan, figure));
    if summary {
        return bytes; // `"tree":null`, counted in CARD
    }
    for node in &plan.nodes {
        let this = match &node.kind {
            NodeKind::Group { .. } => {
                let name = node.name.as_ref().map_or(4, |n| n.len() + 2);
                GROUP + node.id.len() + name + 4 * figure + FLAGS
            }
            NodeKind::Indicator(i) => {
                let ind = plan.indicators.get(*i);
                let name = ind.map_or(4, |d| d.name.len() + 2);
                let tier = longest(
                    &mut ind
                        .into_iter()
                        .flat_map(|d| d.target.tiers.iter().map(|t| t.name.len())),
                );
                let next = if what_it_takes {
                    NEXT + 4 * figure + tier + rating
                } else {
                    0
                };
                INDICATOR + node.id.len() + name + 8 * figure + tier + FLAGS + next
            }
        };
        bytes = bytes.saturating_add(this);
    }
    bytes
}

/// Estimated bytes of a scorecard's earnings statement (none without `earnings`):
/// every line at its longest, a marginal line with a slice for every band. Rates
/// are written with six places.
fn statement_bytes(plan: &PlanInner, figure: usize) -> usize {
    let Some(e) = &plan.earnings else {
        return 0;
    };
    let rate = 7 + 6;
    let id = crate::limits::MAX_ID_LEN + 2;
    e.lines.iter().fold(STATEMENT + figure, |n, l| {
        let slices = match &l.table {
            crate::plan::earnings::Table::Marginal(bands) => {
                bands.len() * (SLICE + 4 * figure + rate)
            }
            _ => 0,
        };
        n.saturating_add(LINE + 2 * id + 4 * figure + 2 * rate + slices)
    })
}

/// Bytes one scorecard holds in memory while the batch is scored and written: its
/// outcome of every node (kept without a tree too, for
/// [`crate::Results::indicator_scores`]) and of every adjustment. Below the text of
/// an explained scorecard; the larger part of one without its tree.
pub(crate) fn card_memory(plan: &PlanInner, what_it_takes: bool) -> usize {
    use crate::score::results::{AdjustmentOutcome, Next, NodeOutcome, Scorecard};
    use std::mem::size_of;
    let mut node = size_of::<NodeOutcome>();
    if what_it_takes {
        node += size_of::<Option<Next>>();
    }
    let adjustments = plan.adjustments.len() * size_of::<AdjustmentOutcome>();
    size_of::<Scorecard>() + plan.nodes.len() * node + adjustments
}

/// Estimated bytes of the scorecard of subject `s`, beyond [`card_bytes`]: its id
/// and groups.
fn subject_bytes(s: &SubjectInput) -> usize {
    s.groups.iter().fold(s.id.len(), |n, (k, v)| {
        n.saturating_add(k.len() + v.len() + 6)
    })
}

/// Refuse a batch whose results are estimated above [`MAX_OUTPUT_BYTES`]: a
/// problem at `path` (the subjects) saying how large, and how to get less.
pub(crate) fn check(
    plan: &PlanInner,
    subjects: &[SubjectInput],
    what_it_takes: bool,
    summary: bool,
    path: &str,
) -> Result<(), Error> {
    let card = card_bytes(plan, what_it_takes, summary).max(card_memory(plan, what_it_takes));
    let estimate = subjects.iter().fold(64usize, |n, s| {
        n.saturating_add(card).saturating_add(subject_bytes(s))
    });
    refuse_over(
        plan,
        subjects.len(),
        card,
        estimate,
        (what_it_takes, summary),
        path,
    )
}

/// As [`check`] from the number of subjects alone (their ids and groups not yet
/// read): refuses no batch that [`check`] would accept, and refuses a document of
/// too many subjects before they are read.
pub(crate) fn check_count(
    plan: &PlanInner,
    subjects: usize,
    what_it_takes: bool,
    summary: bool,
    path: &str,
) -> Result<(), Error> {
    let card = card_bytes(plan, what_it_takes, summary).max(card_memory(plan, what_it_takes));
    let estimate = card.saturating_mul(subjects).saturating_add(64);
    refuse_over(
        plan,
        subjects,
        card,
        estimate,
        (what_it_takes, summary),
        path,
    )
}

fn refuse_over(
    plan: &PlanInner,
    subjects: usize,
    card: usize,
    estimate: usize,
    (what_it_takes, summary): (bool, bool),
    path: &str,
) -> Result<(), Error> {
    if estimate <= MAX_OUTPUT_BYTES {
        return Ok(());
    }
    let fits = MAX_OUTPUT_BYTES / card.max(1);
    let mut how = format!("score at most about {fits} subjects at a time");
    if what_it_takes {
        how.push_str(", or without what it takes");
    }
    if !summary {
        how.push_str(
            ", or ask for scorecards without their trees (input option \"explain\": false; \
             Input::with_explanations(false))",
        );
    }
    let what = if summary {
        "without its tree".to_string()
    } else {
        format!("every node of the plan's {} explained", plan.nodes.len())
    };
    Err(Error::Input(vec![Problem::new(
        path,
        Code::OutputTooLarge,
        format!(
            "the results of {subjects} subjects would take about {} ({} per \
             scorecard, {what}), over the limit of {}: {how}",
            size(estimate),
            size(card),
            size(MAX_OUTPUT_BYTES),
        ),
    )]))
}

/// The problem of text that grew past [`MAX_OUTPUT_BYTES`] while being written
/// (figures longer than estimated): at `path`, having written `bytes`.
pub(crate) fn too_large(path: &str, bytes: usize) -> Error {
    Error::Input(vec![Problem::new(
        path,
        Code::OutputTooLarge,
        format!(
            "the results passed the limit of {} of text ({} written): score fewer \
             subjects at a time",
            size(MAX_OUTPUT_BYTES),
            size(bytes),
        ),
    )])
}

/// A byte count for people: `812 bytes`, `3.4 MB`, `256 MiB`.
fn size(bytes: usize) -> String {
    const MIB: usize = 1 << 20;
    if bytes.is_multiple_of(MIB) && bytes >= MIB {
        format!("{} MiB", bytes / MIB)
    } else if bytes >= 1_000_000_000 {
        format!(
            "{}.{} GB",
            bytes / 1_000_000_000,
            bytes % 1_000_000_000 / 100_000_000
        )
    } else if bytes >= 1_000_000 {
        format!("{}.{} MB", bytes / 1_000_000, bytes % 1_000_000 / 100_000)
    } else if bytes >= 1_000 {
        format!("{}.{} KB", bytes / 1_000, bytes % 1_000 / 100)
    } else {
        format!("{bytes} bytes")
    }
}

#[cfg(test)]
mod tests {
    use super::size;

    #[test]
    fn sizes_read_as_people_write_them() {
        assert_eq!(size(812), "812 bytes");
        assert_eq!(size(3_456), "3.4 KB");
        assert_eq!(size(2_812_000_000), "2.8 GB");
        assert_eq!(size(256 << 20), "256 MiB");
    }
}

#[cfg(test)]
mod calibration {
    use super::card_bytes;
    use crate::{Input, Plan};

    /// A plan of `n` ratio indicators with tiers on every other one.
    fn plan(n: usize, name: &str) -> Plan {
        let inds: Vec<String> = (0..n)
            .map(|i| {
                let target = if i % 2 == 1 {
                    r#""target": {"value": 100, "tiers": [{"name": "bronze", "at": 50, "score": 60},
                        {"name": "silver", "at": 80, "score": 90}, {"name": "gold", "at": 100, "score": 120}]},
                        "curve": {"kind": "step"}"#
                } else {
                    r#""target": {"value": 100}, "curve": {"kind": "ratio", "cap": 150}"#
                };
                format!(
                    r#"{{"id": "i{i}", "name": "{name}", "unit": {{"kind": "count"}},
                    "direction": "higher_is_better", {target}}}"#
                )
            })
            .collect();
        let w = 100.0 / n as f64;
        let children: Vec<String> = (0..n)
            .map(|i| format!(r#"{{"indicator": "i{i}", "weight": {w}}}"#))
            .collect();
        let text = format!(
            r#"{{"id": "p", "name": "p", "version": "1", "indicators": [{}],
            "tree": {{"group": "root", "children": [{}]}},
            "ratings": [{{"name": "A", "min": 90}}, {{"name": "B"}}]}}"#,
            inds.join(","),
            children.join(",")
        );
        Plan::from_json(&text).unwrap_or_else(|e| unreachable!("{e}"))
    }

    /// The estimate of a scorecard is close to the text of a typical one (figures
    /// of a few digits): not below it by a tenth, not above it by a fifth (two
    /// fifths with what it takes).
    #[test]
    fn the_estimate_is_close_to_the_text() {
        for (n, name) in [(4, "销售额"), (16, "Pipeline coverage")] {
            let p = plan(n, name);
            let actuals: Vec<String> = (0..n)
                .map(|i| format!(r#""i{i}": "{}""#, 40 + 13 * i))
                .collect();
            let doc = format!(
                r#"{{"subjects": [{{"id": "s0001", "actuals": {{{}}}}}]}}"#,
                actuals.join(",")
            );
            for next in [false, true] {
                let input = Input::from_json(&p, &doc).unwrap_or_else(|e| unreachable!("{e}"));
                let card = p.score_one(&input.subjects()[0], next);
                let text = p.card_json(&card).len();
                let estimate = card_bytes(&p.inner, next, false) + 5; // the subject's id
                let ratio = estimate as f64 / text as f64;
                // What it takes is counted for every indicator; some have none.
                let most = if next { 1.4 } else { 1.2 };
                assert!(
                    (0.9..most).contains(&ratio),
                    "{n} indicators, next {next}: estimate {estimate}, text {text}"
                );
            }
        }
    }
}
