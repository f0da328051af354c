//! Run the demo's quarter (`attain demo --people N --no-run --out DIR`) once, from
//! the CSV file or from columns of text (the layout an Arrow table hands over),
//! for timing and callgrind:
//!
//!   cargo run --release -p attain-benches --example demo_run -- DIR csv|columns [THREADS]
//!
//! `columns` first reads the CSV into one text buffer + offsets per column (not
//! timed), as pyarrow would, then times `run_columns` alone.
use attain::run::{run_columns, FactBatch, FactsFormat, Offsets, RunSetup, TextColumn};
use std::path::Path;
use std::time::Instant;

struct Column {
    name: String,
    text: Vec<u8>,
    offsets: Vec<i64>,
}

fn columns_of(path: &Path) -> Result<Vec<Column>, String> {
    let mut rdr = csv::ReaderBuilder::new()
        .flexible(true)
        .from_path(path)
        .map_err(|e| e.to_string())?;
    let headers = rdr.headers().map_err(|e| e.to_string())?.clone();
    let mut cols: Vec<Column> = headers
        .iter()
        .map(|h| Column {
            name: h.trim_start_matches('\u{feff}').to_string(),
            text: Vec::new(),
            offsets: vec![0],
        })
        .collect();
    let mut rec = csv::StringRecord::new();
    while rdr.read_record(&mut rec).map_err(|e| e.to_string())? {
        if rec.len() != cols.len() {
            continue; // a cut-short line: pyarrow skips it too
        }
        for (c, v) in cols.iter_mut().zip(rec.iter()) {
            c.text.extend_from_slice(v.as_bytes());
            c.offsets.push(c.text.len() as i64);
        }
    }
    Ok(cols)
}

fn setup(dir: &Path, threads: Option<usize>) -> Result<RunSetup, String> {
    let read = |p: &str| std::fs::read_to_string(dir.join(p)).map_err(|e| format!("{p}: {e}"));
    let mut plans = Vec::new();
    for name in [
        "telesales.json",
        "key-account.json",
        "customer-success.json",
    ] {
        let text = read(&format!("plans/{name}"))?;
        plans.push(serde_json::from_str::<serde_json::Value>(&text).map_err(|e| e.to_string())?);
    }
    let doc = serde_json::json!({
        "plans": plans,
        "roster": attain::run::csv_rows(&read("roster.csv")?)?,
        "team_targets": attain::run::csv_rows(&read("team_targets.csv")?)?,
        "period": "2026-Q3",
    });
    let s = RunSetup::from_value(&doc).map_err(|e| e.to_string())?;
    Ok(match threads {
        Some(n) => s.with_threads(n),
        None => s,
    })
}

fn main() -> Result<(), String> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (Some(dir), Some(mode)) = (args.first(), args.get(1)) else {
        return Err("usage: demo_run DIR csv|columns [THREADS]".to_string());
    };
    let dir = Path::new(dir);
    let setup = setup(dir, args.get(2).and_then(|t| t.parse().ok()))?;
    let facts = dir.join("facts.csv");
    let (result, secs) = if mode == "columns" {
        let cols = columns_of(&facts)?;
        let batch = FactBatch::new(
            cols.iter()
                .map(|c| TextColumn::new(c.name.clone(), &c.text, Offsets::Wide(&c.offsets), None))
                .collect::<Result<_, _>>()?,
        )?;
        let start = Instant::now();
        let r = run_columns(&setup, &[batch]);
        (r, start.elapsed().as_secs_f64())
    } else {
        let start = Instant::now();
        let r = attain::run::run(&setup, FactsFormat::Csv, || std::fs::File::open(&facts));
        (r, start.elapsed().as_secs_f64())
    };
    let r = result.map_err(|e| e.to_string())?;
    let l = r.ledger();
    println!(
        "{mode}: rows {} used {} | {secs:.3} s, {:.0} facts/s",
        l.rows,
        l.used,
        l.rows as f64 / secs
    );
    Ok(())
}
