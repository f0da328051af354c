//! Team scorecards: the members' measures merged, team targets or the sum of the
//! members', and the mean of their totals.

use crate::error::{Code, Error, Problem};
use crate::output::card::write_card;
use crate::plan::Plan;
use crate::run::accumulate::Acc;
use crate::run::engine::{Engine, Subject};
use crate::score::input::{Input, SubjectInput};
use crate::score::proration::Factor;
use crate::score::results::{Results, Scorecard};
use crate::util::json_out::JsonOut;
use crate::util::rounding::round;
use rust_decimal::Decimal;
use std::collections::{BTreeMap, HashMap};

impl Engine<'_> {
    /// Team scorecards of one plan: measures merged over members, team targets.
    pub(super) fn teams(
        &self,
        out: &mut JsonOut,
        plan: &Plan,
        p: usize,
        inputs: &[SubjectInput],
        results: &Results,
    ) -> Result<(), Error> {
        let mut teams: BTreeMap<String, Vec<usize>> = BTreeMap::new();
        for (k, x) in inputs.iter().enumerate() {
            if let Some(t) = x.groups.get("team") {
                teams.entry(t.clone()).or_default().push(k);
            }
        }
        let subject_of: HashMap<&str, &Subject> = self
            .subjects
            .iter()
            .filter(|s| s.plan == p)
            .filter_map(|s| self.setup.members.get(s.member).map(|m| (m.id.as_str(), s)))
            .collect();
        // The team targets by (team, indicator); the first row of each wins.
        let mut team_targets: HashMap<(&str, &str), Decimal> = HashMap::new();
        for r in &self.setup.team_targets {
            team_targets
                .entry((r.who.as_str(), r.indicator.as_str()))
                .or_insert(r.value);
        }
        let mut team_inputs = Vec::new();
        let mut stats = Vec::new();
        for (team, ks) in &teams {
            let mut t = SubjectInput::new(plan, team.clone());
            for (i, ind) in plan.inner.indicators.iter().enumerate() {
                let Some(m) = &ind.measure else {
                    // No measure (actuals given per person): no team actual, but the
                    // team's `team_targets` row is still its target.
                    if let (Some(value), Some(slot)) = (
                        team_targets.get(&(team.as_str(), ind.id.as_str())),
                        t.targets.get_mut(i),
                    ) {
                        *slot = Some(*value);
                    }
                    continue;
                };
                let mut summed = false;
                let mut acc = Acc::new(m);
                for &k in ks {
                    let id = inputs.get(k).map(|x| x.id.as_str()).unwrap_or("");
                    if let Some(Some(a)) = subject_of.get(id).and_then(|s| s.accs.get(i)) {
                        acc.merge(a);
                    }
                }
                t.set_actual_at(i, acc.value(ind.percent).ok().flatten());
                if let Some(value) = team_targets.get(&(team.as_str(), ind.id.as_str())) {
                    if let Some(slot) = t.targets.get_mut(i) {
                        *slot = Some(*value);
                    }
                } else if m.kind.is_additive() {
                    // The sum of the members' targets as their scorecards show them
                    // (prorated, and period-to-date already), when all have one.
                    let mut sum = Some(Decimal::ZERO);
                    for &k in ks {
                        let card = inputs.get(k).and_then(|x| results.subject(&x.id));
                        let node = plan.inner.indicator_nodes.get(i).copied().flatten();
                        let target = card
                            .and_then(|c| node.and_then(|n| c.nodes.get(n)))
                            .and_then(|o| o.target);
                        sum = match (sum, target) {
                            (Some(a), Some(b)) => Some(a.checked_add(b).ok_or_else(|| {
                                overflow(team, "the sum of the members' targets")
                            })?),
                            _ => None,
                        };
                    }
                    if let (Some(s), Some(slot)) = (sum, t.targets.get_mut(i)) {
                        *slot = Some(s);
                        summed = true;
                    }
                }
                if self.setup.as_of.is_some() && m.kind.is_additive() {
                    let elapsed = Factor::ratio(self.window.days(), self.setup.period.days());
                    if let Some(slot) = t.factors.get_mut(i) {
                        *slot = Some(if summed { Factor::ONE } else { elapsed });
                    }
                }
            }
            let totals: Vec<Decimal> = ks
                .iter()
                .filter_map(|&k| {
                    inputs
                        .get(k)
                        .and_then(|x| results.subject(&x.id))
                        .and_then(Scorecard::total)
                })
                .collect();
            let mean = match totals.len() {
                0 => None,
                n => totals
                    .iter()
                    .try_fold(Decimal::ZERO, |a, t| a.checked_add(*t))
                    .and_then(|sum| sum.checked_div(Decimal::from(n as u64)))
                    .map(Some)
                    .ok_or_else(|| overflow(team, "the mean of the members' totals"))?,
            };
            let mut ids: Vec<String> = ks
                .iter()
                .filter_map(|&k| inputs.get(k).map(|x| x.id.clone()))
                .collect();
            ids.sort();
            stats.push((team.clone(), ids, mean));
            team_inputs.push(t);
        }
        let team_results = plan.score(&Input::from_subjects(team_inputs))?;
        let scale = plan.scale();
        let strategy = plan.inner.rounding.strategy;
        for (team, members, mean) in stats {
            out.begin_obj();
            out.field("plan").str(plan.id());
            out.field("team").str(&team);
            out.field("members").begin_arr();
            for m in &members {
                out.str(m);
            }
            out.end_arr();
            out.field("mean_total");
            match mean {
                Some(m) => {
                    out.dec_text(round(m, scale, strategy), scale);
                }
                None => {
                    out.null();
                }
            }
            out.field("scorecard");
            match team_results.subject(&team) {
                Some(c) => {
                    write_card(out, &plan.inner, c);
                    out.end_obj();
                }
                None => {
                    out.null();
                }
            }
            out.end_obj();
        }
        Ok(())
    }
}

/// A team's figure that went beyond 28 significant digits.
fn overflow(team: &str, what: &str) -> Error {
    Error::Input(vec![Problem::new(
        format!("/teams/{team}"),
        Code::Overflow,
        format!("{what} went beyond 28 significant digits"),
    )])
}
