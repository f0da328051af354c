"""Side-by-side harness: attain (CLI, Python binding) against pandas, polars and
DuckDB on the demo's quarter. Run through run.sh / smoke.sh (they set up the venv
and build the CLI); by hand:

    .venv/bin/python harness.py [--smoke] [--work DIR] [--results FILE] N [N ...]

For each N: `attain demo --people N --no-run` writes the data (cached in
WORK/data-N while the attain binary is the same), every peer runs once in its own
process (best of 2 when N <= 5000), and its per-person totals, ratings and ranks
are compared with attain's JSON result. Prints a table per N; without --smoke,
writes them under "## Side by side" in benches/RESULTS.md.
"""

from __future__ import annotations

import argparse
import datetime
import hashlib
import json
import os
import platform
import shutil
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
ATTAIN = os.environ.get("ATTAIN_BIN") or os.path.join(ROOT, "target", "release", "attain")
PERIOD = "2026-Q3"
PY = sys.executable
PLAN_FILES = ["telesales.json", "key-account.json", "customer-success.json"]

# name, command (a function of data dir and out file), kind
PEERS = [
    ("attain CLI (CSV file)", "cli"),
    ("attain Python (Arrow table)", "py-arrow"),
    ("attain Python (CSV bytes)", "py-bytes"),
    ("pandas", "pandas"),
    ("polars", "polars"),
    ("DuckDB SQL", "duckdb"),
]


def peer_command(kind, data, out):
    if kind == "cli":
        plans = sum((["--plan", os.path.join(data, "plans", p)] for p in PLAN_FILES), [])
        return [ATTAIN, "run", *plans, "--roster", os.path.join(data, "roster.csv"),
                "--facts", os.path.join(data, "facts.csv"),
                "--team-targets", os.path.join(data, "team_targets.csv"),
                "--period", PERIOD, "--format", "json"]
    if kind.startswith("py-"):
        return [PY, os.path.join(HERE, "peer_attain_py.py"), data, PERIOD, out, kind[3:]]
    return [PY, os.path.join(HERE, f"peer_{kind}.py"), data, PERIOD, out]


def measure(cmd, stdout_path, timeout):
    """Run cmd as a child; wall time, CPU time and peak RSS of that child (wait4)."""
    with open(stdout_path, "wb") as so, open(stdout_path + ".err", "wb") as se:
        t0 = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=so, stderr=se)
        deadline = t0 + timeout
        while True:
            pid, status, ru = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                break
            if time.perf_counter() > deadline:
                proc.kill()
                pid, status, ru = os.wait4(proc.pid, 0)
                proc.returncode = -9
                return {"wall": time.perf_counter() - t0, "error": f"timeout after {timeout} s"}
            time.sleep(0.005)
        wall = time.perf_counter() - t0
    proc.returncode = os.waitstatus_to_exitcode(status)
    res = {"wall": wall, "cpu": ru.ru_utime + ru.ru_stime, "rss_mb": ru.ru_maxrss / 1024.0,
           "code": proc.returncode}
    if proc.returncode != 0:
        err = open(stdout_path + ".err", encoding="utf-8", errors="replace").read()[-2000:]
        res["error"] = f"exit {proc.returncode}: {err.strip()}"
    return res


# --- data -----------------------------------------------------------------------

def sha(path):
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def demo_data(work, n):
    data = os.path.join(work, f"data-{n}")
    stamp = os.path.join(data, ".stamp")
    want = json.dumps({"attain": sha(ATTAIN), "people": n, "period": PERIOD})
    if os.path.exists(stamp) and open(stamp).read() == want:
        return data, None
    shutil.rmtree(data, ignore_errors=True)
    t0 = time.perf_counter()
    subprocess.run([ATTAIN, "demo", "--people", str(n), "--period", PERIOD, "--no-run", "--out", data],
                   check=True, stdout=subprocess.DEVNULL)
    gen = time.perf_counter() - t0
    with open(stamp, "w") as f:
        f.write(want)
    return data, gen


# --- results --------------------------------------------------------------------

def attain_cards(path):
    """subject -> {plan, total, rating, rank, scores, actuals, achievements}; and the run."""
    with open(path, encoding="utf-8") as f:
        run = json.load(f)
    cards = {}
    for res in run["results"]:
        for s in res["subjects"]:
            scores, actuals = {}, {}

            def walk(node):
                if node["kind"] == "indicator":
                    scores[node["id"]] = node["score"]
                    actuals[node["id"]] = node["actual"]
                for c in node.get("children", []):
                    walk(c)
            if s.get("tree"):
                walk(s["tree"])
            cards[s["id"]] = {"plan": res["plan"]["id"], "total": s["total"], "rating": s["rating"],
                              "rank": s["rank"], "scores": scores, "actuals": actuals}
    return cards, run


