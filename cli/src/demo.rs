//! `attain demo`: a deterministic example organisation and one quarter of its CRM
//! facts, written as the files `attain run` reads, then run.
//!
//! The organisation has the three roles of `docs/DOMAIN.md`: telesales (电话销售),
//! key account managers (大客户经理) and customer success managers (客户成功经理),
//! in regional teams (华东电销一组, ...), with Chinese names, a few mid-quarter hires
//! and leavers and one person inactive the whole quarter. The facts are what a CRM
//! exports: calls, leads, visits, deals, contracts, invoices and payments, renewals,
//! surveys, record updates and complaints, with timestamps in Asia/Shanghai (some
//! in UTC), and on purpose: facts dated before and after the quarter, exact
//! duplicates, conflicting ids and rows that cannot be read.
//!
//! Everything comes from one small PRNG (SplitMix64), one stream per person, and
//! only IEEE-exact float operations (+ − × ÷, sqrt, rounding), so the same seed
//! gives the same bytes on every machine.

use crate::progress::Bar;
use crate::run::{self, RunFormat};
use crate::Failure;
use attain::FactsFormat;
use chrono::{Datelike, Duration, NaiveDate, Weekday};
use std::collections::HashSet;
use std::fmt::Write as _;
use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use std::time::Instant;

/// The demo's plans, also the canonical examples in `examples/org/plans/`.
pub const PLANS: [(&str, &str); 3] = [
    (
        "telesales.json",
        include_str!("../../examples/org/plans/telesales.json"),
    ),
    (
        "key-account.json",
        include_str!("../../examples/org/plans/key-account.json"),
    ),
    (
        "customer-success.json",
        include_str!("../../examples/org/plans/customer-success.json"),
    ),
];

/// What `attain demo` is given.
pub struct DemoArgs {
    pub people: usize,
    pub seed: u64,
    pub out: PathBuf,
    pub period: String,
    pub as_of: Option<String>,
    pub no_run: bool,
    pub format: Option<RunFormat>,
}

// ---------------------------------------------------------------------------
// PRNG
// ---------------------------------------------------------------------------

const GOLDEN: u64 = 0x9E37_79B9_7F4A_7C15;

fn mix(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// SplitMix64: small, fast, and the same everywhere.
struct Rng(u64);

impl Rng {
    /// An independent stream of a seed (0: the organisation, 1 + i: person i).
    fn new(seed: u64, stream: u64) -> Rng {
        Rng(mix(
            mix(seed.wrapping_add(GOLDEN)) ^ stream.wrapping_mul(GOLDEN)
        ))
    }

    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(GOLDEN);
        mix(self.0)
    }

    /// Uniform in 0..n (0 when n is 0).
    fn below(&mut self, n: u64) -> u64 {
        ((u128::from(self.next()) * u128::from(n)) >> 64) as u64
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        let i = self.below(items.len() as u64) as usize;
        &items[i.min(items.len().saturating_sub(1))]
    }

    /// Uniform in [0, 1).
    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 * (1.0 / (1u64 << 53) as f64)
    }

    fn range(&mut self, lo: f64, hi: f64) -> f64 {
        lo + (hi - lo) * self.unit()
    }

    fn chance(&mut self, p: f64) -> bool {
        self.unit() < p
    }

    /// A bell shape on [0, 1] (mean of four uniforms).
    fn bell(&mut self) -> f64 {
        (self.unit() + self.unit() + self.unit() + self.unit()) / 4.0
    }

    /// A count around `mean` (±25 %, most within ±10 %).
    fn count(&mut self, mean: f64) -> u64 {
        (mean * (0.75 + 0.5 * self.bell())).round().max(0.0) as u64
    }

    /// A skill in [0, 1] that follows `base` with some noise of its own.
    fn skill(&mut self, base: f64) -> f64 {
        (0.65 * base + 0.35 * self.unit()).clamp(0.0, 1.0)
    }
}

// ---------------------------------------------------------------------------
// The organisation
// ---------------------------------------------------------------------------

#[derive(Clone, Copy, PartialEq, Eq)]
enum Role {
    Telesales,
    KeyAccount,
    Success,
}

impl Role {
    fn id(self) -> &'static str {
        match self {
            Role::Telesales => "telesales",
            Role::KeyAccount => "kam",
            Role::Success => "csm",
        }
    }
}

const SURNAMES: [(&str, &str); 50] = [
    ("王", "wang"),
    ("李", "li"),
    ("张", "zhang"),
    ("刘", "liu"),
    ("陈", "chen"),
    ("杨", "yang"),
    ("黄", "huang"),
    ("赵", "zhao"),
    ("吴", "wu"),
    ("周", "zhou"),
    ("徐", "xu"),
    ("孙", "sun"),
    ("马", "ma"),
    ("朱", "zhu"),
    ("胡", "hu"),
    ("郭", "guo"),
    ("何", "he"),
    ("高", "gao"),
    ("林", "lin"),
    ("罗", "luo"),
    ("郑", "zheng"),
    ("梁", "liang"),
    ("谢", "xie"),
    ("宋", "song"),
    ("唐", "tang"),
    ("许", "xu"),
    ("韩", "han"),
    ("冯", "feng"),
    ("邓", "deng"),
    ("曹", "cao"),
    ("彭", "peng"),
    ("曾", "zeng"),
    ("肖", "xiao"),
    ("田", "tian"),
    ("董", "dong"),
    ("袁", "yuan"),
    ("潘", "pan"),
    ("于", "yu"),
    ("蒋", "jiang"),
    ("蔡", "cai"),
    ("余", "yu"),
    ("杜", "du"),
    ("叶", "ye"),
    ("程", "cheng"),
    ("苏", "su"),
    ("魏", "wei"),
    ("吕", "lv"),
    ("丁", "ding"),
    ("任", "ren"),
    ("沈", "shen"),
];

