//! Every documented limit (`docs/LIMITS.md`, `attain::limits`) at the limit: the
//! largest allowed plan or input is accepted, one more is the typed error with its
//! path. No timing here: `scripts/limits.sh` measures the worst allowed inputs.

use attain::limits::*;
use attain::{Error, Input, Plan};
use serde_json::{json, Value};

/// An indicator with a ratio curve.
fn indicator(id: &str, name: &str) -> Value {
    json!({"id": id, "name": name, "unit": {"kind": "count"},
           "direction": "higher_is_better", "target": {"value": 100},
           "curve": {"kind": "ratio"}})
}

/// A plan with `indicators` and `tree`.
fn plan_with(indicators: Vec<Value>, tree: Value) -> Value {
    json!({"id": "p", "name": "p", "version": "1", "indicators": indicators, "tree": tree})
}

/// A one-indicator plan (`a`, weight 100).
fn one() -> Value {
    plan_with(
        vec![indicator("a", "A")],
        json!({"group": "root", "children": [{"indicator": "a", "weight": 100}]}),
    )
}

/// The `(path, code)` of every problem of a refused document.
fn problems(r: Result<impl Sized, Error>) -> Vec<(String, String)> {
    match r {
        Ok(_) => Vec::new(),
        Err(e) => e
            .problems()
            .iter()
            .map(|p| (p.path.clone(), p.code.as_str().to_string()))
            .collect(),
    }
}

fn plan(v: &Value) -> Result<Plan, Error> {
    Plan::from_json(&v.to_string())
}

/// The plan, which the test expects accepted (`?` fails the test).
fn ok(v: &Value) -> Result<Plan, Error> {
    plan(v)
}

type Outcome = Result<(), Error>;

/// Expect exactly one problem, `(path, code)`.
fn refused(v: &Value, path: &str, code: &str) {
    assert_eq!(problems(plan(v)), [(path.to_string(), code.to_string())]);
}

/// `n` indicators (`i0`…), the largest tree of them: `MAX_NODES` nodes when n is
/// `MAX_INDICATORS` (root, one indicator beside `n - 1` groups of one indicator),
/// wrapped in `wrap` more groups.
fn wide(n: usize, name: &str, wrap: usize) -> Value {
    let inds = (0..n).map(|i| indicator(&format!("i{i}"), name)).collect();
    // 100 / 256 = 0.390625 exactly; other counts take the rest on the first child.
    let w = rust_decimal::Decimal::ONE_HUNDRED / rust_decimal::Decimal::from(n as u64);
    let w = w.round_dp(6);
    let rest = rust_decimal::Decimal::ONE_HUNDRED - w * rust_decimal::Decimal::from(n as u64 - 1);
    let mut children: Vec<Value> = (0..n)
        .map(|i| {
            let weight = if i == 0 { rest } else { w }.to_string();
            let leaf = json!({"indicator": format!("i{i}"), "weight": 100});
            if i == 0 {
                json!({"indicator": "i0", "weight": weight.parse::<f64>().unwrap_or(0.0)})
            } else {
                json!({"group": format!("g{i}"), "name": name, "weight": weight.parse::<f64>().unwrap_or(0.0), "children": [leaf]})
            }
        })
        .collect();
    for k in 0..wrap {
        children = vec![json!({"group": format!("w{k}"), "weight": 100, "children": children})];
    }
    plan_with(inds, json!({"group": "root", "children": children}))
}

#[test]
fn plan_bytes() -> Outcome {
    let text = one().to_string();
    let pad = |n: usize| format!("{text}{}", " ".repeat(n - text.len()));
    assert!(Plan::from_json(&pad(MAX_PLAN_BYTES)).is_ok());
    assert_eq!(
        problems(Plan::from_json(&pad(MAX_PLAN_BYTES + 1))),
        [(String::new(), "too_large".to_string())]
    );
    Ok(())
}

#[test]
fn json_depth() -> Outcome {
    // The plan's `tree` nested `depth` arrays deep: the reader takes 127 levels
    // (the document object is one), a type error follows; 128 is invalid JSON.
    let nested = |depth: usize| {
        let text = one().to_string();
        let inner = format!("{}{}", "[".repeat(depth - 1), "]".repeat(depth - 1));
        text.replacen("\"version\":\"1\"", &format!("\"version\":{inner}"), 1)
    };
    let at_limit = problems(Plan::from_json(&nested(MAX_JSON_DEPTH)));
    assert_eq!(
        at_limit,
        [("/version".to_string(), "wrong_type".to_string())]
    );
    let over = problems(Plan::from_json(&nested(MAX_JSON_DEPTH + 1)));
    assert_eq!(over, [(String::new(), "invalid_json".to_string())]);
    Ok(())
}

