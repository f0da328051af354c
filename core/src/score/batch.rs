//! Scoring a whole input: every subject (on several threads when there are many),
//! the cards sorted by id, then ranked among peers.

use crate::error::{Code, Error, Problem};
use crate::plan::{Plan, PlanInner};
use crate::score::input::{Input, SubjectInput};
use crate::score::rank::ranks;
use crate::score::results::{NodeOutcome, Results, Scorecard};
use crate::score::subject::score_subject;
use std::sync::Arc;

/// Inputs at least this large are scored on several threads.
const PARALLEL_FROM: usize = 4096;

impl Plan {
    /// Score every subject of `input`. Results are sorted by subject id, so they do
    /// not depend on the order of the input.
    ///
    /// A batch whose results would be more than
    /// [`MAX_OUTPUT_BYTES`](crate::limits::MAX_OUTPUT_BYTES) of canonical text
    /// (estimated from the plan and the subjects, every node explained unless
    /// [`Input::with_explanations`] is off) is refused with `output_too_large` at
    /// `/subjects` before anything is scored.
    pub fn score(&self, input: &Input) -> Result<Results, Error> {
        let mut seen = std::collections::HashSet::with_capacity(input.subjects.len());
        for (i, s) in input.subjects.iter().enumerate() {
            if !Arc::ptr_eq(&s.plan.inner, &self.inner) {
                return Err(Error::Input(vec![Problem::new(
                    format!("/subjects/{i}"),
                    Code::InvalidValue,
                    "this subject was made for another plan",
                )]));
            }
            if !seen.insert(s.id.as_str()) {
                return Err(Error::Input(vec![Problem::new(
                    format!("/subjects/{i}/id"),
                    Code::DuplicateSubject,
                    format!("subject {:?} appears twice", s.id),
                )]));
            }
        }
        // Refused before anything is scored: results too large to write.
        crate::score::budget::check(
            &self.inner,
            &input.subjects,
            input.what_it_takes,
            input.summary,
            "/subjects",
        )?;
        let one = |s: &SubjectInput| score_with_next(&self.inner, s, input.what_it_takes);
        // Large inputs are scored on every core; the cards are then sorted by id and
        // ranked, so the result is the same whatever the thread count.
        let threads = crate::util::threads::count(input.threads);
        let n = input.subjects.len();
        let mut cards: Vec<Scorecard> = if threads > 1 && n >= PARALLEL_FROM {
            let per = n.div_ceil(threads);
            let scored: Vec<Option<Vec<Scorecard>>> = std::thread::scope(|sc| {
                let handles: Vec<_> = input
                    .subjects
                    .chunks(per)
                    .map(|part| sc.spawn(move || part.iter().map(one).collect::<Vec<_>>()))
                    .collect();
                handles.into_iter().map(|h| h.join().ok()).collect()
            });
            let mut cards = Vec::with_capacity(n);
            for part in scored {
                match part {
                    Some(p) => cards.extend(p),
                    None => {
                        return Err(Error::Input(vec![Problem::new(
                            "",
                            Code::Overflow,
                            "a scoring thread failed",
                        )]))
                    }
                }
            }
            cards
        } else {
            input.subjects.iter().map(one).collect()
        };
        if input.summary {
            for c in &mut cards {
                c.summary = true;
            }
        }
        cards.sort_unstable_by(|a, b| a.id.cmp(&b.id));
        rank(&self.inner, &mut cards);
        Ok(Results {
            plan: self.clone(),
            cards,
        })
    }

    /// Score one subject (no rank: that needs peers).
    pub fn score_one(&self, subject: &SubjectInput, what_it_takes: bool) -> Scorecard {
        score_with_next(&self.inner, subject, what_it_takes)
    }
}

/// Score a subject and, if asked, fill in what it takes (from the indicator
/// outcomes scoring computed, kept for it).
pub(crate) fn score_with_next(
    plan: &PlanInner,
    s: &SubjectInput,
    what_it_takes: bool,
) -> Scorecard {
    if !what_it_takes {
        return score_subject(plan, s, None);
    }
    let mut base = vec![NodeOutcome::default(); plan.nodes.len()];
    let mut card = score_subject(plan, s, Some(&mut base));
    crate::score::what_it_takes::fill(plan, s, &base, &mut card);
    card
}

/// Ranks by total within the plan's `rank_within` groups (see [`ranks`]); a card
/// with no total has no rank.
pub(crate) fn rank(plan: &PlanInner, cards: &mut [Scorecard]) {
    let key = |c: &Scorecard| -> Vec<Option<String>> {
        plan.rank_within
            .iter()
            .map(|k| c.groups.get(k).cloned())
            .collect()
    };
    let (at, entries): (Vec<usize>, Vec<_>) = cards
        .iter()
        .enumerate()
        .filter_map(|(i, c)| c.total.map(|t| (i, (key(c), t))))
        .unzip();
    for (i, r) in at.into_iter().zip(ranks(&entries, plan.rank_method)) {
        if let Some(card) = cards.get_mut(i) {
            card.rank = Some(r);
        }
    }
}