const GIVEN: [(&str, &str); 50] = [
    ("伟", "wei"),
    ("芳", "fang"),
    ("娜", "na"),
    ("敏", "min"),
    ("静", "jing"),
    ("丽", "li"),
    ("强", "qiang"),
    ("磊", "lei"),
    ("军", "jun"),
    ("洋", "yang"),
    ("勇", "yong"),
    ("艳", "yan"),
    ("杰", "jie"),
    ("娟", "juan"),
    ("涛", "tao"),
    ("明", "ming"),
    ("超", "chao"),
    ("秀", "xiu"),
    ("霞", "xia"),
    ("平", "ping"),
    ("刚", "gang"),
    ("桂", "gui"),
    ("英", "ying"),
    ("华", "hua"),
    ("玉", "yu"),
    ("萍", "ping"),
    ("红", "hong"),
    ("鹏", "peng"),
    ("辉", "hui"),
    ("婷", "ting"),
    ("浩", "hao"),
    ("宇", "yu"),
    ("欣", "xin"),
    ("悦", "yue"),
    ("晨", "chen"),
    ("佳", "jia"),
    ("琳", "lin"),
    ("思", "si"),
    ("雨", "yu"),
    ("博", "bo"),
    ("文", "wen"),
    ("凯", "kai"),
    ("瑞", "rui"),
    ("嘉", "jia"),
    ("子", "zi"),
    ("一", "yi"),
    ("梓", "zi"),
    ("涵", "han"),
    ("睿", "rui"),
    ("航", "hang"),
];

const REGIONS: [(&str, &str); 7] = [
    ("east", "华东"),
    ("north", "华北"),
    ("south", "华南"),
    ("west", "西南"),
    ("central", "华中"),
    ("northeast", "东北"),
    ("northwest", "西北"),
];

