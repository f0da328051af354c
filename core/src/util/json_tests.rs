use super::*;
use crate::limits::MAX_JSON_DEPTH;

fn err(text: &str) -> String {
    match parse(text) {
        Ok(v) => format!("accepted {v:?}"),
        Err(e) => e.to_string(),
    }
}

/// serde_json's reading of the same text, as a core value (integers and strings
/// only, so the numbers' text cannot differ).
fn serde(text: &str) -> Option<Json> {
    serde_json::from_str::<serde_json::Value>(text)
        .ok()
        .map(|v| Json::from_serde(&v))
}

#[test]
fn numbers_keep_their_text() {
    let v = parse(r#"[0.10, -0, 1E+2, 12345678901234567890.123456789, 1e-7, 1.5E3, 0e0]"#);
    let texts: Vec<String> = match v {
        Ok(Json::Array(items)) => items
            .into_iter()
            .map(|x| match x {
                Json::Number(n) => n,
                other => format!("{other:?}"),
            })
            .collect(),
        other => vec![format!("{other:?}")],
    };
    assert_eq!(
        texts,
        [
            "0.10",
            "-0",
            "1e+2",
            "12345678901234567890.123456789",
            "1e-7",
            "1.5e+3",
            "0e+0"
        ]
    );
}

#[test]
fn keys_stay_in_document_order() {
    let Ok(Json::Object(m)) = parse(r#"{"z": 1, "a": 2, "m": 4}"#) else {
        unreachable!("an object")
    };
    let keys: Vec<&str> = m.keys().map(String::as_str).collect();
    assert_eq!(keys, ["z", "a", "m"]);
}

#[test]
fn a_repeated_key_is_refused_where_it_is_repeated() {
    let err = parse("{\"z\": 1,\n \"a\": 2, \"z\": 3}").err();
    assert_eq!(
        err.map(|e| e.to_string()),
        Some("duplicate key at line 2 column 10".to_string())
    );
    // In a large object too, and only in the same object.
    let mut text = String::from("{");
    for i in 0..40 {
        text.push_str(&format!("\"k{i}\": {{\"k{i}\": {i}}}, "));
    }
    text.push_str("\"k3\": true}");
    assert!(parse(&text)
        .err()
        .is_some_and(|e| e.to_string().starts_with("duplicate key")));
    assert!(parse(&text.replace("\"k3\": true", "\"k40\": true")).is_ok());
}

#[test]
fn a_map_built_from_members_keeps_the_first_position_and_the_last_value() {
    let mut members: Vec<(String, Json)> = (0..40)
        .map(|i| (format!("k{i}"), Json::Number(i.to_string())))
        .collect();
    members.push(("k3".into(), Json::Bool(true)));
    let m = Map::from_entries(members);
    assert_eq!(m.iter().count(), 40);
    assert_eq!(m.get("k3"), Some(&Json::Bool(true)));
    assert_eq!(m.keys().nth(3).map(String::as_str), Some("k3"));
}

#[test]
fn agrees_with_serde_json_on_valid_documents() {
    for text in [
        r#"{"a": [1, 2, {"b": null}], "c": "x\"y\\z\/\b\f\n\r\t\u00e9\ud83d\ude00", "d": false}"#,
        " [ ] ",
        "\"目标\"",
        r#"{"":{}}"#,
        "-12",
    ] {
        let mine = parse(text).ok();
        assert!(mine.is_some(), "{text}");
        assert_eq!(mine, serde(text), "{text}");
    }
}

#[test]
fn writes_compact_text_as_serde_json_does() {
    let text = r#"{ "a" : [1, 2.50, {"b": null}], "c": "x\"\u0001é", "d": true }"#;
    let Ok(v) = parse(text) else {
        unreachable!("valid")
    };
    assert_eq!(
        v.to_text(),
        r#"{"a":[1,2.50,{"b":null}],"c":"x\"\u0001é","d":true}"#
    );
}

#[test]
fn refuses_what_serde_json_refuses() {
    for text in [
        "",
        " ",
        "{",
        "[1,]",
        "{\"a\":1,}",
        "01",
        "1.",
        "1e",
        "-",
        "+1",
        ".5",
        "[1 2]",
        "{\"a\" 1}",
        "{a:1}",
        "tru",
        "nul",
        "\"abc",
        "\"\\x\"",
        "\"\\u12\"",
        "\"a\nb\"",
        "\"\\ud800\"",
        "\"\\udc00\"",
        "1 2",
        "NaN",
        "[",
        "{\"a\":",
        "\"\\ud800\\u0041\"",
    ] {
        assert!(parse(text).is_err(), "accepted {text:?}");
        assert!(serde(text).is_none(), "serde_json accepts {text:?}");
    }
}

#[test]
fn errors_say_where_in_serde_json_words() {
    let cases = [
        ("x", "expected value at line 1 column 1"),
        ("[1 2]", "expected `,` or `]` at line 1 column 4"),
        ("{\"a\" 1}", "expected `:` at line 1 column 6"),
        (
            "{\n  \"a\": 1,\n  b: 2}",
            "key must be a string at line 3 column 3",
        ),
        ("1 2", "trailing characters at line 1 column 3"),
        ("[1,]", "trailing comma at line 1 column 4"),
        ("{\"id\": [", "EOF while parsing a list at line 1 column 8"),
        (
            "{\"id\": 1",
            "EOF while parsing an object at line 1 column 8",
        ),
        ("\"abc", "EOF while parsing a string at line 1 column 4"),
        ("", "EOF while parsing a value at line 1 column 0"),
        ("[1,", "EOF while parsing a value at line 1 column 3"),
        ("{\"a\":1,", "EOF while parsing a value at line 1 column 7"),
        ("{", "EOF while parsing an object at line 1 column 1"),
        ("\"\\q\"", "invalid escape at line 1 column 3"),
        ("01", "invalid number at line 1 column 2"),
        ("[tru]", "expected ident at line 1 column 5"),
    ];
    for (text, want) in cases {
        assert_eq!(err(text), want, "{text:?}");
        let theirs = serde_json::from_str::<serde_json::Value>(text)
            .err()
            .map(|e| e.to_string());
        assert_eq!(theirs.as_deref(), Some(want), "serde_json on {text:?}");
    }
}

#[test]
fn nesting_is_limited_without_overflowing_the_stack() {
    let ok = format!(
        "{}{}",
        "[".repeat(MAX_JSON_DEPTH),
        "]".repeat(MAX_JSON_DEPTH)
    );
    assert!(parse(&ok).is_ok());
    let deep = format!(
        "{}{}",
        "[".repeat(MAX_JSON_DEPTH + 1),
        "]".repeat(MAX_JSON_DEPTH + 1)
    );
    assert!(err(&deep).starts_with("recursion limit exceeded at line 1"));
    assert!(serde(&deep).is_none());
    assert!(serde(&ok).is_some());
    let huge = "[{\"a\":".repeat(100_000);
    assert!(err(&huge).starts_with("recursion limit exceeded"));
}

#[test]
fn host_values_convert_with_their_order_and_numbers() {
    let v = serde_json::json!({"b": [1, 2.5, "x"], "a": {"c": null, "d": true}});
    let j = Json::from_serde(&v);
    assert_eq!(
        j.get("b").and_then(Json::as_array).map(<[Json]>::len),
        Some(3)
    );
    assert_eq!(
        j.get("b").and_then(|b| b.as_array()).and_then(|b| b.get(1)),
        Some(&Json::Number("2.5".into()))
    );
    assert!(j
        .get("a")
        .and_then(|a| a.get("c"))
        .is_some_and(Json::is_null));
}

#[test]
fn a_byte_order_mark_before_the_document_is_ignored() {
    assert_eq!(parse("\u{feff}{\"a\": 1}").ok(), parse("{\"a\": 1}").ok());
    assert!(parse("{\"a\": \u{feff}1}").is_err());
}
