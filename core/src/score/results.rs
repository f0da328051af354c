//! Results: one [`Scorecard`] per subject, with an explanation node per tree node.

use crate::error::Problem;
use crate::plan::Plan;
use crate::score::curve::Achievement;
use crate::score::flags::Flags;
use rust_decimal::Decimal;
use std::collections::BTreeMap;

/// Whether a subject was scored.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    /// Scored (the total may still be null when the tree has no data).
    Scored,
    /// Not scored: a node with policy `refuse` had no data, or arithmetic overflowed.
    Refused,
}

impl Status {
    /// `scored` or `refused`, as in the result format.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Scored => "scored",
            Status::Refused => "refused",
        }
    }
}

/// The explanation of one node of the weight tree for one subject.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct NodeOutcome {
    pub actual: Option<Decimal>,
    pub target: Option<Decimal>,
    /// Filled when the curve needed it; see [`NodeOutcome::achievement_for`].
    pub achievement: Option<Achievement>,
    pub tier: Option<usize>,
    pub score: Option<Decimal>,
    pub effective_weight: Decimal,
    pub flags: Flags,
}

impl NodeOutcome {
    /// The achievement of an indicator node, computing it if scoring did not need it.
    pub(crate) fn achievement_for(&self, dir: crate::plan::spec::Direction) -> Option<Achievement> {
        if self.achievement.is_some() {
            return self.achievement;
        }
        match (self.actual, self.score) {
            (Some(a), Some(_)) => crate::score::curve::achievement(dir, a, self.target)
                .ok()
                .flatten(),
            _ => None,
        }
    }
}

/// What it takes to reach the next tier or score point on one indicator.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Next {
    pub tier: Option<usize>,
    pub actual: Decimal,
    pub change: Decimal,
    pub score: Decimal,
    pub total: Option<Decimal>,
    pub rating: Option<usize>,
}

/// What it takes to clear the total gate that caps a gated subject's total: the
/// gate's indicator moved to `actual` (the smallest multiple of its step that
/// passes the gate), and the total and rating that would follow.
#[derive(Debug, Clone, Copy)]
pub(crate) struct NextGate {
    /// Index in `plan.gates`.
    pub gate: usize,
    pub actual: Decimal,
    pub change: Decimal,
    pub total: Option<Decimal>,
    pub rating: Option<usize>,
}

/// The effect of one plan adjustment on one subject.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct AdjustmentOutcome {
    pub points: Option<Decimal>,
    pub flags: Flags,
    /// Units measured from facts (a measured bonus or deduction in a run).
    pub measured: Option<Decimal>,
}

/// One subject's result.
#[derive(Debug, Clone)]
pub struct Scorecard {
    pub(crate) id: String,
    pub(crate) groups: BTreeMap<String, String>,
    pub(crate) status: Status,
    pub(crate) score: Option<Decimal>,
    pub(crate) total: Option<Decimal>,
    pub(crate) rating: Option<usize>,
    pub(crate) rank: Option<u32>,
    pub(crate) payout: Option<Decimal>,
    pub(crate) flags: Flags,
    pub(crate) adjustments: Vec<AdjustmentOutcome>,
    pub(crate) nodes: Vec<NodeOutcome>,
    /// What it takes, per node (empty unless asked for).
    pub(crate) next: Vec<Option<Next>>,
    /// What it takes to clear the binding total gate (None unless asked for and gated).
    pub(crate) next_gate: Option<NextGate>,
    pub(crate) problems: Vec<Problem>,
    pub(crate) scale: u32,
    /// The earnings statement (None: the plan has no earnings, or not scored).
    pub(crate) earnings: Option<crate::score::earnings::Statement>,
    /// Written without its tree (`options.explain: false`).
    pub(crate) summary: bool,
}

impl Scorecard {
    /// The subject's id.
    pub fn id(&self) -> &str {
        &self.id
    }

    /// Scored or refused.
    pub fn status(&self) -> Status {
        self.status
    }

    /// The total after adjustments, rounded to the plan's scale.
    pub fn total(&self) -> Option<Decimal> {
        self.total
    }

    /// The total as result text (`"87.50"`).
    pub fn total_text(&self) -> Option<String> {
        self.total
            .map(|t| crate::util::rounding::text(t, self.scale))
    }

    /// The tree's score before adjustments, rounded.
    pub fn score(&self) -> Option<Decimal> {
        self.score
    }

    /// Rank among peers (1 is best), if ranked.
    pub fn rank(&self) -> Option<u32> {
        self.rank
    }

    /// Payout (base × coefficient), rounded.
    pub fn payout(&self) -> Option<Decimal> {
        self.payout
    }

    /// Subject flags, sorted names.
    pub fn flags(&self) -> Vec<&'static str> {
        self.flags.names().collect()
    }

    /// Why the subject was refused (empty when scored).
    pub fn problems(&self) -> &[Problem] {
        &self.problems
    }
}

/// The scorecards of one scoring run, sorted by subject id.
#[derive(Debug, Clone)]
pub struct Results {
    pub(crate) plan: Plan,
    pub(crate) cards: Vec<Scorecard>,
}

impl Results {
    /// The plan that gave these scores.
    pub fn plan(&self) -> &Plan {
        &self.plan
    }

    /// Scorecards, sorted by subject id.
    pub fn subjects(&self) -> &[Scorecard] {
        &self.cards
    }

    /// The scorecard of one subject.
    pub fn subject(&self, id: &str) -> Option<&Scorecard> {
        self.cards
            .binary_search_by(|c| c.id.as_str().cmp(id))
            .ok()
            .and_then(|i| self.cards.get(i))
    }

    /// The rating name of a scorecard.
    pub fn rating(&self, card: &Scorecard) -> Option<&str> {
        card.rating
            .and_then(|r| self.plan.inner.ratings.get(r))
            .map(|b| b.name.as_str())
    }
}