/// 1 → 一, 12 → 十二, 21 → 二十一, up to 99 (then digits).
fn chinese_number(n: usize) -> String {
    const D: [&str; 10] = ["", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    match n {
        1..=9 => D[n].to_string(),
        10..=19 => format!("十{}", D[n % 10]),
        20..=99 => format!("{}十{}", D[n / 10], D[n % 10]),
        _ => n.to_string(),
    }
}

struct Team {
    id: String,
    name: String,
    role: Role,
}

struct Person {
    id: String,
    name: String,
    role: Role,
    team: usize,
    start: NaiveDate,
    end: Option<NaiveDate>,
    share: Option<&'static str>,
}

struct Org {
    people: Vec<Person>,
    teams: Vec<Team>,
    hires: usize,
    leavers: usize,
    inactive: usize,
}

/// People per role, teams of about ten, names, start and end dates.
fn organisation(n: usize, seed: u64, p0: NaiveDate) -> Org {
    let mut rng = Rng::new(seed, 0);
    let n_tele = (n as f64 * 0.2).round() as usize;
    let n_kam = (n as f64 * 0.4).round() as usize;
    let counts = [
        (Role::Telesales, n_tele, "tele", "电销"),
        (Role::KeyAccount, n_kam, "ka", "大客户"),
        (Role::Success, n - n_tele - n_kam, "cs", "客户成功"),
    ];
    let mut teams = Vec::new();
    let mut people = Vec::new();
    let mut taken: HashSet<String> = HashSet::new();
    let (mut hires, mut leavers, mut inactive) = (0, 0, 0);
    for (role, count, prefix, role_cn) in counts {
        let n_teams = count.div_ceil(10).max(1);
        let first_team = teams.len();
        for k in 0..n_teams {
            let (rid, rcn) = REGIONS[k % REGIONS.len()];
            let ord = k / REGIONS.len() + 1;
            teams.push(Team {
                id: format!("{prefix}-{rid}-{ord}"),
                name: format!("{rcn}{role_cn}{}组", chinese_number(ord)),
                role,
            });
        }
        for j in 0..count {
            let (sur, sur_py) = *rng.pick(&SURNAMES);
            let (g1, g1_py) = *rng.pick(&GIVEN);
            let (name, base) = if rng.chance(0.6) {
                let (g2, g2_py) = *rng.pick(&GIVEN);
                (format!("{sur}{g1}{g2}"), format!("{sur_py}.{g1_py}{g2_py}"))
            } else {
                (format!("{sur}{g1}"), format!("{sur_py}.{g1_py}"))
            };
            let mut id = base.clone();
            let mut k = 2;
            while !taken.insert(id.clone()) {
                id = format!("{base}{k}");
                k += 1;
            }
            let team = first_team + j * n_teams / count.max(1);
            let mut start = p0 - Duration::days(60 + rng.below(1800) as i64);
            let mut end = None;
            // One of each on purpose, and a few more by chance.
            let forced_hire = role == Role::Telesales && j == 1;
            let forced_leaver = role == Role::KeyAccount && j == 3;
            let forced_inactive = role == Role::Success && j == 2;
            let draw = rng.unit();
            if forced_inactive {
                end = Some(p0 - Duration::days(20 + rng.below(30) as i64));
                inactive += 1;
            } else if forced_hire || (j > 3 && draw < 0.03) {
                start = p0 + Duration::days(14 + rng.below(50) as i64);
                hires += 1;
            } else if forced_leaver || (j > 3 && draw < 0.06) {
                end = Some(p0 + Duration::days(20 + rng.below(55) as i64));
                leavers += 1;
            }
            people.push(Person {
                id,
                name,
                role,
                team,
                start,
                end,
                share: None,
            });
        }
    }
    // The first key account team splits its team target by share, not evenly.
    if let Some(t) = teams.iter().position(|t| t.role == Role::KeyAccount) {
        let shares = ["1.2", "1", "0.8", "1", "1.5"];
        for (i, p) in people.iter_mut().filter(|p| p.team == t).enumerate() {
            p.share = Some(shares[i % shares.len()]);
        }
    }
    Org {
        people,
        teams,
        hires,
        leavers,
        inactive,
    }
}

// ---------------------------------------------------------------------------
// Days and timestamps
// ---------------------------------------------------------------------------

const BEFORE: i64 = 150;
const AFTER: i64 = 90;
const DAY: i64 = 86_400;

/// Local days around the period: their text and whether they are working days.
struct Days {
    first: NaiveDate,
    text: Vec<[u8; 10]>,
    /// Indices of working days (Monday to Friday), ascending.
    work: Vec<usize>,
    p0: usize,
    p1: usize,
}

impl Days {
    fn new(start: NaiveDate, end: NaiveDate) -> Days {
        let first = start - Duration::days(BEFORE);
        let n = (end - start).num_days() + BEFORE + AFTER;
        let mut text = Vec::with_capacity(n as usize);
        let mut work = Vec::new();
        for i in 0..n {
            let d = first + Duration::days(i);
            // Years 1000 to 9999 only (checked before): always 10 bytes.
            let t = <[u8; 10]>::try_from(d.format("%Y-%m-%d").to_string().as_bytes())
                .unwrap_or(*b"0000-00-00");
            text.push(t);
            if !matches!(d.weekday(), Weekday::Sat | Weekday::Sun) {
                work.push(i as usize);
            }
        }
        Days {
            first,
            text,
            work,
            p0: BEFORE as usize,
            p1: (BEFORE + (end - start).num_days()) as usize,
        }
    }

    fn index(&self, d: NaiveDate) -> i64 {
        (d - self.first).num_days()
    }

    fn clamp(&self, day: i64) -> usize {
        day.clamp(0, self.text.len() as i64 - 1) as usize
    }

    /// Working days in [lo, hi).
    fn working(&self, lo: usize, hi: usize) -> &[usize] {
        let a = self.work.partition_point(|&d| d < lo);
        let b = self.work.partition_point(|&d| d < hi);
        self.work.get(a..b.max(a)).unwrap_or(&[])
    }
}

/// A moment: local seconds since the first day of `Days`.
#[derive(Clone, Copy)]
enum Ts {
    None,
    Date(usize),
    /// Local time, written with +08:00, or in UTC with `Z` when the flag is set.
    At(i64, bool),
}

fn two(buf: &mut Vec<u8>, n: i64) {
    buf.push(b'0' + (n / 10 % 10) as u8);
    buf.push(b'0' + (n % 10) as u8);
}

fn push_u64(buf: &mut Vec<u8>, mut n: u64) {
    let mut digits = [0u8; 20];
    let mut i = digits.len();
    loop {
        i -= 1;
        digits[i] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    buf.extend_from_slice(&digits[i..]);
}

fn push_ts(buf: &mut Vec<u8>, days: &Days, ts: Ts) {
    match ts {
        Ts::None => {}
        Ts::Date(d) => buf.extend_from_slice(&days.text[d.min(days.text.len() - 1)]),
        Ts::At(t, utc) => {
            let t = if utc { t - 8 * 3600 } else { t };
            let day = days.clamp(t.div_euclid(DAY));
            let s = t.rem_euclid(DAY);
            buf.extend_from_slice(&days.text[day]);
            buf.push(b'T');
            two(buf, s / 3600);
            buf.push(b':');
            two(buf, s / 60 % 60);
            buf.push(b':');
            two(buf, s % 60);
            buf.extend_from_slice(if utc { b"Z" } else { b"+08:00" });
        }
    }
}

// ---------------------------------------------------------------------------
// Facts
// ---------------------------------------------------------------------------

const HEADER: &str =
    "id,subject,type,at,created_at,updated_at,customer,amount,stage,score,renewed,complete\n";

/// One fact's fields after id, subject and type.
#[derive(Clone, Copy)]
struct Fact<'a> {
    at: Ts,
    created: Ts,
    updated: Ts,
    customer: Option<(&'a str, u64)>,
    /// Yuan and cents.
    amount: Option<(u64, u64)>,
    stage: &'a str,
    score: Option<u64>,
    renewed: &'a str,
    complete: &'a str,
}

const EMPTY: Fact<'static> = Fact {
    at: Ts::None,
    created: Ts::None,
    updated: Ts::None,
    customer: None,
    amount: None,
    stage: "",
    score: None,
    renewed: "",
    complete: "",
};

/// The facts file being written: one line buffer, a global id sequence, and the
/// rows re-exported at the end (duplicates, the second rows of conflicting ids).
struct Writer<'d> {
    out: BufWriter<File>,
    days: &'d Days,
    line: Vec<u8>,
    seq: u64,
    rows: u64,
    later: Vec<u8>,
    later_rows: u64,
    /// Which rows are exported twice (a stream of its own).
    dups: Rng,
    dup_rate: f64,
}

impl Writer<'_> {
    /// The first fields of a fact line: id (a type letter and a sequence), subject, type.
    fn begin(&mut self, letter: u8, subject: &str, kind: &str) -> u64 {
        self.seq += 1;
        self.line.clear();
        self.line.push(letter);
        let mut digits = Vec::with_capacity(9);
        push_u64(&mut digits, self.seq);
        self.line.extend(std::iter::repeat_n(
            b'0',
            9usize.saturating_sub(digits.len()),
        ));
        self.line.extend_from_slice(&digits);
        self.line.push(b',');
        self.line.extend_from_slice(subject.as_bytes());
        self.line.push(b',');
        self.line.extend_from_slice(kind.as_bytes());
        self.seq
    }

    fn rest(&mut self, f: &Fact<'_>) {
        let b = &mut self.line;
        for ts in [f.at, f.created, f.updated] {
            b.push(b',');
            push_ts(b, self.days, ts);
        }
        b.push(b',');
        if let Some((prefix, n)) = f.customer {
            b.extend_from_slice(prefix.as_bytes());
            push_u64(b, n);
        }
        b.push(b',');
        if let Some((yuan, cents)) = f.amount {
            push_u64(b, yuan);
            if cents > 0 {
                b.push(b'.');
                two_u(b, cents);
            }
        }
        b.push(b',');
        b.extend_from_slice(f.stage.as_bytes());
        b.push(b',');
        if let Some(s) = f.score {
            push_u64(b, s);
        }
        b.push(b',');
        b.extend_from_slice(f.renewed.as_bytes());
        b.push(b',');
        b.extend_from_slice(f.complete.as_bytes());
        b.push(b'\n');
    }

    /// Write one fact; now and then also keep a copy for the end (a duplicate).
    fn fact(
        &mut self,
        letter: u8,
        subject: &str,
        kind: &str,
        f: &Fact<'_>,
    ) -> std::io::Result<u64> {
        let id = self.begin(letter, subject, kind);
        self.rest(f);
        self.out.write_all(&self.line)?;
        self.rows += 1;
        if self.dups.chance(self.dup_rate) {
            self.later.extend_from_slice(&self.line);
            self.later_rows += 1;
        }
        Ok(id)
    }

    fn raw(&mut self, line: &[u8]) -> std::io::Result<()> {
        self.rows += 1;
        self.out.write_all(line)
    }
}