def peer_cards(path):
    cards = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            r = json.loads(line)
            cards[r["subject"]] = r
    return cards


def bad_row_subjects(data, run):
    """Subjects of the facts rows attain rejected as bad_row (cut-short lines)."""
    lines = {r["line"] for r in run["ledger"]["rejections"] if r["code"] == "bad_row"}
    found = set()
    if not lines:
        return found
    last = max(lines)
    with open(os.path.join(data, "facts.csv"), encoding="utf-8") as f:
        for i, line in enumerate(f, start=1):
            if i in lines:
                parts = line.split(",")
                if len(parts) > 1:
                    found.add(parts[1])
            if i >= last:
                break
    return found


def close(a, b, tol):
    return a is not None and b is not None and abs(a - b) <= tol


def compare(ref, peer, bad_rows):
    """Subject by subject: totals (2 decimals), ratings, ranks. Returns the list of
    differences, each classified."""
    diffs = []
    totals_differ = set()
    subjects = sorted(set(ref) | set(peer))
    for sid in subjects:
        a, p = ref.get(sid), peer.get(sid)
        if a is None or p is None:
            diffs.append({"subject": sid, "what": "subject", "cause": "rule",
                          "detail": "missing in the peer" if p is None else "not scored by attain"})
            continue
        if a["total"] != p["total"]:
            totals_differ.add(a["plan"])
    for sid in subjects:
        a, p = ref.get(sid), peer.get(sid)
        if a is None or p is None:
            continue
        what = [k for k in ("total", "rating", "rank") if a[k] != p[k]]
        if not what:
            continue
        d = {"subject": sid, "plan": a["plan"], "what": "/".join(what),
             "attain": f"{a['total']} {a['rating']} #{a['rank']}",
             "peer": f"{p['total']} {p['rating']} #{p['rank']}"}
        if "total" in what:
            d.update(classify_total(a, p, sid in bad_rows))
        elif "rating" in what:
            d.update(cause="rule", detail="same total, other rating")
        else:
            d.update(cause="knock-on" if a["plan"] in totals_differ else "rule",
                     detail="rank moved by another subject's total" if a["plan"] in totals_differ
                     else "same totals, other rank")
        diffs.append(d)
    return diffs


def rounding_stats(ref, peer):
    """How close the peer's float totals come to a rounding edge, and what pandas'
    Series.round(2) (numpy: rint(x * 100) / 100, half to even) would have given."""
    import math
    edge = half_even = 0
    examples = []
    for sid, p in sorted(peer.items()):
        raw, a = p.get("total_raw"), ref.get(sid)
        if raw is None or a is None or a["total"] is None:
            continue
        frac = raw * 100 - math.floor(raw * 100)
        if abs(frac - 0.5) < 1e-6:
            edge += 1
            even = f"{round(raw * 100) / 100:.2f}"
            examples.append((even == a["total"], f"`{sid}` {raw!r} → {p['total']} (attain {a['total']}, "
                                                 f"half to even {even})"))
        if p["total"] == a["total"] and f"{round(raw * 100) / 100:.2f}" != a["total"]:  # Python's round() is half to even, like rint
            half_even += 1
    examples = [text for _, text in sorted(examples, key=lambda e: e[0])[:3]]
    return {"edge": edge, "half_even": half_even, "examples": examples}


