//! The canonical JSON form of results: keys in a fixed order, subjects sorted by id,
//! every decimal a string with exactly the plan's scale. Identical bytes for the same
//! plan and input, whatever the input order or the thread count.
//!
//! Text is written directly ([`JsonOut`]); the `Value` forms are read back from it,
//! so the two can never differ.

use crate::limits::MAX_OUTPUT_BYTES;
use crate::output::card::{card_json, write_card, Fmt};
use crate::score::budget::too_large;
use crate::score::results::{Results, Scorecard, Status};
use crate::util::json_out::JsonOut;
use crate::util::rounding::round;
use rust_decimal::Decimal;
use serde_json::Value;

/// The canonical text as the host's `serde_json::Value`: the same values; the keys
/// in canonical order only when the host enabled serde_json's `preserve_order`
/// (sorted otherwise), decimals are strings either way. For the canonical bytes, use
/// the text forms (`to_json`, `card_json`).
pub(crate) fn parse(text: &str) -> Value {
    serde_json::from_str(text).unwrap_or(Value::Null)
}

impl Results {
    /// The canonical result document as compact JSON text.
    ///
    /// Its size was estimated when the batch was scored ([`crate::Plan::score`]
    /// refuses a batch estimated above
    /// [`MAX_OUTPUT_BYTES`](crate::limits::MAX_OUTPUT_BYTES)); figures longer than
    /// the estimate's can still make it larger. [`Results::try_to_json`] stops at
    /// the limit.
    pub fn to_json(&self) -> String {
        self.write_json(usize::MAX).unwrap_or_default()
    }

    /// As [`Results::to_json`], refused with `output_too_large` as soon as the text
    /// passes [`MAX_OUTPUT_BYTES`](crate::limits::MAX_OUTPUT_BYTES).
    pub fn try_to_json(&self) -> Result<String, crate::Error> {
        self.write_json(MAX_OUTPUT_BYTES)
    }

    /// The canonical text, refused once it passes `limit` bytes.
    fn write_json(&self, limit: usize) -> Result<String, crate::Error> {
        let plan = &self.plan.inner;
        let mut j = JsonOut::new();
        j.begin_obj();
        j.field("plan").begin_obj();
        j.field("id").str(&plan.spec.id);
        j.field("version").str(&plan.spec.version);
        j.end_obj();
        j.field("subjects").begin_arr();
        for (k, c) in self.cards.iter().enumerate() {
            write_card(&mut j, plan, c);
            j.end_obj();
            if j.buf.len() > limit {
                return Err(too_large(&format!("/subjects/{k}"), j.buf.len()));
            }
            if k == 0 {
                reserve_for_cards(&mut j.buf, self.cards.len());
            }
        }
        j.end_arr();
        j.end_obj();
        Ok(j.finish())
    }

    /// `subject`'s scorecard with *what it takes*, ranked as in these results
    /// (None when it is not among them). Explaining one subject of a large batch
    /// this way keeps the others' explanations out of memory.
    pub fn explained(&self, subject: &crate::SubjectInput) -> Option<Scorecard> {
        let ranked = self.subject(subject.id())?;
        let mut card = self.plan.score_one(subject, true);
        card.rank = ranked.rank;
        Some(card)
    }

    /// The canonical result document as a JSON value (key order: see `to_json`;
    /// canonical only with serde_json's `preserve_order` in the host).
    pub fn to_value(&self) -> Value {
        parse(&self.to_json())
    }

    /// One subject's scorecard as canonical JSON (the same object as in `to_json`).
    pub fn card_value(&self, card: &Scorecard) -> Value {
        parse(&card_json(&self.plan.inner, card))
    }