fn two_u(buf: &mut Vec<u8>, n: u64) {
    buf.push(b'0' + (n / 10 % 10) as u8);
    buf.push(b'0' + (n % 10) as u8);
}

/// Where and when one person works, for drawing moments.
struct Span<'d> {
    days: &'d Days,
    /// Working days of the period while active.
    work: &'d [usize],
    /// Working days just before and after the period, when active then (export edges).
    pre: &'d [usize],
    post: &'d [usize],
    /// Active share of the period's working days.
    act: f64,
}

impl Span<'_> {
    /// A working day of the period, now and then one just outside it.
    fn day(&self, rng: &mut Rng) -> Option<usize> {
        let x = rng.unit();
        let list = if x < 0.015 && !self.pre.is_empty() {
            self.pre
        } else if x > 0.985 && !self.post.is_empty() {
            self.post
        } else {
            self.work
        };
        if list.is_empty() {
            return None;
        }
        Some(*rng.pick(list))
    }

    /// A moment in office hours on a working day (3 % written in UTC).
    fn moment(&self, rng: &mut Rng) -> Option<(i64, bool)> {
        let day = self.day(rng)? as i64;
        let t = day * DAY + 8 * 3600 + 30 * 60 + rng.below(10 * 3600) as i64;
        Some((t, rng.chance(0.03)))
    }

    /// A date `days` after a moment (date only, for contracts and payments).
    fn date_after(&self, t: i64, days: i64) -> Ts {
        Ts::Date(self.days.clamp(t.div_euclid(DAY) + days))
    }
}

/// Round yuan to a multiple of `to`.
fn yuan(x: f64, to: u64) -> (u64, u64) {
    let to = to.max(1) as f64;
    (((x / to).round() * to).max(0.0) as u64, 0)
}

/// Record updates (CRM edits): created, updated (mostly within 24 h), complete or not.
fn records(
    w: &mut Writer<'_>,
    rng: &mut Rng,
    p: &Person,
    span: &Span<'_>,
    per_person: u64,
    on_time: f64,
    complete: f64,
) -> std::io::Result<()> {
    for _ in 0..rng.count(per_person as f64 * span.act) {
        let Some((t, utc)) = span.moment(rng) else {
            continue;
        };
        let late = if rng.chance(on_time) {
            600 + rng.below(20 * 3600) as i64
        } else {
            26 * 3600 + rng.below(96 * 3600) as i64
        };
        let f = Fact {
            created: Ts::At(t, utc),
            updated: Ts::At(t + late, utc || rng.chance(0.02)),
            customer: Some(("C", rng.below(90_000) + 10_000)),
            complete: if rng.chance(complete) { "yes" } else { "no" },
            ..EMPTY
        };
        w.fact(b'R', &p.id, "record", &f)?;
    }
    Ok(())
}

fn telesales(
    w: &mut Writer<'_>,
    rng: &mut Rng,
    p: &Person,
    span: &Span<'_>,
    per_person: u64,
) -> std::io::Result<()> {
    let base = rng.bell();
    let effort = 0.72 + 0.55 * rng.skill(base);
    let follow = 0.66 + 0.33 * rng.skill(base);
    let convert = 0.09 + 0.18 * rng.skill(base);
    let complete = 0.86 + 0.14 * rng.skill(base);
    for _ in 0..rng.count(600.0 * span.act * effort) {
        if let Some((t, utc)) = span.moment(rng) {
            w.fact(
                b'A',
                &p.id,
                "call",
                &Fact {
                    at: Ts::At(t, utc),
                    ..EMPTY
                },
            )?;
        }
    }
    for _ in 0..rng.count(60.0 * span.act) {
        let Some((t, utc)) = span.moment(rng) else {
            continue;
        };
        let updated = if rng.chance(follow) {
            Ts::At(t + 1800 + rng.below(22 * 3600) as i64, utc)
        } else if rng.chance(0.8) {
            Ts::At(t + 25 * 3600 + rng.below(72 * 3600) as i64, utc)
        } else {
            Ts::None
        };
        let lead = w.fact(
            b'L',
            &p.id,
            "lead",
            &Fact {
                created: Ts::At(t, utc),
                updated,
                ..EMPTY
            },
        )?;
        let won = rng.chance(convert);
        if won || rng.chance(0.2) {
            let closed = t + (1 + rng.below(18) as i64) * DAY + rng.below(4 * 3600) as i64;
            w.fact(
                b'D',
                &p.id,
                "deal",
                &Fact {
                    at: Ts::At(closed, false),
                    created: Ts::At(t, utc),
                    customer: Some(("L", lead)),
                    amount: Some(yuan(
                        5000.0 + 24_000.0 * rng.unit() * rng.unit().sqrt(),
                        100,
                    )),
                    stage: if won { "won" } else { "lost" },
                    ..EMPTY
                },
            )?;
        }
    }
    records(w, rng, p, span, per_person, 0.9, complete)
}