def classify_total(a, p, has_bad_row):
    raw = p.get("total_raw")
    if a["total"] is not None and p["total"] is not None and raw is not None:
        t, q = float(a["total"]), float(p["total"])
        mid = (t + q) / 2
        if abs(abs(t - q) - 0.01) < 1e-9 and abs(raw - mid) < 1e-7:
            return {"cause": "float", "detail": f"total at x.xx5: exact {mid:.3f}, float {raw!r}"}
    # which indicators differ beyond display rounding?
    moved, same_actual = [], []
    for ind, s in a["scores"].items():
        ps = p.get("scores", {}).get(ind)
        if (s is None) != (ps is None) or (s is not None and not close(float(s), ps, 0.005 + 1e-9)):
            moved.append(ind)
            aa, pa = a["actuals"].get(ind), p.get("actuals", {}).get(ind)
            # Float error can move a score by more than rounding only where the curve
            # jumps (a step tier, a gate): the same actual, a score a point or more apart.
            if (aa is not None and pa is not None and close(float(aa), pa, 0.005 + 1e-9)
                    and s is not None and ps is not None and abs(float(s) - ps) >= 1):
                same_actual.append(ind)
    if moved and len(same_actual) == len(moved):
        return {"cause": "float", "detail": "score at a tier/gate/cap boundary: " + ", ".join(
            f"{i} actual {a['actuals'][i]} → attain {a['scores'][i]}, peer {p['scores'].get(i)!r}"
            for i in moved)}
    if has_bad_row:
        return {"cause": "reader", "detail": "the peer's CSV reader kept a cut-short line that the "
                "ledger rejects (bad_row): " + ", ".join(moved)}
    return {"cause": "rule", "detail": "indicators differ: " + ", ".join(
        f"{i} attain {a['scores'].get(i)} (actual {a['actuals'].get(i)}), peer "
        f"{p.get('scores', {}).get(i)!r} (actual {p.get('actuals', {}).get(i)!r})" for i in moved)}


# --- the run ----------------------------------------------------------------------

def load_avg():
    try:
        return open("/proc/loadavg").read().split()[:3]
    except OSError:
        return ["?"] * 3


def run_n(n, work, repeat, timeout, log):
    data, gen = demo_data(work, n)
    # Freshly written data is still being flushed to disk: let that finish before
    # the first peer is timed (it cost the first peer seconds at N = 20,000).
    os.sync()
    out_dir = os.path.join(work, f"out-{n}")
    os.makedirs(out_dir, exist_ok=True)
    rows = {}
    print(f"\n== N = {n}: data in {data}" + (f" (generated in {gen:.1f} s)" if gen else " (cached)"),
          flush=True)
    for name, kind in PEERS:
        out = os.path.join(out_dir, f"{kind}.jsonl")
        stdout = os.path.join(out_dir, f"{kind}.stdout")
        best = None
        for _ in range(repeat):
            load = load_avg()[0]
            m = measure(peer_command(kind, data, out), stdout, timeout)
            m["load"] = load
            if kind != "cli" and "error" not in m:
                lines = [ln for ln in open(stdout, encoding="utf-8").read().splitlines() if ln.strip()]
                stats = json.loads(lines[-1]) if lines else {"na": "no statistics printed"}
                m["stats"] = stats
                if "na" in stats:
                    m["na"] = stats["na"]
            if "error" in m or "na" in m:
                best = m
                break
            if best is None or m["wall"] < best["wall"]:
                best = m
        rows[kind] = best
        status = best.get("error") or best.get("na") or (
            f"{best['wall']:.2f} s wall, {best['cpu']:.2f} s CPU, {best['rss_mb']:.0f} MB peak")
        print(f"   {name:<28} {status}", flush=True)
    cli = rows["cli"]
    if "error" in cli:
        raise SystemExit(f"attain CLI failed at N={n}: {cli['error']}")
    ref, run = attain_cards(os.path.join(out_dir, "cli.stdout"))
    facts_rows = run["ledger"]["rows"]
    roster_people = sum(1 for _ in open(os.path.join(data, "roster.csv"), encoding="utf-8")) - 1
    bad_rows = None
    for name, kind in PEERS:
        m = rows[kind]
        if kind == "cli" or "error" in m or "na" in m:
            continue
        peer = peer_cards(os.path.join(out_dir, f"{kind}.jsonl"))
        if bad_rows is None:
            bad_rows = bad_row_subjects(data, run)
        m["diffs"] = compare(ref, peer, bad_rows)
        if not kind.startswith("py-"):  # the binding's totals are exact decimals
            m["rounding"] = rounding_stats(ref, peer)
        m["compared"] = len(ref)
    rows["cli"]["diffs"] = []
    rows["cli"]["compared"] = len(ref)
    return {"n": n, "data": data, "facts": facts_rows, "people": roster_people,
            "scored": len(ref), "ledger": {k: run["ledger"][k] for k in
                                           ("used", "outside", "duplicate", "conflicting", "rejected")},
            "peers": rows, "cli_stderr": open(os.path.join(out_dir, "cli.stdout.err")).read().strip()}


def cause_summary(diffs):
    counts = {}
    for d in diffs:
        counts[d["cause"]] = counts.get(d["cause"], 0) + 1
    return ", ".join(f"{v} {k}" for k, v in sorted(counts.items())) or "-"


