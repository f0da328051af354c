//! Assembling a run's result: the measured actuals, the tables applied, every
//! plan's subjects scored and written with their teams, the unscored and the ledger.

use crate::error::{Code, Error, Problem};
use crate::limits::MAX_OUTPUT_BYTES;
use crate::output::card::write_card;
use crate::plan::spec::RankMethod;
use crate::plan::Plan;
use crate::run::engine::Engine;
use crate::run::pace::write_pace;
use crate::run::period::date_text;
use crate::run::result::RunResult;
use crate::run::roster::split;
use crate::score::budget::too_large;
use crate::score::input::{Input, SubjectInput};
use crate::score::proration::Factor;
use crate::score::rank::ranks;
use crate::score::results::Scorecard;
use crate::util::json_out::JsonOut;
use crate::util::json_reader::join;
use crate::util::rounding::round;
use rust_decimal::Decimal;
use std::collections::HashMap;

impl Engine<'_> {
    pub(super) fn finish(mut self) -> Result<RunResult, Error> {
        let setup = self.setup;
        self.ledger.prune(&self.table.names);
        self.ledger.fields = self.table.names.clone();
        let mut conflicts: Vec<(String, Vec<u64>)> = std::mem::take(&mut self.conflicts)
            .into_values()
            .map(|(id, mut lines)| {
                lines.sort_unstable();
                (id, lines)
            })
            .collect();
        conflicts.sort();
        self.ledger.conflicts = conflicts;

        let period_days = setup.period.days();
        let ptd = setup.as_of.is_some();
        // Days are bounded by the calendar, so this quotient cannot fail; zero if it did.
        let elapsed = Decimal::from(self.window.days())
            .checked_div(Decimal::from(period_days.max(1)))
            .unwrap_or_default();
        let mut problems = Vec::new();
        // Where each scored subject's input is: (plan, position in that plan's list).
        let mut slot_of: HashMap<&str, (usize, usize)> = HashMap::new();
        let mut per_plan: Vec<(Vec<SubjectInput>, Vec<usize>)> = setup
            .plans
            .iter()
            .map(|_| (Vec::new(), Vec::new()))
            .collect();
        for (si, s) in self.subjects.iter().enumerate() {
            let (Some(plan), Some(m)) = (setup.plans.get(s.plan), setup.members.get(s.member))
            else {
                continue;
            };
            let mut input = SubjectInput::new(plan, m.id.clone());
            if let Some(t) = &m.team {
                input.set_group("team", t.clone());
            }
            if let Some(ro) = &m.role {
                input.set_group("role", ro.clone());
            }
            let active = Factor::ratio(s.days_full, period_days);
            if active.prorates() {
                input.active = active;
            }
            for (i, ind) in plan.inner.indicators.iter().enumerate() {
                let Some(Some(acc)) = s.accs.get(i) else {
                    continue;
                };
                match acc.value(ind.percent) {
                    Ok(v) => input.set_actual_at(i, v),
                    Err(_) => problems.push(Problem::new(
                        format!("/subjects/{}/{}", m.id, ind.id),
                        Code::Overflow,
                        "a measured sum went beyond 28 significant digits",
                    )),
                }
                if ptd && ind.measure.as_ref().is_some_and(|mm| mm.kind.is_additive()) {
                    let days = if ind.target.prorate {
                        s.days_window
                    } else {
                        self.window.days()
                    };
                    if let Some(slot) = input.factors.get_mut(i) {
                        *slot = Some(Factor::ratio(days, period_days));
                    }
                }
            }
            // Bonus and deduction points: measured, or given in the `points` table
            // (below); an item with neither is flagged `missing` on the card.
            let n = plan.inner.indicators.len();
            for (k, item) in plan.inner.points.iter().enumerate() {
                if item.measured.is_none() {
                    if let Some(u) = input.unfed.get_mut(k) {
                        *u = true;
                    }
                    continue;
                }
                let Some(Some(acc)) = s.accs.get(n.saturating_add(k)) else {
                    continue;
                };
                match acc.value(false) {
                    Ok(v) => {
                        if let Some(slot) = input.measured.get_mut(k) {
                            *slot = v;
                        }
                    }
                    Err(_) => problems.push(Problem::new(
                        format!("/subjects/{}/{}", m.id, item.id),
                        Code::Overflow,
                        "a measured sum went beyond 28 significant digits",
                    )),
                }
            }
            if let Some(pp) = per_plan.get_mut(s.plan) {
                slot_of.insert(m.id.as_str(), (s.plan, pp.0.len()));
                pp.0.push(input);
                pp.1.push(si);
            }
        }
        if !problems.is_empty() {
            return Err(Error::Input(problems));
        }
        // Direct actuals, team splits, then per-subject targets (which win); rows
        // found by id, in the order given.
        for row in &setup.actuals {
            if let Some(inp) = input_of(&mut per_plan, &slot_of, &row.who) {
                if let Some(i) = inp.plan.indicator_index(&row.indicator) {
                    inp.set_actual_at(i, Some(row.value));
                }
            }
        }
        for row in &setup.points {
            if let Some(inp) = input_of(&mut per_plan, &slot_of, &row.who) {
                if let Some(&k) = inp.plan.inner.points_index.get(&row.indicator) {
                    if let (Some(slot), Some(unfed)) = (inp.points.get_mut(k), inp.unfed.get_mut(k))
                    {
                        *slot = row.value;
                        *unfed = false;
                    }
                }
            }
        }
        // Each plan's teams: the positions of their members' inputs.
        let teams_of: Vec<HashMap<&str, Vec<usize>>> = per_plan
            .iter()
            .map(|(inputs, _)| {
                let mut teams: HashMap<&str, Vec<usize>> = HashMap::new();
                for (k, x) in inputs.iter().enumerate() {
                    if let Some(t) = x.groups.get("team") {
                        teams.entry(t.as_str()).or_default().push(k);
                    }
                }
                teams
            })
            .collect();
        let mut splits: Vec<(usize, usize, usize, Decimal)> = Vec::new();
        for row in &setup.team_targets {
            for (p, plan) in setup.plans.iter().enumerate() {
                let Some(i) = plan.indicator_index(&row.indicator) else {
                    continue;
                };
                let Some(ind) = plan.inner.indicators.get(i) else {
                    continue;
                };
                let (Some((inputs, subject_ix)), Some(teams)) = (per_plan.get(p), teams_of.get(p))
                else {
                    continue;
                };
                let ks = teams.get(row.who.as_str()).map_or(&[][..], Vec::as_slice);
                let share = |k: &usize| {
                    let si = subject_ix.get(*k)?;
                    let member = self.subjects.get(*si)?.member;
                    setup.members.get(member)?.share
                };
                let shares: Vec<Option<Decimal>> = ks.iter().map(share).collect();
                let total = shares
                    .iter()
                    .try_fold(Decimal::ZERO, |a, s| a.checked_add(s.unwrap_or_default()));
                let by_share = !shares.is_empty()
                    && shares.iter().all(Option::is_some)
                    && total.is_some_and(|t| t > Decimal::ZERO);
                let members: Vec<(String, Decimal)> = ks
                    .iter()
                    .zip(&shares)
                    .filter_map(|(k, s)| {
                        let share = if by_share {
                            s.unwrap_or_default()
                        } else {
                            Decimal::ZERO
                        };
                        inputs.get(*k).map(|x| (x.id.clone(), share))
                    })
                    .collect();
                let Some(parts) = split(row.value, ind.step, &members) else {
                    return Err(Error::Input(vec![Problem::new(
                        join(&row.path, "target"),
                        Code::Overflow,
                        "splitting this team target among the members went beyond 28 significant digits",
                    )]));
                };
                for &k in ks {
                    if let Some(v) = inputs.get(k).and_then(|x| parts.get(&x.id)) {
                        splits.push((p, k, i, *v));
                    }
                }
            }
        }
        for (p, k, i, v) in splits {
            let slot = per_plan
                .get_mut(p)
                .and_then(|pp| pp.0.get_mut(k))
                .and_then(|inp| inp.targets.get_mut(i));
            if let Some(slot) = slot {
                *slot = Some(v);
            }
        }
        for row in &setup.targets {
            if let Some(inp) = input_of(&mut per_plan, &slot_of, &row.who) {
                if let Some(i) = inp.plan.indicator_index(&row.indicator) {
                    if let Some(slot) = inp.targets.get_mut(i) {
                        *slot = Some(row.value);
                    }
                }
            }
        }

        // Score each plan's subjects, then its teams; write the document as we go.
        let first = setup.plans.first();
        let scale0 = first.map_or(2, Plan::scale);
        let strategy0 = first.map_or(rust_decimal::RoundingStrategy::MidpointAwayFromZero, |p| {
            p.inner.rounding.strategy
        });
        let mut j = JsonOut::new();
        j.begin_obj();
        j.field("period").begin_obj();
        j.field("id").str(&setup.period.id);
        j.field("start").str(&date_text(setup.period.start));
        j.field("end").str(&date_text(setup.period.end));
        j.field("days").int(period_days);
        j.field("as_of")
            .opt_str(setup.as_of.map(date_text).as_deref());
        j.field("elapsed");
        if ptd {
            j.dec_text(round(elapsed, scale0, strategy0), scale0);
        } else {
            j.null();
        }
        j.field("time_zone")
            .str(first.map_or("UTC", |p| p.calendar().tz.name()));
        j.end_obj();
        j.field("results").begin_arr();
        let mut teams = JsonOut::new();
        teams.begin_arr();
        let mut all_results = Vec::new();
        for (p, plan) in setup.plans.iter().enumerate() {
            let Some((inputs, subject_ix)) = per_plan.get(p) else {
                continue;
            };
            let results = plan
                .score(&Input::from_subjects(inputs.clone()))
                .map_err(|e| at_roster(e, plan.id()))?;
            let team_of: HashMap<&str, Option<&str>> = inputs
                .iter()
                .map(|x| (x.id.as_str(), x.groups.get("team").map(String::as_str)))
                .collect();
            let team_ranks = team_ranks(results.subjects(), &team_of, plan.inner.rank_method);
            let subj_of: HashMap<&str, usize> = inputs
                .iter()
                .zip(subject_ix)
                .map(|(x, si)| (x.id.as_str(), *si))
                .collect();
            j.begin_obj();
            j.field("plan").begin_obj();
            j.field("id").str(plan.id());
            j.field("version").str(plan.version());
            j.end_obj();
            j.field("subjects").begin_arr();
            for (k, card) in results.subjects().iter().enumerate() {
                write_card(&mut j, &plan.inner, card);
                j.field("team")
                    .opt_str(team_of.get(card.id()).copied().flatten());
                j.field("team_rank")
                    .opt_uint(team_ranks.get(k).copied().flatten().map(u64::from));
                j.field("pace");
                match subj_of.get(card.id()).and_then(|si| self.subjects.get(*si)) {
                    Some(s) if ptd => write_pace(&mut j, plan, card, s),
                    _ => {
                        j.null();
                    }
                }
                j.end_obj();
                if j.buf.len() > MAX_OUTPUT_BYTES {
                    return Err(too_large("/roster", j.buf.len()));
                }
            }
            j.end_arr();
            j.end_obj();
            self.teams(&mut teams, plan, p, inputs, &results)?;
            if j.buf.len().saturating_add(teams.buf.len()) > MAX_OUTPUT_BYTES {
                return Err(too_large("/roster", j.buf.len() + teams.buf.len()));
            }
            all_results.push(results);
        }
        j.end_arr();
        teams.end_arr();
        j.field("teams").raw(&teams.finish());
        j.field("unscored").begin_arr();
        for (s, c) in &self.unscored {
            j.begin_obj();
            j.field("subject").str(s);
            j.field("code").str(c.as_str());
            j.field("message").str(c.message());
            j.end_obj();
        }
        j.end_arr();
        j.field("ledger");
        self.ledger.write(&mut j);
        j.end_obj();
        Ok(RunResult {
            json: j.finish(),
            value: std::sync::OnceLock::new(),
            ledger: self.ledger,
            results: all_results,
        })
    }
}