fn key_account(
    w: &mut Writer<'_>,
    rng: &mut Rng,
    p: &Person,
    index: usize,
    span: &Span<'_>,
    per_person: u64,
) -> std::io::Result<()> {
    let base = rng.bell();
    let visits = 0.6 + 0.8 * rng.skill(base);
    let win = 0.25 + 0.5 * rng.skill(base);
    let speed = rng.skill(base);
    let collect = 0.75 + 0.25 * rng.skill(base);
    let happy = 80.0 + 18.0 * rng.skill(base);
    let customers = index as u64 * 100;
    let customer = |k: u64| Some(("KA", 1_000_000 + customers + k));
    for k in 0..rng.count(26.0 * span.act * visits) {
        if let Some((t, utc)) = span.moment(rng) {
            w.fact(
                b'V',
                &p.id,
                "visit",
                &Fact {
                    at: Ts::At(t, utc),
                    customer: customer(k % 40),
                    ..EMPTY
                },
            )?;
        }
    }
    let mut last = 0;
    for k in 0..rng.count(8.0 * span.act) {
        let Some((t, _)) = span.moment(rng) else {
            continue;
        };
        let c = if k > 0 && rng.chance(0.15) {
            last
        } else {
            50 + k
        };
        last = c;
        let u = rng.unit();
        let amount = yuan(200_000.0 + 1_600_000.0 * u * u.sqrt(), 1000);
        let cycle = (18.0 + 60.0 * (1.0 - speed) * rng.unit() + 15.0 * rng.unit()) * DAY as f64;
        let won = rng.chance(win);
        w.fact(
            b'D',
            &p.id,
            "deal",
            &Fact {
                at: Ts::At(t, false),
                created: Ts::At(t - cycle.round() as i64, false),
                customer: customer(c),
                amount: Some(amount),
                stage: if won { "won" } else { "lost" },
                ..EMPTY
            },
        )?;
        if won {
            w.fact(
                b'K',
                &p.id,
                "contract",
                &Fact {
                    at: span.date_after(t, rng.below(6) as i64),
                    customer: customer(c),
                    amount: Some(amount),
                    ..EMPTY
                },
            )?;
        }
    }
    // Invoices, and payments when collected (some land after the quarter); an
    // invoice of the quarter before is paid in this one now and then.
    let before = if span.pre.is_empty() { 0 } else { 2 };
    for k in 0..rng.count(7.0 * span.act) + before {
        let day = if k < before {
            span.days.p0 as i64 - 5 - rng.below(25) as i64
        } else {
            match span.day(rng) {
                Some(d) => d as i64,
                None => continue,
            }
        };
        let amount = (50_000 + rng.below(550) * 1000, 0);
        let c = customer(50 + rng.below(8));
        w.fact(
            b'I',
            &p.id,
            "invoice",
            &Fact {
                at: Ts::Date(span.days.clamp(day)),
                customer: c,
                amount: Some(amount),
                ..EMPTY
            },
        )?;
        if rng.chance(collect) {
            let paid = if rng.chance(0.1) {
                (amount.0 / 2, 0)
            } else {
                amount
            };
            w.fact(
                b'P',
                &p.id,
                "payment",
                &Fact {
                    at: Ts::Date(span.days.clamp(day + 3 + rng.below(24) as i64)),
                    customer: c,
                    amount: Some(paid),
                    ..EMPTY
                },
            )?;
        }
    }
    for _ in 0..rng.count(7.0 * span.act) {
        if let Some((t, utc)) = span.moment(rng) {
            let score = (happy + 24.0 * (rng.bell() - 0.5))
                .round()
                .clamp(40.0, 100.0);
            w.fact(
                b'S',
                &p.id,
                "survey",
                &Fact {
                    at: Ts::At(t, utc),
                    customer: customer(50 + rng.below(8)),
                    score: Some(score as u64),
                    ..EMPTY
                },
            )?;
        }
    }
    records(w, rng, p, span, per_person, 0.85, 0.95)
}

fn customer_success(
    w: &mut Writer<'_>,
    rng: &mut Rng,
    p: &Person,
    index: usize,
    span: &Span<'_>,
    per_person: u64,
) -> std::io::Result<()> {
    let base = rng.bell();
    let visits = 0.6 + 0.7 * rng.skill(base);
    let happy = 81.0 + 18.0 * rng.skill(base);
    let renew = 0.68 + 0.32 * rng.skill(base);
    let on_time = 0.75 + 0.25 * rng.skill(base);
    let complaints = 1.8 * (1.0 - rng.skill(base));
    let customers = index as u64 * 100;
    let customer = |k: u64| Some(("CS", 1_000_000 + customers + k));
    for _ in 0..rng.count(21.0 * span.act * visits) {
        if let Some((t, utc)) = span.moment(rng) {
            w.fact(
                b'V',
                &p.id,
                "visit",
                &Fact {
                    at: Ts::At(t, utc),
                    customer: customer(rng.below(30)),
                    ..EMPTY
                },
            )?;
        }
    }
    for _ in 0..rng.count(22.0 * span.act) {
        if let Some((t, utc)) = span.moment(rng) {
            let score = (happy + 24.0 * (rng.bell() - 0.5))
                .round()
                .clamp(40.0, 100.0);
            w.fact(
                b'S',
                &p.id,
                "survey",
                &Fact {
                    at: Ts::At(t, utc),
                    customer: customer(rng.below(30)),
                    score: Some(score as u64),
                    ..EMPTY
                },
            )?;
        }
    }
    for _ in 0..rng.count(11.0 * span.act).max(1) {
        if let Some(day) = span.day(rng) {
            let renewed = rng.chance(renew);
            w.fact(
                b'N',
                &p.id,
                "renewal",
                &Fact {
                    at: Ts::Date(day),
                    customer: customer(rng.below(30)),
                    amount: Some((20_000 + rng.below(180) * 1000, 0)),
                    renewed: if renewed { "true" } else { "false" },
                    ..EMPTY
                },
            )?;
        }
    }
    for _ in 0..8 {
        if rng.chance(complaints * span.act / 8.0) {
            if let Some((t, utc)) = span.moment(rng) {
                w.fact(
                    b'Q',
                    &p.id,
                    "complaint",
                    &Fact {
                        at: Ts::At(t, utc),
                        customer: customer(rng.below(30)),
                        ..EMPTY
                    },
                )?;
            }
        }
    }
    records(w, rng, p, span, per_person, on_time, 0.95)
}

