//! A run document is read as strictly as a plan: unknown keys (at the top, in
//! `facts`, as table columns) and values of the wrong type are refused with their
//! paths, a "did you mean" hint when a known key is close, all problems together
//! and in document order; by `run_json`, `run_value` and `RunSetup` alike.

use attain::run::RunSetup;
use attain::{Error, ErrorKind};
use serde_json::{json, Value};

const PLAN: &str = r#"{"id": "ae", "name": "AE", "version": "1", "role": "ae",
  "indicators": [{"id": "won", "name": "赢单数", "unit": {"kind": "count"},
    "direction": "higher_is_better", "target": {"value": 2},
    "curve": {"kind": "ratio", "cap": 150},
    "measure": {"kind": "count", "fact": "deal", "date": "won_at"}}],
  "tree": {"group": "root", "children": [{"indicator": "won", "weight": 100}]}}"#;

const FACTS: &str = "id,subject,type,won_at\nd1,wang,deal,2026-07-01\nd2,wang,deal,2026-07-02\n";

/// The document's text with `extra` members put before `period` (after the rest).
fn doc_text(members: &str) -> String {
    format!(r#"{{"plans": [{PLAN}], {members}}}"#)
}

/// (path, code) of every problem, in order.
fn paths(e: &Error) -> Vec<(String, String)> {
    e.problems()
        .iter()
        .map(|p| (p.path.clone(), p.code.as_str().to_string()))
        .collect()
}

fn pair(path: &str, code: &str) -> (String, String) {
    (path.to_string(), code.to_string())
}

/// The error of the document's text by `run_json`, checked to be the same (as a
/// set: serde_json keeps no key order here) by `run_value`.
fn refused(text: &str) -> Error {
    let e = match attain::run::run_json(text) {
        Ok(r) => unreachable!("accepted: {r}"),
        Err(e) => e,
    };
    let v: Value = serde_json::from_str(text).unwrap_or_default();
    let by_value = match attain::run::run_value(&v) {
        Ok(_) => unreachable!("run_value accepted what run_json refused: {text}"),
        Err(e) => e,
    };
    let mut a = paths(&e);
    let mut b = paths(&by_value);
    a.sort();
    b.sort();
    assert_eq!(a, b, "run_json and run_value differ");
    assert_eq!(e.kind(), by_value.kind());
    e
}

fn message(e: &Error, path: &str) -> String {
    e.problems()
        .iter()
        .find(|p| p.path == path)
        .map(|p| p.message.clone())
        .unwrap_or_default()
}

#[test]
fn the_good_document_runs_with_a_description() {
    let text = doc_text(&format!(
        r#""description": "July, AE team", "roster": [{{"subject": "wang", "name": "王", "role": "ae", "team": "n", "team_name": "北区"}}],
           "targets": null, "period": "2026-07", "as_of": null,
           "facts": {{"format": "csv", "text": {}}}"#,
        serde_json::to_string(FACTS).unwrap_or_default()
    ));
    let out = attain::run::run_json(&text).unwrap_or_else(|e| unreachable!("{e}"));
    assert!(out.contains(r#""used":2"#), "{out}");
}

#[test]
fn misspelled_top_level_keys_are_refused_with_a_hint_in_document_order() {
    let e = refused(&doc_text(
        r#""roster": [{"subject": "wang", "role": "ae"}], "factz": {"text": ""},
           "asof": "2026-07-15", "period": "2026-07", "team_target": [], "colour": "red""#,
    ));
    assert_eq!(e.kind(), ErrorKind::Input);
    assert_eq!(
        paths(&e),
        vec![
            pair("/factz", "unknown_field"),
            pair("/asof", "unknown_field"),
            pair("/team_target", "unknown_field"),
            pair("/colour", "unknown_field"),
        ]
    );
    assert!(message(&e, "/factz").contains(r#"did you mean "facts"?"#));
    assert!(message(&e, "/asof").contains(r#"did you mean "as_of"?"#));
    assert!(message(&e, "/team_target").contains(r#"did you mean "team_targets"?"#));
    assert!(!message(&e, "/colour").contains("did you mean"));
}

#[test]
fn values_of_the_wrong_type_are_refused_where_they_are() {
    let e = refused(&doc_text(
        r#""description": 7, "roster": {"subject": "wang"}, "period": 202607,
           "as_of": 20260731, "facts": "d1,wang""#,
    ));
    assert_eq!(
        paths(&e),
        vec![
            pair("/description", "wrong_type"),
            pair("/roster", "wrong_type"),
            pair("/period", "wrong_type"),
            pair("/as_of", "wrong_type"),
            pair("/facts", "wrong_type"),
        ]
    );
    // A date as a number alone: refused, not run without it.
    let e = refused(&doc_text(
        r#""roster": [{"subject": "wang", "role": "ae"}], "period": "2026-07", "as_of": 20260731"#,
    ));
    assert_eq!(paths(&e), vec![pair("/as_of", "wrong_type")]);
    assert!(message(&e, "/as_of").contains("expected a string, found a number"));
}

#[test]
fn the_facts_object_is_strict_too() {
    let e = refused(&doc_text(
        r#""roster": [{"subject": "wang", "role": "ae"}], "period": "2026-07",
           "facts": {"fromat": "csv", "format": "xlsx", "text": ["d1"]}"#,
    ));
    assert_eq!(
        paths(&e),
        vec![
            pair("/facts/fromat", "unknown_field"),
            pair("/facts/format", "invalid_value"),
            pair("/facts/text", "wrong_type"),
        ]
    );
    assert!(message(&e, "/facts/fromat").contains(r#"did you mean "format"?"#));
}

#[test]
fn a_missing_period_is_a_missing_field() {
    let e = refused(&doc_text(r#""roster": [{"subject": "wang"}]"#));
    assert_eq!(paths(&e), vec![pair("/period", "missing_field")]);
}

#[test]
fn an_unknown_column_is_refused_once_per_table_at_its_first_row() {
    let e = refused(&doc_text(
        r#""roster": [{"subject": "wang", "rol": "ae"}, {"subject": "li", "rol": "ae", "teem": "n"},
                      {"subject": "zhao", "rol": "ae"}],
           "targets": [{"subject": "wang", "indicator": "won", "targte": "3"}],
           "actuals": [{"subject": "wang", "indicator": "won", "actual": "1", "note": "x"}],
           "period": "2026-07""#,
    ));
    assert_eq!(
        paths(&e),
        vec![
            pair("/roster/0/rol", "unknown_field"),
            pair("/roster/1/teem", "unknown_field"),
            pair("/targets/0/targte", "unknown_field"),
            pair("/actuals/0/note", "unknown_field"),
        ]
    );
    assert!(message(&e, "/roster/0/rol").contains(r#"unknown column "rol" (did you mean "role"?)"#));
    assert!(message(&e, "/roster/1/teem").contains(r#"did you mean "team"?"#));
    assert!(message(&e, "/targets/0/targte").contains(r#"did you mean "target"?"#));
    assert!(message(&e, "/actuals/0/note").contains("expected one of: subject, indicator, actual"));
}

#[test]
fn a_misnamed_required_column_is_one_problem_not_one_per_row() {
    let e = refused(&doc_text(
        r#""roster": [{"subjet": "wang"}, {"subjet": "li"}, {"subject": "zhao"}],
           "targets": [{"subject": "zhao", "indicator": "won", "note": "x"},
                       {"subject": "zhao", "indicator": "won", "note": "y"}],
           "period": "2026-07""#,
    ));
    // `subjet` names `subject`: the rows without a subject say nothing more. A
    // column that names none (`note`) leaves the missing target reported per row.
    assert_eq!(
        paths(&e),
        vec![
            pair("/roster/0/subjet", "unknown_field"),
            pair("/targets/0/note", "unknown_field"),
            pair("/targets/0/target", "missing_field"),
            pair("/targets/1/target", "missing_field"),
        ]
    );
    assert!(message(&e, "/roster/0/subjet").contains(r#"did you mean "subject"?"#));
}

#[test]
fn team_tables_know_their_own_columns() {
    let e = refused(&doc_text(
        r#""roster": [{"subject": "wang", "role": "ae", "team": "n"}],
           "team_targets": [{"team": "n", "indicator": "won", "target": "4"},
                            {"subject": "wang", "team": "n", "indicator": "won", "target": "4"}],
           "period": "2026-07""#,
    ));
    // The plan's target is not per subject: each row is refused for that too, in
    // row order; the subject column only where it is.
    assert_eq!(
        paths(&e),
        vec![
            pair("/team_targets/0/indicator", "target_not_per_subject"),
            pair("/team_targets/1/subject", "unknown_field"),
            pair("/team_targets/1/indicator", "target_not_per_subject"),
        ]
    );
}

#[test]
fn a_refused_plan_comes_with_the_documents_other_problems() {
    let e = refused(
        r#"{"asof": "2026-07-01", "plans": [{"id": "x"}], "roster": [], "period": "2026-07"}"#,
    );
    assert_eq!(e.kind(), ErrorKind::Plan);
    let got = paths(&e);
    assert_eq!(got.first(), Some(&pair("/asof", "unknown_field")));
    assert!(got.len() > 1 && got.iter().skip(1).all(|(p, _)| p.starts_with("/plans/0")));
    // Plans that disagree on the calendar: the same, in document order.
    let other = PLAN.replace(r#""id": "ae""#, r#""id": "b""#).replace(
        r#""role": "ae","#,
        r#""role": "b", "calendar": {"fiscal_year_start": 4},"#,
    );
    let e = refused(&format!(
        r#"{{"plans": [{PLAN}, {other}], "period": "2026-07", "facts": {{"txt": ""}}}}"#
    ));
    assert_eq!(e.kind(), ErrorKind::Plan);
    assert_eq!(
        paths(&e),
        vec![
            pair("/plans/1/calendar", "calendar_mismatch"),
            pair("/facts/txt", "unknown_field"),
        ]
    );
    let e = refused(r#"{"plan": [], "period": "2026-07"}"#);
    assert_eq!(
        paths(&e),
        vec![
            pair("/plan", "unknown_field"),
            pair("/plans", "missing_field")
        ]
    );
    assert!(message(&e, "/plan").contains(r#"did you mean "plans"?"#));
    let e = refused(r#"{"plans": {"id": "x"}, "period": "2026-07"}"#);
    assert_eq!(paths(&e), vec![pair("/plans", "wrong_type")]);
}

#[test]
fn a_document_that_is_not_an_object_is_refused_as_such() {
    let e = refused("[]");
    assert_eq!(paths(&e), vec![pair("", "wrong_type")]);
}

#[test]
fn run_setup_new_refuses_unknown_tables_and_columns() {
    let plan = attain::Plan::from_json(PLAN).unwrap_or_else(|e| unreachable!("{e}"));
    let tables = json!({
        "roster": [{"subject": "wang", "role": "ae", "shares": "1"}, {"subject": "li", "shares": "2"}],
        "team_target": [],
        "period": "ignored: the run document's own key",
    });
    let e = RunSetup::new(vec![plan.clone()], &tables, "2026-07", None)
        .err()
        .unwrap_or_else(|| unreachable!("accepted"));
    let mut got = paths(&e);
    got.sort();
    assert_eq!(
        got,
        vec![
            pair("/roster/0/shares", "unknown_field"),
            pair("/team_target", "unknown_field"),
        ]
    );
    assert!(message(&e, "/roster/0/shares").contains(r#"did you mean "share"?"#));
    let ok = json!({"roster": [{"subject": "wang", "role": "ae", "team_name": "北区"}]});
    assert!(RunSetup::new(vec![plan], &ok, "2026-07", Some("2026-07-15")).is_ok());
}

#[test]
fn facts_given_apart_need_no_text_in_the_document() {
    let plan: Value = serde_json::from_str(PLAN).unwrap_or_default();
    let doc = json!({"plans": [plan], "roster": [{"subject": "wang", "role": "ae"}],
                     "period": "2026-07", "facts": {"format": "csv"}});
    let setup = RunSetup::from_value(&doc).unwrap_or_else(|e| unreachable!("{e}"));
    let r = attain::run::run_bytes(&setup, attain::run::FactsFormat::Csv, FACTS.as_bytes())
        .unwrap_or_else(|e| unreachable!("{e}"));
    assert_eq!(r.ledger().used, 2);
}
