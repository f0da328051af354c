#!/usr/bin/env python3
"""Seed corpora and dictionaries for the fuzz targets, made from conformance/.

usage: python3 fuzz/seed.py OUT_DIR

Writes OUT_DIR/<target>/ (one file per seed input) and OUT_DIR/<target>.dict (the
keys and words of the corpus, for libFuzzer's -dict). Nothing here is committed:
the scripts make it afresh before each run, so seeds follow the corpus.
"""

import glob
import hashlib
import json
import os
import sys

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "conformance")
TARGETS = ["plan", "csv_facts", "jsonl_facts", "columns", "period", "run_doc", "scoring"]

# Facts in the fixed run's field names (fuzz/src/lib.rs), with every rejection.
CSV_SEED = """id,subject,type,created_at,closed_at,called_at,at,updated_at,won,stage,amount,customer,score
D1,li,deal,2026-07-01,2026-07-05,,,,true,won,100,acme,
D1,li,deal,2026-07-01,2026-07-05,,,,true,won,100,acme,
D2,li,deal,2026-07-01,2026-07-05,,,,true,won,200,acme,
D2,li,deal,2026-07-01,2026-07-06,,,,true,won,200,acme,
D3,wang,deal,2026-08-11T09:00:00-04:00,2026-08-12 18:30,,,,false,lost,"1,5",beta,
D4,wang,deal,2026-09-20,2026-10-02,,,,maybe,won,12.5e1,gamma,
C1,li,call,,,2026-07-03 25:00,,,,,,,
C2,zhou,call,,,2026-08-01T00:30:00Z,,,,,,,
C3,zhao,call,,,2026-08-01,,,,,,,
C4,wu,call,,,2026-08-01,,,,,,,
N1,li,nps,,,,2026-03-08 02:30,,,,,,9
N2,li,nps,,,,2026-11-01 01:30,,,,,,7
S1,zhou,survey,,,,2026-07-10,,,,,,4.5
S2,li,survey,,,,2026-07-10,,,,,,x
U1,li,update,2026-07-01 09:00,,,,2026-07-02 09:00,,,,,
U2,li,update,2026-07-01 09:00,,,,2026-07-02 09:00:01,,,,,
L1,li,lead,2026-07-02,,,,,,,,,
,li,deal,2026-07-01,2026-07-05,,,,true,won,100,acme,
X9,li,deal,2026-07-01
E1,li,email,,,,,,,,,,
"""

JSONL_SEED = "\n".join(
    json.dumps(o, ensure_ascii=False)
    for o in [
        {"id": "D1", "subject": "li", "type": "deal", "created_at": "2026-07-01",
         "closed_at": "2026-07-05", "won": True, "stage": "won", "amount": 100, "customer": "acme"},
        {"amount": 100, "customer": "acme", "stage": "won", "won": True, "closed_at": "2026-07-05",
         "created_at": "2026-07-01", "type": "deal", "subject": "li", "id": "D1"},
        {"id": "D2", "subject": "wang", "type": "deal", "closed_at": "2026-08-12T10:00:00+08:00",
         "won": "true", "stage": "won", "amount": "1e3", "customer": "beta"},
        {"id": "D2", "subject": "wang", "type": "deal", "closed_at": "2026-08-12", "amount": 1000.0},
        {"id": "C1", "subject": "zhou", "type": "call", "called_at": "2026-07-03 09:00"},
        {"id": "N1", "subject": "li", "type": "nps", "at": "2026-07-03", "score": 9},
        {"id": "S1", "subject": "li", "type": "survey", "at": "2026-07-03", "score": None},
        {"id": "U1", "subject": "li", "type": "update", "created_at": "2026-07-01 09:00",
         "updated_at": "2026-07-02 08:00"},
        {"id": 7, "subject": "li", "type": "lead", "created_at": "2026-07-02"},
        [1, 2],
    ]
) + "\n{\"id\": \"bad\"\n\n"

PERIOD_WORDS = [
    "2026", "2026-H2", "2026-Q3", "2026-07", "2026-W27", "2026-W53", "2020-W53", "FY2027",
    "FY2027-Q1", "FY2027-H2", "2026-07-01..2026-09-30", " 2026-Q1 ", "2026-02-29",
    "2024-02-29", "2026-07-01T09:00:00+08:00", "2026-03-08 02:30", "2026-11-01 01:30",
    "2026-07-01T00:00:00Z", "2026-07-01 23:59:59.999", "2026-07-01T09:00-0430", "0000-01-01",
    "9999-12-31", "FY0000", "FY9999-Q4",
]


def load(path):
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def text(v):
    return json.dumps(v, ensure_ascii=False)


def corpus(folder):
    return [load(p) for p in sorted(glob.glob(os.path.join(ROOT, folder, "*.json")))]