/// Rows that are wrong on purpose, each of a kind the ledger names.
#[derive(Clone, Copy)]
enum Bad {
    /// A contract amount the CRM exported as "50万".
    Number,
    /// A call on 30 February.
    Date,
    /// A call by someone not in the roster.
    Subject,
    /// A fact type no plan reads (an email).
    Type,
    /// A call without an id.
    Id,
    /// A line cut short.
    Row,
    /// A renewal whose flag reads 是.
    Boolean,
    /// A won deal that closes before it was created.
    Duration,
    /// A payment without an amount.
    Value,
    /// An invoice exported twice with two amounts.
    Conflict,
}

impl Bad {
    const ALL: [Bad; 10] = [
        Bad::Number,
        Bad::Date,
        Bad::Subject,
        Bad::Type,
        Bad::Id,
        Bad::Row,
        Bad::Boolean,
        Bad::Duration,
        Bad::Value,
        Bad::Conflict,
    ];

    fn role(self) -> Role {
        match self {
            Bad::Number | Bad::Duration | Bad::Value | Bad::Conflict => Role::KeyAccount,
            Bad::Boolean => Role::Success,
            _ => Role::Telesales,
        }
    }
}

fn bad_row(
    w: &mut Writer<'_>,
    rng: &mut Rng,
    p: &Person,
    span: &Span<'_>,
    kind: Bad,
    k: usize,
) -> std::io::Result<()> {
    let Some((t, _)) = span.moment(rng) else {
        return Ok(());
    };
    let at = Ts::At(t, false);
    let mut line = Vec::new();
    match kind {
        Bad::Number => {
            w.begin(b'K', &p.id, "contract");
            w.rest(&Fact {
                at: span.date_after(t, 0),
                customer: Some(("KA", 9_000_000 + k as u64)),
                ..EMPTY
            });
            // amount is the 8th field: put the text in place of the empty one
            replace_field(&mut w.line, 7, b"50\xe4\xb8\x87"); // 50万
            line.extend_from_slice(&w.line);
        }
        Bad::Date => {
            w.begin(b'A', &p.id, "call");
            w.rest(&Fact { at, ..EMPTY });
            let year = &span.days.text[span.days.p0][..4];
            let mut date = year.to_vec();
            date.extend_from_slice(b"-02-30T10:15:00+08:00");
            replace_field(&mut w.line, 3, &date);
            line.extend_from_slice(&w.line);
        }
        Bad::Subject => {
            w.begin(b'A', &format!("former.staff{}", k + 1), "call");
            w.rest(&Fact { at, ..EMPTY });
            line.extend_from_slice(&w.line);
        }
        Bad::Type => {
            w.begin(b'E', &p.id, "email");
            w.rest(&Fact { at, ..EMPTY });
            line.extend_from_slice(&w.line);
        }
        Bad::Id => {
            w.begin(b'A', &p.id, "call");
            w.rest(&Fact { at, ..EMPTY });
            replace_field(&mut w.line, 0, b"");
            line.extend_from_slice(&w.line);
        }
        Bad::Row => {
            w.begin(b'A', &p.id, "call");
            w.rest(&Fact { at, ..EMPTY });
            // cut after the timestamp: 4 fields instead of 12
            if let Some(cut) = nth_comma(&w.line, 4) {
                w.line.truncate(cut);
                w.line.push(b'\n');
            }
            line.extend_from_slice(&w.line);
        }
        Bad::Boolean => {
            w.begin(b'N', &p.id, "renewal");
            w.rest(&Fact {
                at: span.date_after(t, 0),
                customer: Some(("CS", 9_000_000 + k as u64)),
                amount: Some((50_000, 0)),
                renewed: "是",
                ..EMPTY
            });
            line.extend_from_slice(&w.line);
        }
        Bad::Duration => {
            w.begin(b'D', &p.id, "deal");
            w.rest(&Fact {
                at,
                created: Ts::At(t + 3 * DAY, false),
                customer: Some(("KA", 9_000_000 + k as u64)),
                amount: Some((320_000, 0)),
                stage: "won",
                ..EMPTY
            });
            line.extend_from_slice(&w.line);
        }
        Bad::Value => {
            w.begin(b'P', &p.id, "payment");
            w.rest(&Fact {
                at: span.date_after(t, 0),
                customer: Some(("KA", 9_000_000 + k as u64)),
                ..EMPTY
            });
            line.extend_from_slice(&w.line);
        }
        Bad::Conflict => {
            let amount = 100_000 + rng.below(300) * 1000;
            let f = Fact {
                at: span.date_after(t, 0),
                customer: Some(("KA", 9_000_000 + k as u64)),
                amount: Some((amount, 0)),
                ..EMPTY
            };
            w.begin(b'I', &p.id, "invoice");
            w.rest(&f);
            line.extend_from_slice(&w.line);
            // the same id again at the end of the file, with another amount
            w.rest_again(&Fact {
                amount: Some((amount + 5000, 0)),
                ..f
            });
            w.later.extend_from_slice(&w.line);
            w.later_rows += 1;
        }
    }
    w.raw(&line)
}

impl Writer<'_> {
    /// Rewrite the fields after id, subject and type of the current line.
    fn rest_again(&mut self, f: &Fact<'_>) {
        if let Some(cut) = nth_comma(&self.line, 3) {
            self.line.truncate(cut);
        }
        self.rest(f);
    }
}

/// The position of the n-th comma (1-based) of a line.
fn nth_comma(line: &[u8], n: usize) -> Option<usize> {
    line.iter()
        .enumerate()
        .filter(|(_, &b)| b == b',')
        .nth(n.checked_sub(1)?)
        .map(|(i, _)| i)
}