def table(res):
    cli = res["peers"]["cli"]
    head = ["peer", "wall s", "work s", "CPU s", "facts/s (wall)", "peak RSS MB", "× attain CLI",
            "subjects differing", "why"]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for name, kind in PEERS:
        m = res["peers"][kind]
        if "error" in m:
            lines.append(f"| {name} | failed: {m['error'][:120]} |" + " |" * (len(head) - 2))
            continue
        if "na" in m:
            lines.append(f"| {name} | n/a: {m['na']} |" + " |" * (len(head) - 2))
            continue
        work = m.get("stats", {}).get("work_s")
        ndiff = len({d["subject"] for d in m["diffs"]})
        lines.append("| " + " | ".join([
            name, f"{m['wall']:.2f}", f"{work:.2f}" if work is not None else "-", f"{m['cpu']:.2f}",
            f"{res['facts'] / m['wall']:,.0f}", f"{m['rss_mb']:,.0f}",
            f"{m['wall'] / cli['wall']:.2f}",
            f"{ndiff} of {m['compared']}" if kind != "cli" else "(reference)",
            cause_summary(m["diffs"]) if kind != "cli" else "-"]) + " |")
    return "\n".join(lines)


def detail_notes(res):
    out = []
    for name, kind in PEERS:
        m = res["peers"][kind]
        phases = m.get("stats", {}).get("phases")
        bits = []
        if phases:
            bits.append("work: " + ", ".join(f"{k} {v:.2f} s" for k, v in phases.items()))
        r = m.get("rounding")
        if r:
            bits.append(f"float totals within 1e-8 of a half cent: {r['edge']}"
                        + (f" (e.g. {', '.join(r['examples'])})" if r["examples"] else "")
                        + f"; rounded half to even (pandas' default Series.round(2)) instead of half away"
                        f" from zero, {r['half_even']} more total(s) would differ")
        if bits:
            out.append(f"- {name}: " + "; ".join(bits))
    return out


def diff_notes(res, limit=5):
    out = []
    order = {"rule": 0, "float": 1, "reader": 2, "knock-on": 3}
    for name, kind in PEERS:
        m = res["peers"][kind]
        for d in sorted(m.get("diffs", []), key=lambda d: order.get(d["cause"], 9))[:limit]:
            out.append(f"- {name}: `{d['subject']}` ({d.get('plan', '?')}): {d['what']}: attain "
                       f"{d.get('attain', '')}, peer {d.get('peer', '')} — {d['cause']}: {d['detail']}")
        if len(m.get("diffs", [])) > limit:
            out.append(f"- {name}: ... and {len(m['diffs']) - limit} more")
    return out


def commit():
    try:
        out = subprocess.run(["git", "-C", ROOT, "rev-parse", "--short", "HEAD"], capture_output=True,
                             text=True).stdout.strip()
        dirty = subprocess.run(["git", "-C", ROOT, "status", "--porcelain", "--", "core", "cli",
                                "bindings-python"], capture_output=True, text=True).stdout.strip()
        return f"`{out}`" + (" (with uncommitted changes)" if dirty else "")
    except OSError:
        return "?"


def machine():
    cpu = "?"
    try:
        for line in open("/proc/cpuinfo"):
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = "?"
    try:
        for line in open("/proc/meminfo"):
            if line.startswith("MemTotal"):
                mem = f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB"
    except OSError:
        pass
    return {"nproc": os.cpu_count(), "cpu": cpu, "memory": mem, "kernel": platform.release(),
            "python": platform.python_version()}


def versions(res_list):
    v = {}
    for res in res_list:
        for m in res["peers"].values():
            v.update(m.get("stats", {}).get("versions", {}))
    try:
        v["attain CLI"] = subprocess.run([ATTAIN, "--version"], capture_output=True, text=True) \
            .stdout.strip().replace("attain ", "")
    except OSError:
        pass
    return v