/// Each card's rank within its team (None: no team or no total).
pub(super) fn team_ranks(
    cards: &[Scorecard],
    team_of: &HashMap<&str, Option<&str>>,
    method: RankMethod,
) -> Vec<Option<u32>> {
    let (at, entries): (Vec<usize>, Vec<_>) = cards
        .iter()
        .enumerate()
        .filter_map(|(i, c)| {
            let team = team_of.get(c.id()).copied().flatten()?;
            Some((i, (team, c.total()?)))
        })
        .unzip();
    let mut out = vec![None; cards.len()];
    for (i, r) in at.into_iter().zip(ranks(&entries, method)) {
        if let Some(slot) = out.get_mut(i) {
            *slot = Some(r);
        }
    }
    out
}

/// The input of subject `who`, found through `slot_of` (plan, position).
fn input_of<'a>(
    per_plan: &'a mut [(Vec<SubjectInput>, Vec<usize>)],
    slot_of: &HashMap<&str, (usize, usize)>,
    who: &str,
) -> Option<&'a mut SubjectInput> {
    let &(p, k) = slot_of.get(who)?;
    per_plan.get_mut(p)?.0.get_mut(k)
}

/// A plan's batch refused as too large (`output_too_large` at `/subjects`) is the
/// roster's: a run has no subjects document.
fn at_roster(e: Error, plan: &str) -> Error {
    match e {
        Error::Input(mut problems) => {
            for p in &mut problems {
                if p.code == Code::OutputTooLarge {
                    p.path = "/roster".into();
                    p.message = format!("plan {plan:?}: {}", p.message);
                }
            }
            Error::Input(problems)
        }
        other => other,
    }
}