/// Replace field `i` (0-based) of a line with `value`.
fn replace_field(line: &mut Vec<u8>, i: usize, value: &[u8]) {
    let start = if i == 0 {
        0
    } else {
        match nth_comma(line, i) {
            Some(c) => c + 1,
            None => return,
        }
    };
    let end = line[start..]
        .iter()
        .position(|&b| b == b',' || b == b'\n')
        .map_or(line.len(), |e| start + e);
    line.splice(start..end, value.iter().copied());
}

/// What was generated, for the summary.
struct Generated {
    org: Org,
    rows: u64,
    bytes: u64,
    team_targets: usize,
}

/// CRM record updates per person: 20, and more in a large organisation so that a
/// large demo is a benchmark-sized load (~700 facts a person at 20,000 people).
fn records_per_person(people: usize) -> u64 {
    (people as u64 / 40).max(20)
}

fn io_fail(path: &Path) -> impl Fn(std::io::Error) -> Failure + '_ {
    move |e| Failure::Other(format!("cannot write {}: {e}", path.display()))
}

fn write_facts(
    path: &Path,
    org: &Org,
    days: &Days,
    seed: u64,
    people: usize,
) -> Result<u64, Failure> {
    let fail = io_fail(path);
    let file = File::create(path).map_err(&fail)?;
    let mut w = Writer {
        out: BufWriter::with_capacity(1 << 20, file),
        days,
        line: Vec::with_capacity(256),
        seq: 0,
        rows: 0,
        later: Vec::new(),
        later_rows: 0,
        dups: Rng::new(seed, u64::MAX - 1),
        dup_rate: 0.002,
    };
    w.out.write_all(HEADER.as_bytes()).map_err(&fail)?;
    // Where the bad rows go: evenly over the people of the role each needs.
    let per_kind = (people / 100).max(2);
    let mut bad_at: Vec<Vec<(Bad, usize)>> = vec![Vec::new(); org.people.len()];
    for kind in Bad::ALL {
        let list: Vec<usize> = org
            .people
            .iter()
            .enumerate()
            .filter(|(_, p)| p.role == kind.role() && p.end.is_none() && p.start <= org_start(days))
            .map(|(i, _)| i)
            .collect();
        if list.is_empty() {
            continue;
        }
        for k in 0..per_kind {
            let i = list[((2 * k + 1) * list.len() / (2 * per_kind)).min(list.len() - 1)];
            bad_at[i].push((kind, k));
        }
    }
    let per_person = records_per_person(people);
    let bar = Bar::new("generating facts", org.people.len() as u64, people >= 2000);
    for (i, p) in org.people.iter().enumerate() {
        let mut rng = Rng::new(seed, i as u64 + 1);
        let a = days.index(p.start).max(0) as usize;
        let b = p
            .end
            .map_or(days.text.len(), |e| days.clamp(days.index(e) + 1));
        let (lo, hi) = (a.max(days.p0), b.min(days.p1));
        let all = days.working(days.p0, days.p1).len().max(1);
        let work = days.working(lo, hi.max(lo));
        let span = Span {
            days,
            work,
            pre: if a + 10 <= days.p0 {
                days.working(days.p0 - 10, days.p0)
            } else {
                &[]
            },
            post: if b >= days.p1 + 10 {
                days.working(days.p1, days.p1 + 10)
            } else {
                &[]
            },
            act: work.len() as f64 / all as f64,
        };
        let result = if span.work.is_empty() {
            // Inactive the whole period: a few facts from before they left.
            let last = Span {
                days,
                work: days.working(a.max(b.saturating_sub(30)), b),
                pre: &[],
                post: &[],
                act: 0.3,
            };
            records(&mut w, &mut rng, p, &last, 20, 0.9, 0.9)
        } else {
            match p.role {
                Role::Telesales => telesales(&mut w, &mut rng, p, &span, per_person),
                Role::KeyAccount => key_account(&mut w, &mut rng, p, i, &span, per_person),
                Role::Success => customer_success(&mut w, &mut rng, p, i, &span, per_person),
            }
        };
        result.map_err(&fail)?;
        for &(kind, k) in &bad_at[i] {
            bad_row(&mut w, &mut rng, p, &span, kind, k).map_err(&fail)?;
        }
        bar.advance(1);
    }
    bar.finish();
    let later = std::mem::take(&mut w.later);
    w.out.write_all(&later).map_err(&fail)?;
    w.rows += w.later_rows;
    w.out.flush().map_err(&fail)?;
    Ok(w.rows)
}

/// The period's first day as a date (for choosing people active all along).
fn org_start(days: &Days) -> NaiveDate {
    days.first + Duration::days(days.p0 as i64)
}

fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

fn write_roster(path: &Path, org: &Org) -> Result<(), Failure> {
    let mut out = String::from("subject,name,role,team,team_name,start,end,share\n");
    for p in &org.people {
        let team = &org.teams[p.team];
        let _ = writeln!(
            out,
            "{},{},{},{},{},{},{},{}",
            csv_field(&p.id),
            csv_field(&p.name),
            p.role.id(),
            team.id,
            team.name,
            p.start,
            p.end.map(|d| d.to_string()).unwrap_or_default(),
            p.share.unwrap_or("")
        );
    }
    std::fs::write(path, out).map_err(io_fail(path))
}

/// Team targets for the contract amount (合同金额, per subject) of every other key
/// account team: split to the members by share or evenly (目标分解).
fn write_team_targets(path: &Path, org: &Org, seed: u64) -> Result<usize, Failure> {
    let mut rng = Rng::new(seed, u64::MAX);
    let mut out = String::from("team,indicator,target\n");
    let mut n = 0;
    let kam_teams = org
        .teams
        .iter()
        .enumerate()
        .filter(|(_, t)| t.role == Role::KeyAccount);
    for (k, (ti, team)) in kam_teams.enumerate() {
        let members = org.people.iter().filter(|p| p.team == ti).count() as f64;
        let factor = rng.range(0.9, 1.2);
        if k % 2 == 0 && members > 0.0 {
            let target = yuan(members * 3_000_000.0 * factor, 100_000).0;
            let _ = writeln!(out, "{},contract_amount,{target}", team.id);
            n += 1;
        }
    }
    std::fs::write(path, out).map_err(io_fail(path))?;
    Ok(n)
}