def words(v, out):
    """Every key and every short string of a JSON value."""
    if isinstance(v, dict):
        for k, x in v.items():
            out.add(k)
            words(x, out)
    elif isinstance(v, list):
        for x in v:
            words(x, out)
    elif isinstance(v, str) and len(v) <= 24 and "\n" not in v:
        out.add(v)


def dict_line(word):
    escaped = "".join(
        c if 32 <= ord(c) < 127 and c not in '"\\' else "".join(f"\\x{b:02x}" for b in c.encode())
        for c in word
    )
    return f'"{escaped}"'


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    out = sys.argv[1]
    seeds = {t: [] for t in TARGETS}
    vocab = set()
    cases, invalid, runs = corpus("cases"), corpus("invalid"), corpus("runs")
    for c in cases:
        seeds["plan"].append(text(c["plan"]))
        seeds["scoring"].append(text(c["plan"]) + "\0" + text(c["input"]))
        words(c["plan"], vocab)
        words(c["input"], vocab)
    for c in invalid:
        plan = c["plan_text"] if "plan_text" in c else text(c["plan"])
        seeds["plan"].append(plan)
        if "input" in c:
            seeds["scoring"].append(plan + "\0" + text(c["input"]))
        words(c.get("plan"), vocab)
    for c in runs:
        doc = {k: v for k, v in c.items() if k not in ("expected", "expected_error", "derivation")}
        seeds["run_doc"].append(text(doc))
        words(doc, vocab)
        for p in c.get("plans", []):
            seeds["plan"].append(text(p))
        facts = c.get("facts") or {}
        if facts.get("format", "csv") == "csv" and "text" in facts:
            seeds["csv_facts"].append(facts["text"])
            seeds["columns"].append("\0" + facts["text"])
        elif "text" in facts:
            seeds["jsonl_facts"].append(facts["text"])
        for key in ("period", "as_of"):
            if isinstance(c.get(key), str):
                PERIOD_WORDS.append(c[key])
    seeds["csv_facts"].append(CSV_SEED)
    seeds["columns"].append("\0" + CSV_SEED.replace(',"1,5"', ",15"))
    seeds["columns"].append("\x01\x2b" + "\x00\x03\x05\x07\x09\x0b\x0d\x41" * 8 + "D1li李deal2026-07-05 100")
    seeds["jsonl_facts"].append(JSONL_SEED)
    seeds["run_doc"].append(text({**json.loads(FIXED_RUN), "facts": {"format": "csv", "text": CSV_SEED}}))
    seeds["run_doc"].append(text({**json.loads(FIXED_RUN), "facts": {"format": "jsonl", "text": JSONL_SEED}}))
    for i, w in enumerate(sorted(set(PERIOD_WORDS))):
        seeds["period"].append(chr(i % 10) + chr(i % 84) + w)
    for line in CSV_SEED.splitlines()[0].split(","):
        vocab.add(line)
    for t in TARGETS:
        d = os.path.join(out, t)
        os.makedirs(d, exist_ok=True)
        for s in seeds[t]:
            b = s.encode("utf-8")
            name = hashlib.sha1(b).hexdigest()
            with open(os.path.join(d, name), "wb") as f:
                f.write(b)
    json_dict = sorted(dict_line(f'"{w}"') for w in vocab if w)
    json_dict += [dict_line(w) for w in ['{"', '":"', '":', '"}', "[]", "{}", "null", "true", "false"]]
    csv_dict = sorted(dict_line(w) for w in vocab if w and "," not in w)
    csv_dict += [dict_line(w) for w in ['"', '""', "\r\n", ",,", "T", "Z", "+08:00", "\ufeff"]]
    period_dict = [dict_line(w) for w in ["FY", "-Q", "-H", "-W", "..", "T", "Z", ":00", "+05:45", "-04:00"]]
    dicts = {
        "plan": json_dict, "run_doc": json_dict, "scoring": json_dict,
        "csv_facts": csv_dict, "columns": csv_dict, "jsonl_facts": json_dict + csv_dict,
        "period": period_dict,
    }
    for t, lines in dicts.items():
        with open(os.path.join(out, f"{t}.dict"), "w", encoding="ascii") as f:
            f.write("\n".join(sorted(set(lines))) + "\n")
    print(" ".join(f"{t}:{len(seeds[t])}" for t in TARGETS))


def fixed_run():
    """The fixed run of fuzz/src/lib.rs (the text between its raw string quotes)."""
    src = open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "src", "lib.rs"), encoding="utf-8").read()
    start = src.index('pub const RUN: &str = r#"') + len('pub const RUN: &str = r#"')
    return src[start:src.index('"#;', start)]


FIXED_RUN = fixed_run()

if __name__ == "__main__":
    main()