def markdown(results, command, started, load_before, load_after):
    m = machine()
    lines = [
        "## Side by side",
        "",
        "attain against the tools an analyst would use on the same CRM export: the demo's",
        f"quarter ({PERIOD}, `attain demo --people N --no-run`), every person's total, rating and",
        "rank, computed by each peer in its own process. Written by `bash benches/compare/run.sh`",
        "(see [compare/README.md](compare/README.md) for what each peer does).",
        "",
        f"- date: {started} (UTC); command: `{command}`; attain at commit {commit()}",
        f"- machine: {m['nproc']} cores ({m['cpu']}), {m['memory']} memory, Linux {m['kernel']}, "
        f"Python {m['python']}",
        f"- load average (1, 5, 15 min) before: {' '.join(load_before)}; after: {' '.join(load_after)}"
        " (other processes share the machine)",
        "- versions: " + ", ".join(f"{k} {v}" for k, v in sorted(versions(results).items())),
        "- wall: the peer's whole process (interpreter start and imports included for the Python peers);"
        " work: what the peer times itself, from reading the files to the results in memory;"
        " CPU: user + system of the process (above wall = several threads); peak RSS: the"
        " process's maximum resident set (wait4); × attain CLI: wall ÷ the CLI's wall. The"
        " facts file is in the page cache (just written or read by the peer before).",
        "- subjects differing: persons whose total (2 decimals), rating or rank is not attain's."
        " Causes: `float` (the exact value is x.xx5 and float error rounds it the other way, or an"
        " indicator sits exactly on a tier / gate / cap point and float error puts it on the"
        " other side), `knock-on` (same total, rank moved by another person's different total),"
        " `reader` (the tool's CSV reader keeps a cut-short line that the ledger rejects),"
        " `rule` (a genuine difference in rules: a harness bug to fix).",
        "",
    ]
    for res in results:
        peers = res["peers"]
        lines += [
            f"### N = {res['n']:,} people",
            "",
            f"{res['facts']:,} fact rows ({res['facts'] / res['people']:.0f} per person), "
            f"{res['scored']:,} persons scored; ledger: " + ", ".join(
                f"{k} {v:,}" for k, v in res["ledger"].items()) + ".",
            "",
            table(res),
            "",
        ]
        lines += ["Where each peer's time goes, and how near its float totals come to a rounding edge:", ""]
        lines += detail_notes(res) + [""]
        notes = diff_notes(res)
        if notes:
            lines += ["Differences (first few per peer):", ""] + notes + [""]
        if res["cli_stderr"]:
            lines += ["attain CLI stderr: `" + res["cli_stderr"].replace("\n", " / ")[:300] + "`", ""]
        _ = peers
    return "\n".join(lines).rstrip() + "\n"


def write_results(path, section):
    head = ("# Benchmark results\n\n"
            "## Criterion figures\n\n"
            "(Kept by the criterion benches in `benches/benches/`: `cargo bench -p attain-benches`.)\n\n")
    text = open(path, encoding="utf-8").read() if os.path.exists(path) else head
    start = text.find("## Side by side")
    if start < 0:
        text = text.rstrip() + "\n\n" + section
    else:
        nxt = text.find("\n## ", start + 3)
        text = text[:start] + section + ("\n" + text[nxt + 1:] if nxt >= 0 else "")
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("n", nargs="*", type=int)
    ap.add_argument("--smoke", action="store_true", help="N = 50, no RESULTS.md, fail on a crash")
    ap.add_argument("--work", default=HERE, help="where data-N/ and out-N/ go (default: here)")
    ap.add_argument("--results", default=os.path.join(ROOT, "benches", "RESULTS.md"))
    ap.add_argument("--repeat", type=int, default=None, help="runs per peer (default 2 if N <= 5000)")
    ap.add_argument("--timeout", type=int, default=3600)
    ap.add_argument("--command", default=None, help="the command line to record")
    a = ap.parse_args()
    ns = a.n or ([50] if a.smoke else [1000, 20000])
    started = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M")
    load_before = load_avg()
    results = []
    for n in ns:
        repeat = a.repeat or (2 if n <= 5000 else 1)
        res = run_n(n, a.work, repeat, a.timeout, None)
        results.append(res)
        print()
        print(table(res))
        for line in detail_notes(res) + diff_notes(res):
            print(line)
    load_after = load_avg()
    with open(os.path.join(a.work, "last-run.json"), "w", encoding="utf-8") as f:
        json.dump(results, f, indent=1, default=str)
    failures = []
    for res in results:
        for name, kind in PEERS:
            m = res["peers"][kind]
            if "error" in m:
                failures.append(f"N={res['n']} {name}: {m['error']}")
            elif "na" not in m and "diffs" not in m:
                failures.append(f"N={res['n']} {name}: no agreement computed")
    if not a.smoke:
        section = markdown(results, a.command or "bash benches/compare/run.sh " + " ".join(map(str, ns)),
                           started, load_before, load_after)
        write_results(a.results, section)
        print(f"\nwrote the table under 'Side by side' in {os.path.relpath(a.results, ROOT)}")
    if failures:
        print("\nfailed peers:\n  " + "\n  ".join(failures), file=sys.stderr)
        sys.exit(1)


if __name__ == "__main__":
    main()