    /// Each indicator's score as the scorecard shows it (rounded to the plan's
    /// scale), in the plan's indicator order; None when the subject was refused,
    /// or the indicator had no data or is not in the tree. The same figures as the
    /// tree's `score`s in [`Results::to_json`], without writing any JSON. Each
    /// has the plan's scale when a `Decimal` has room for it (28 digits: below about
    /// 7.9e22 at scale 6); a larger score is the same value with fewer trailing
    /// zeros, so code that needs its unscaled integer at the plan's scale must widen
    /// it (as an `i128`), not `rescale` it.
    ///
    /// ```
    /// # let plan = attain::Plan::from_json(r#"{"id": "p", "name": "p", "version": "1",
    /// #   "indicators": [
    /// #     {"id": "a", "name": "A", "unit": {"kind": "count"}, "direction": "higher_is_better",
    /// #      "target": {"value": 3}, "curve": {"kind": "ratio"}},
    /// #     {"id": "b", "name": "B", "unit": {"kind": "count"}, "direction": "higher_is_better",
    /// #      "target": {"value": 4}, "curve": {"kind": "ratio"}}],
    /// #   "tree": {"group": "root", "children": [{"indicator": "a", "weight": 50},
    /// #                                          {"indicator": "b", "weight": 50}]}}"#)?;
    /// let input = attain::Input::from_json(&plan, r#"{"subjects": [{"id": "s", "actuals": {"a": 2}}]}"#)?;
    /// let results = plan.score(&input)?;
    /// let scores = results.indicator_scores(&results.subjects()[0]);
    /// assert_eq!(scores, [Some("66.67".parse()?), None]); // 2 / 3; b has no data
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn indicator_scores(&self, card: &Scorecard) -> Vec<Option<Decimal>> {
        let plan = &self.plan.inner;
        let f = Fmt::of(plan);
        let scored = card.status == Status::Scored;
        plan.indicator_nodes
            .iter()
            .map(|n| {
                n.and_then(|n| card.nodes.get(n))
                    .and_then(|o| o.score)
                    .filter(|_| scored)
                    .map(|d| {
                        let mut r = round(d, f.scale, f.strategy);
                        r.rescale(f.scale);
                        r
                    })
            })
            .collect()
    }
}

/// Keys of the result and run formats whose string values are decimals (`"84.50"`),
/// for bindings that turn them into their language's decimal type.
pub const DECIMAL_KEYS: &[&str] = &[
    "total",
    "payout",
    "score",
    "points",
    "weight",
    "effective_weight",
    "actual",
    "target",
    "achievement",
    "variance",
    "contribution",
    "change",
    "expected",
    "pace",
    "forecast",
    "mean_total",
    "elapsed",
    // earnings statements
    "amount",
    "rate",
    "blended_rate",
    "multiplier",
    "base",
    "earnings",
    "lower",
    "upper",
];

/// Keys under which the result holds user-keyed free text (group ids, problems):
/// nothing below them is a decimal, whatever its key.
pub const TEXT_KEYS: &[&str] = &["groups", "problems"];

impl crate::Plan {
    /// One scorecard as canonical JSON text (a what-if session scores one subject at a
    /// time; [`preview_json`](crate::Plan::preview_json) is the smaller form a live
    /// view redraws from).
    pub fn card_json(&self, card: &Scorecard) -> String {
        card_json(&self.inner, card)
    }

    /// One scorecard as canonical JSON.
    pub fn card_value(&self, card: &Scorecard) -> Value {
        parse(&card_json(&self.inner, card))
    }

    /// Score a whole input document (ranks need the peers) with *what it takes* on and
    /// return one subject's canonical scorecard text; `None` when the input has no
    /// such subject.
    pub fn explain_json(
        &self,
        input_json: &str,
        subject: &str,
    ) -> Result<Option<String>, crate::Error> {
        // The peers are scored for the rank alone; what it takes, for this subject.
        let input = crate::Input::from_json(self, input_json)?;
        let results = self.score(&input)?;
        let s = input.subjects().iter().find(|s| s.id() == subject);
        Ok(s.and_then(|s| results.explained(s))
            .map(|card| self.card_json(&card)))
    }

    /// Score an input document (JSON text) and return the canonical result text.
    /// The one-call form used by the bindings and the CLI. Results of more than
    /// [`MAX_OUTPUT_BYTES`](crate::limits::MAX_OUTPUT_BYTES) are refused
    /// (`output_too_large`), from an estimate before scoring or while writing.
    pub fn score_json(&self, input_json: &str) -> Result<String, crate::Error> {
        let input = crate::Input::from_json(self, input_json)?;
        self.score(&input)?.try_to_json()
    }
}

/// Sizes a batch's text once, from its first scorecard (`text` holds the header and
/// that card), for `cards` cards in all plus a quarter for cards larger than the
/// first. Grown by doubling instead, the text is copied a dozen times; an allocator
/// that cannot remap a block in place (mimalloc, in the bindings) touches fresh
/// memory for every copy. Memory reserved and never written costs no RAM. When the
/// estimate cannot be had, the text grows as before.
pub(crate) fn reserve_for_cards(text: &mut String, cards: usize) {
    let estimate = text
        .len()
        .checked_mul(cards)
        .and_then(|n| n.checked_add(n / 4));
    if let Some(total) = estimate.map(|n| n.min(MAX_OUTPUT_BYTES)) {
        let _ = text.try_reserve(total.saturating_sub(text.len()));
    }
}