#[test]
fn tree_depth() -> Outcome {
    // `depth` nested groups (the root is the first), an indicator at the bottom.
    let deep = |depth: usize| {
        let mut node = json!({"indicator": "a", "weight": 100});
        for k in (1..depth).rev() {
            node = json!({"group": format!("g{k}"), "weight": 100, "children": [node]});
        }
        plan_with(
            vec![indicator("a", "A")],
            json!({"group": "root", "children": [node]}),
        )
    };
    ok(&deep(MAX_DEPTH))?;
    let path = format!("/tree{}", "/children/0".repeat(MAX_DEPTH));
    refused(&deep(MAX_DEPTH + 1), &path, "too_deep");
    Ok(())
}

#[test]
fn nodes_and_indicators() -> Outcome {
    let p = ok(&wide(MAX_INDICATORS, "A", 0))?;
    assert_eq!(p.indicator_count(), MAX_INDICATORS);
    // One group more around the same tree: 513 nodes.
    let over = problems(plan(&wide(MAX_INDICATORS, "A", 1)));
    assert_eq!(
        over.first().map(|p| p.1.as_str()),
        Some("too_many_nodes"),
        "{over:?}"
    );
    // 257 indicators (the tree of 257 has 514 nodes too: both are said).
    let over = problems(plan(&wide(MAX_INDICATORS + 1, "A", 0)));
    assert!(
        over.contains(&("/indicators".to_string(), "too_many_indicators".to_string())),
        "{over:?}"
    );
    Ok(())
}

#[test]
fn tiers() -> Outcome {
    let with_tiers = |n: usize| {
        let mut v = one();
        let tiers: Vec<Value> = (0..n)
            .map(|k| json!({"name": format!("t{k}"), "at": k * 10, "score": k}))
            .collect();
        v["indicators"][0]["target"] = json!({"value": 100, "tiers": tiers});
        v["indicators"][0]["curve"] = json!({"kind": "step"});
        v
    };
    ok(&with_tiers(MAX_TIERS))?;
    refused(
        &with_tiers(MAX_TIERS + 1),
        "/indicators/0/target/tiers",
        "too_many_tiers",
    );
    Ok(())
}

#[test]
fn adjustments() -> Outcome {
    let with = |n: usize| {
        let mut v = one();
        v["adjustments"] = (0..n)
            .map(|k| json!({"id": format!("b{k}"), "kind": "bonus", "max": 5}))
            .collect();
        v
    };
    ok(&with(MAX_ADJUSTMENTS))?;
    // The code is the tree's (`too_many_nodes`): adjustments are nodes of the total.
    refused(&with(MAX_ADJUSTMENTS + 1), "/adjustments", "too_many_nodes");
    Ok(())
}

#[test]
fn ids_and_names() -> Outcome {
    let id = "x".repeat(MAX_ID_LEN);
    let mut v = one();
    v["id"] = json!(id);
    v["name"] = json!("名".repeat(MAX_NAME_CHARS));
    ok(&v)?;
    v["id"] = json!(format!("{id}x"));
    refused(&v, "/id", "invalid_id");
    v["id"] = json!("p");
    v["name"] = json!("名".repeat(MAX_NAME_CHARS + 1));
    refused(&v, "/name", "invalid_value");
    Ok(())
}

#[test]
fn scale() -> Outcome {
    let mut v = one();
    v["rounding"] = json!({"scale": MAX_SCALE});
    ok(&v)?;
    v["rounding"] = json!({"scale": MAX_SCALE + 1});
    refused(&v, "/rounding/scale", "invalid_value");
    Ok(())
}

/// The problems of reading `input` for the one-indicator plan.
fn input_problems(input: &Value) -> Vec<(String, String)> {
    match ok(&one()) {
        Ok(p) => problems(Input::from_json(&p, &input.to_string())),
        Err(e) => vec![("the plan".to_string(), e.to_string())],
    }
}

#[test]
fn number_digits() -> Outcome {
    let actual = |text: &str| json!({"subjects": [{"id": "s", "actuals": {"a": text}}]});
    let most = "9".repeat(MAX_INTEGER_DIGITS as usize);
    let places = format!("1.{}", "9".repeat(MAX_FRACTION_DIGITS as usize));
    assert_eq!(input_problems(&actual(&most)), []);
    assert_eq!(input_problems(&actual(&format!("-{most}"))), []);
    assert_eq!(input_problems(&actual(&places)), []);
    let path = "/subjects/0/actuals/a".to_string();
    assert_eq!(
        input_problems(&actual(&format!(
            "1{}",
            "0".repeat(MAX_INTEGER_DIGITS as usize)
        ))),
        [(path.clone(), "number_out_of_range".to_string())]
    );
    assert_eq!(
        input_problems(&actual(&format!("{places}9"))),
        [(path, "too_many_digits".to_string())]
    );
    Ok(())
}