fn generate(args: &DemoArgs, start: NaiveDate, end: NaiveDate) -> Result<Generated, Failure> {
    let dir = &args.out;
    let plans_dir = dir.join("plans");
    std::fs::create_dir_all(&plans_dir)
        .map_err(|e| Failure::Other(format!("cannot create {}: {e}", plans_dir.display())))?;
    for (name, text) in PLANS {
        let path = plans_dir.join(name);
        std::fs::write(&path, text).map_err(io_fail(&path))?;
    }
    let org = organisation(args.people, args.seed, start);
    write_roster(&dir.join("roster.csv"), &org)?;
    let team_targets = write_team_targets(&dir.join("team_targets.csv"), &org, args.seed)?;
    let days = Days::new(start, end);
    let facts = dir.join("facts.csv");
    let rows = write_facts(&facts, &org, &days, args.seed, args.people)?;
    let bytes = std::fs::metadata(&facts).map(|m| m.len()).unwrap_or(0);
    Ok(Generated {
        org,
        rows,
        bytes,
        team_targets,
    })
}

/// `YYYY-Qn`, with a year the generator's dates can be written in.
fn is_quarter(id: &str) -> bool {
    let b = id.as_bytes();
    b.len() == 7
        && b[..4].iter().all(u8::is_ascii_digit)
        && (b"1900".as_slice()..=b"9000".as_slice()).contains(&&b[..4])
        && &b[4..6] == b"-Q"
        && (b'1'..=b'4').contains(&b[6])
}

fn bad_period(message: String) -> Failure {
    Failure::Invalid {
        headline: "invalid input (1 problem)".into(),
        lines: vec![format!("/period: bad_period: {message}")],
    }
}

fn time_text(seconds: f64) -> String {
    if seconds < 1.0 {
        format!("{:.0} ms", seconds * 1000.0)
    } else {
        format!("{seconds:.1} s")
    }
}

fn size_text(bytes: u64) -> String {
    if bytes >= 10_000_000 {
        format!("{:.0} MB", bytes as f64 / 1e6)
    } else {
        format!("{:.1} MB", bytes as f64 / 1e6)
    }
}

/// `attain demo`.
pub fn command(args: DemoArgs) -> Result<String, Failure> {
    if !(10..=1_000_000).contains(&args.people) {
        return Err(Failure::Other(format!(
            "--people {}: give 10 to 1000000 people",
            args.people
        )));
    }
    let period =
        attain::Period::parse(&args.period, &attain::Calendar::default()).map_err(bad_period)?;
    if !is_quarter(&period.id) {
        return Err(bad_period(format!(
            "{:?}: the demo's plans have quarterly targets, so give a quarter such as 2026-Q3 (years 1900 to 9000)",
            period.id
        )));
    }
    let started = Instant::now();
    let generated = generate(&args, period.start, period.end)?;
    let gen_time = started.elapsed().as_secs_f64();
    let dir = &args.out;
    let files: Vec<PathBuf> = PLANS
        .iter()
        .map(|(name, _)| dir.join("plans").join(name))
        .collect();
    let roster = dir.join("roster.csv");
    let facts = dir.join("facts.csv");
    let team_targets = dir.join("team_targets.csv");

    let org = &generated.org;
    let count = |r: Role| org.people.iter().filter(|p| p.role == r).count();
    let mut head = format!(
        "attain demo (seed {}): {} people in {} teams: {} telesales 电话销售, {} key account managers 大客户经理, {} customer success managers 客户成功经理\n",
        args.seed,
        org.people.len(),
        org.teams.len(),
        count(Role::Telesales),
        count(Role::KeyAccount),
        count(Role::Success),
    );
    let _ = writeln!(
        head,
        "{} joining and {} leaving during {}, {} inactive the whole quarter; {} team targets to split (目标分解)",
        org.hires, org.leavers, period.id, org.inactive, generated.team_targets
    );
    let _ = writeln!(
        head,
        "{} fact rows ({}), with facts dated outside the quarter, duplicates, conflicting ids and bad rows on purpose",
        generated.rows,
        size_text(generated.bytes)
    );
    let _ = writeln!(
        head,
        "wrote {} in {}: plans/telesales.json, plans/key-account.json, plans/customer-success.json, roster.csv, facts.csv, team_targets.csv",
        dir.display(),
        time_text(gen_time)
    );
    let mut command = String::from("attain run");
    for f in &files {
        let _ = write!(command, " --plan {}", f.display());
    }
    let _ = write!(
        command,
        " --roster {} --facts {} --team-targets {} --period {}",
        roster.display(),
        facts.display(),
        team_targets.display(),
        period.id
    );
    if let Some(a) = &args.as_of {
        let _ = write!(command, " --as-of {a}");
    }
    let _ = writeln!(head, "the same run by hand:\n  {command}");
    if args.no_run {
        return Ok(head);
    }

    let started = Instant::now();
    let plans = run::read_plans(&files)?;
    let tables = run::read_tables(&roster, None, Some(&team_targets), None)?;
    let ctx = run::context_of(&plans, &tables);
    let result = run::execute(
        plans,
        &files,
        &tables,
        &period.id,
        args.as_of.as_deref(),
        &facts,
        FactsFormat::Csv,
    )?;
    let run_time = started.elapsed().as_secs_f64();
    run::write_outputs(dir, &result, &ctx)?;
    let format = args.format.unwrap_or(RunFormat::Table);
    let body = run::render(&result, &ctx, format)?;
    if format != RunFormat::Table {
        return Ok(body);
    }
    let mut out = head;
    out.push('\n');
    out.push_str(&body);
    let _ = writeln!(
        out,
        "\nran {} over {} fact rows in {}; wrote scorecards.csv, teams.csv, ledger.json, run.json into {}",
        period.id,
        result.ledger().rows,
        time_text(run_time),
        dir.display()
    );
    Ok(out)
}