#[test]
fn subject_ids() -> Outcome {
    let subject = |id: &str| json!({"subjects": [{"id": id, "actuals": {"a": 1}}]});
    assert_eq!(
        input_problems(&subject(&"é".repeat(MAX_SUBJECT_ID_BYTES / 2))),
        []
    );
    assert_eq!(
        input_problems(&subject(&"x".repeat(MAX_SUBJECT_ID_BYTES + 1))),
        [("/subjects/0/id".to_string(), "invalid_id".to_string())]
    );
    Ok(())
}

/// The plan of the output tests: every node, every name 200 characters (each
/// scorecard as large as a plan makes it).
fn largest_cards() -> Result<Plan, Error> {
    ok(&wide(MAX_INDICATORS, &"n".repeat(MAX_NAME_CHARS), 0))
}

fn subjects(p: &Plan, n: usize) -> Input {
    let all = (0..n)
        .map(|k| {
            let mut s = attain::SubjectInput::new(p, format!("s{k:06}"));
            s.set_actual_at(0, Some(rust_decimal::Decimal::from(k as u64)));
            s
        })
        .collect();
    Input::from_subjects(all)
}

#[test]
fn output_size() -> Outcome {
    let p = largest_cards()?;
    // How many subjects fit: the refusal says so; that many are scored.
    let refusal = p.score(&subjects(&p, 2_000)).err();
    assert!(
        refusal.is_some(),
        "2,000 scorecards of 512 nodes are over the output limit"
    );
    let problem = refusal.as_ref().and_then(|e| e.problems().first());
    let problem = problem
        .cloned()
        .unwrap_or_else(|| attain::Problem::new("", attain::Code::InvalidJson, ""));
    assert_eq!(
        (problem.path.as_str(), problem.code.as_str()),
        ("/subjects", "output_too_large")
    );
    let fits: usize = problem
        .message
        .split("at most about ")
        .nth(1)
        .and_then(|t| t.split(' ').next())
        .and_then(|n| n.parse().ok())
        .unwrap_or(0);
    assert!(fits > 100, "{}", problem.message);
    // The first count refused is at most one or two above the count said to fit
    // (subject ids add a few bytes each).
    let mut n = fits;
    while p.score(&subjects(&p, n + 1)).is_ok() {
        n += 1;
        assert!(n < fits + 50, "the estimate allows far more than it says");
    }
    assert_eq!(
        problems(p.score(&subjects(&p, n + 1))),
        [("/subjects".to_string(), "output_too_large".to_string())]
    );
    // The largest batch allowed is scored.
    p.score(&subjects(&p, n))?;
    // A document of too many subjects is refused before they are read (these
    // would each be refused for a missing id).
    let doc = format!(r#"{{"subjects": [{}{{}}]}}"#, "{}, ".repeat(n + 50));
    assert_eq!(
        problems(Input::from_json(&p, &doc)),
        [("/subjects".to_string(), "output_too_large".to_string())]
    );
    Ok(())
}

#[test]
fn output_text_is_the_same_with_and_without_the_limit() -> Outcome {
    let p = ok(&one())?;
    let results = p.score(&subjects(&p, 3))?;
    assert_eq!(results.try_to_json().ok(), Some(results.to_json()));
    // score_json is the bounded form.
    let input = json!({"subjects": [{"id": "s", "actuals": {"a": 50}}]});
    assert_eq!(
        p.score_json(&input.to_string()).ok(),
        Some(results_of(&p, &input))
    );
    Ok(())
}

fn results_of(p: &Plan, input: &Value) -> String {
    Input::from_json(p, &input.to_string())
        .and_then(|i| p.score(&i))
        .map(|r| r.to_json())
        .unwrap_or_default()
}

#[test]
fn explain_scores_what_it_takes_for_one_subject_alone() -> Outcome {
    // Explaining one subject among many needs the peers' totals, not their
    // explanations: the batch is estimated without what it takes.
    let p = ok(&one())?;
    let input = json!({"subjects": [{"id": "s", "actuals": {"a": 50}},
                                     {"id": "t", "actuals": {"a": 70}}]});
    let card = p
        .explain_json(&input.to_string(), "s")
        .ok()
        .flatten()
        .unwrap_or_default();
    let v: Value = serde_json::from_str(&card).unwrap_or_default();
    assert_eq!(v["rank"], 2);
    assert_eq!(v["tree"]["children"][0]["next"]["actual"], "51.00");
    Ok(())
}

/// Totals whose six places a `Decimal` cannot hold (above 7.9e22): the text has
/// all six, and ranks are decided on the exact values.
#[test]
fn huge_totals_keep_their_places_and_ranks() -> Outcome {
    let mut v = one();
    v["indicators"][0]["target"] = json!({"value": "0.0000000001"});
    v["rounding"] = json!({"scale": 6});
    let p = ok(&v)?;
    // 999999999999 / 1e-10 × 100 = 9.99999999999e23 (a larger total overflows
    // the tree's weighting); b is 1e-10 less.
    let input = json!({"subjects": [
        {"id": "a", "actuals": {"a": "999999999999"}},
        {"id": "b", "actuals": {"a": "999999999998.9999999999"}},
        {"id": "c", "actuals": {"a": "999999999999"}}]});
    let results = Input::from_json(&p, &input.to_string()).and_then(|i| p.score(&i))?;
    let doc: Value = serde_json::from_str(&results.to_json()).unwrap_or_default();
    let cards = results.subjects();
    for (k, card) in cards.iter().enumerate() {
        let text = card.total_text().unwrap_or_default();
        assert_eq!(doc["subjects"][k]["total"], text.as_str());
        let places = text.split('.').nth(1).map_or(0, str::len);
        assert_eq!(places, 6, "{text}");
    }
    assert_eq!(
        doc["subjects"][0]["total"],
        "999999999999000000000000.000000"
    );
    assert_eq!(
        doc["subjects"][1]["total"],
        "999999999998999999999900.000000"
    );
    let ranks: Vec<_> = cards.iter().map(|c| c.rank()).collect();
    assert_eq!(ranks, [Some(1), Some(3), Some(1)]);
    Ok(())
}

#[test]
fn scorecards_without_trees_for_large_batches() -> Outcome {
    let p = largest_cards()?;
    let over = p.score(&subjects(&p, 2_000)).err();
    let message = over
        .as_ref()
        .and_then(|e| e.problems().first())
        .map(|p| p.message.clone());
    assert!(message.unwrap_or_default().contains("\"explain\": false"));
    // The same 2,000 scorecards without their trees are well within the limit.
    let results = p.score(&subjects(&p, 2_000).with_explanations(false))?;
    let text = results.try_to_json()?;
    let doc: Value = serde_json::from_str(&text).unwrap_or_default();
    assert_eq!(doc["subjects"][7]["status"], "scored");
    assert_eq!(doc["subjects"][7]["tree"], Value::Null);
    // The same figures as with the tree.
    let full = p.score(&subjects(&p, 10))?;
    let full: Value = serde_json::from_str(&full.to_json()).unwrap_or_default();
    assert_eq!(doc["subjects"][7]["total"], full["subjects"][7]["total"]);
    assert_eq!(doc["subjects"][7]["rank"], Value::from(1993));
    // As an input option.
    let one = ok(&one())?;
    let input =
        json!({"subjects": [{"id": "s", "actuals": {"a": 50}}], "options": {"explain": false}});
    let doc: Value = serde_json::from_str(&one.score_json(&input.to_string())?).unwrap_or_default();
    assert_eq!(
        (&doc["subjects"][0]["total"], &doc["subjects"][0]["tree"]),
        (&json!("50.00"), &Value::Null)
    );
    Ok(())
}

/// Earnings statements count in the output estimate: 64 marginal lines of 32 bands
/// write about 200 KB per subject, which a one-indicator plan's scorecard alone
/// (under 1 KB) would not foresee.
#[test]
fn earnings_statements_count_in_the_output_limit() -> Outcome {
    let mut v = one();
    let bands: Vec<Value> = (0..MAX_TIERS)
        .map(|k| json!({"from": (k * 10).to_string(), "rate": "0.01"}))
        .collect();
    let lines: Vec<Value> = (0..64)
        .map(|k| {
            json!({"id": format!("line{k:02}-{}", "x".repeat(50)), "indicator": "a", "basis": "actual",
                   "table": {"kind": "marginal", "bands": bands}})
        })
        .collect();
    v["earnings"] = json!({"lines": lines});
    let p = ok(&v)?;
    // Every subject's actual crosses every band: a slice per band on every line.
    let refusal = problems(p.score(&subjects(&p, 2_000).with_explanations(false)));
    assert_eq!(
        refusal,
        [("/subjects".to_string(), "output_too_large".to_string())],
        "2,000 statements of 64 × 32 slices are over the output limit"
    );
    // A batch the estimate allows is written within the limit.
    let some = p.score(&subjects(&p, 50))?;
    assert!(some.try_to_json().is_ok());
    Ok(())
}
