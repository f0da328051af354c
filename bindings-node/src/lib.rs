//! attain for Node.js: the native half of the `attain-node` package.
//!
//! A phrasebook, not a second engine: JSON text in, the core's canonical JSON text
//! out, and every `attain::Error` turned into a JS `Error` carrying `kind`, `code`,
//! `path` and the full `problems` list. The hand-written `lib/index.js` adds the
//! `AttainError` class and the object forms (`score`, `explain`, `run`) on top.
//!
//! No panic may reach Node: every call into the core runs inside `catch_unwind`,
//! and batch scoring has async forms that run on the libuv thread pool.

use napi::bindgen_prelude::{AbortSignal, AsyncTask, JsObjectValue, JsValue, Uint8Array};
use napi::{Env, JsString, ScopedTask, Status, Task};
use napi_derive::napi;
use std::panic::{catch_unwind, AssertUnwindSafe};

mod panics;
mod text;

use text::Text;

/// mimalloc: a batch allocates a scorecard and its explanation per subject, where
/// glibc's allocator costs about a third of the scoring time (as in the Python
/// binding).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// One problem found in a plan or an input (`{path, code, message}`).
#[napi(object)]
pub struct Problem {
    /// JSON pointer into the document that was read.
    pub path: String,
    /// Stable snake_case code (`weights_do_not_sum_to_100`).
    pub code: String,
    pub message: String,
}

/// Runs a call into the core so that a panic becomes a JS error, never an abort: the
/// shared error document of kind `internal` as the message (`{"error": "internal",
/// "problems": [{"path": "", "code": "internal", "message"}]}`), which the JS layer
/// (`lib/shared.js`) throws as an `AttainError`; in an async task, too (the message
/// is all that crosses from the thread pool).
fn guarded<T>(f: impl FnOnce() -> T) -> napi::Result<T> {
    panics::quiet();
    catch_unwind(AssertUnwindSafe(f)).map_err(|payload| {
        let what = panics::take().unwrap_or_else(|| panics::payload_text(payload.as_ref()));
        napi::Error::new(Status::GenericFailure, panics::internal_error_json(&what))
    })
}

/// The JS error for a refused plan or input: an `Error` named `AttainError` with
/// `kind`, `code` and `path` (of the first problem) and every problem.
fn js_error(env: &Env, e: &attain::Error) -> napi::Error {
    match build_js_error(env, e) {
        Ok(err) => err,
        Err(other) => other,
    }
}

fn build_js_error(env: &Env, e: &attain::Error) -> napi::Result<napi::Error> {
    let mut obj = env.create_error(napi::Error::new(Status::GenericFailure, e.to_string()))?;
    let first = e.problems().first();
    let problems: Vec<Problem> = e
        .problems()
        .iter()
        .map(|p| Problem {
            path: p.path.clone(),
            code: p.code.as_str().to_string(),
            message: p.message.clone(),
        })
        .collect();
    obj.set_named_property("name", "AttainError")?;
    obj.set_named_property("kind", e.kind().as_str())?;
    obj.set_named_property("code", first.map(|p| p.code.as_str()).unwrap_or(""))?;
    obj.set_named_property("path", first.map(|p| p.path.as_str()).unwrap_or(""))?;
    obj.set_named_property("problems", problems)?;
    Ok(napi::Error::from(obj.to_unknown()))
}

/// A validated KPI plan (the native handle behind the JS `Plan`).
#[napi(js_name = "NativePlan")]
pub struct NativePlan {
    plan: attain::Plan,
}

#[napi]
impl NativePlan {
    /// Parse and validate a plan; throws with every problem found.
    #[napi(factory)]
    pub fn from_json(env: Env, text: String) -> napi::Result<NativePlan> {
        match guarded(|| attain::Plan::from_json(&text))? {
            Ok(plan) => Ok(NativePlan { plan }),
            Err(e) => Err(js_error(&env, &e)),
        }
    }

    #[napi(getter)]
    pub fn id(&self) -> String {
        self.plan.id().to_string()
    }

    #[napi(getter)]
    pub fn name(&self) -> String {
        self.plan.name().to_string()
    }

    #[napi(getter)]
    pub fn version(&self) -> String {
        self.plan.version().to_string()
    }

    /// Digits after the point of every decimal in a result.
    #[napi(getter)]
    pub fn scale(&self) -> u32 {
        self.plan.scale()
    }

    /// Indicator ids in plan order.
    #[napi(getter)]
    pub fn indicator_ids(&self) -> Vec<String> {
        self.plan.indicator_ids().map(str::to_string).collect()
    }

    /// The plan as JSON text (normalised: decimals as strings, defaults filled).
    #[napi]
    pub fn to_json(&self) -> napi::Result<String> {
        guarded(|| self.plan.to_json())
    }

    /// Input JSON text → canonical result text (the bytes the conformance corpus
    /// holds). A large result is an external string (`text.rs`): Node ≥ 20.4 or
    /// 18.18.
    #[napi]
    pub fn score_json<'env>(&self, env: &'env Env, input: String) -> napi::Result<JsString<'env>> {
        let result = guarded(|| self.plan.score_json(&input))?.map_err(|e| js_error(env, &e))?;
        guarded(|| Text::new(result))?.into_js(env)
    }

    /// `score_json` on the libuv thread pool (the text is prepared for V8 there
    /// too); resolves to the same text. An `AbortSignal` cancels the work while it
    /// waits for a thread (the promise rejects with an `AbortError`); work already
    /// running finishes.
    #[napi(ts_return_type = "Promise<string>")]
    pub fn score_json_async(
        &self,
        input: String,
        signal: Option<AbortSignal>,
    ) -> AsyncTask<TextTask> {
        AsyncTask::with_optional_signal(
            TextTask {
                work: Work::Score(self.plan.clone()),
                input,
            },
            signal,
        )
    }

    /// `score_json` with the text as UTF-8 bytes, handed over without a copy (the
    /// Buffer forms, and the string forms on Node versions without external
    /// strings).
    #[napi]
    pub fn score_json_utf8(&self, env: Env, input: String) -> napi::Result<Uint8Array> {
        guarded(|| self.plan.score_json(&input))?
            .map(Uint8Array::from_string)
            .map_err(|e| js_error(&env, &e))
    }

    /// `score_json_utf8` on the libuv thread pool; an `AbortSignal` as in
    /// `score_json_async`.
    #[napi(ts_return_type = "Promise<Uint8Array>")]
    pub fn score_json_utf8_async(
        &self,
        input: String,
        signal: Option<AbortSignal>,
    ) -> AsyncTask<Utf8Task> {
        AsyncTask::with_optional_signal(
            Utf8Task {
                work: Work::Score(self.plan.clone()),
                input,
            },
            signal,
        )
    }

    /// Scores the whole input (ranks need the peers) with *what it takes* on and
    /// returns the canonical scorecard text of one subject, or null when the input
    /// has no such subject.
    #[napi]
    pub fn explain_json(
        &self,
        env: Env,
        input: String,
        subject_id: String,
    ) -> napi::Result<Option<String>> {
        guarded(|| self.plan.explain_json(&input, &subject_id))?.map_err(|e| js_error(&env, &e))
    }
}

/// A what-if session (the native handle behind the JS `WhatIf`): one subject whose
/// actuals are changed and re-scored at once, with *what it takes* on.
#[napi(js_name = "NativeWhatIf")]
pub struct NativeWhatIf {
    session: attain::WhatIf,
}

#[napi]
impl NativeWhatIf {
    /// A session from a plan and the JSON text of one subject object of the input
    /// format; error paths point into that object.
    #[napi(factory)]
    pub fn create(env: Env, plan: &NativePlan, subject: String) -> napi::Result<NativeWhatIf> {
        match guarded(|| attain::WhatIf::from_json(&plan.plan, &subject))? {
            Ok(session) => Ok(NativeWhatIf { session }),
            Err(e) => Err(js_error(&env, &e)),
        }
    }

    /// Set an indicator's actual from decimal text, or clear it (no data) with null.
    #[napi]
    pub fn set(&mut self, env: Env, indicator: String, value: Option<String>) -> napi::Result<()> {
        guarded(|| self.session.set(&indicator, value.as_deref()))?.map_err(|e| js_error(&env, &e))
    }

    /// The current actual of an indicator as decimal text (null: no data).
    #[napi]
    pub fn actual(&self, env: Env, indicator: String) -> napi::Result<Option<String>> {
        guarded(|| self.session.actual(&indicator))?
            .map(|d| d.map(|d| d.to_string()))
            .map_err(|e| js_error(&env, &e))
    }

    /// The subject's scorecard (no rank; *what it takes* on) as canonical JSON text.
    #[napi]
    pub fn score_json(&self) -> napi::Result<String> {
        guarded(|| self.session.card_json())
    }

    /// The scorecard's what-if preview (`Plan::preview_json`) as JSON text.
    #[napi]
    pub fn preview_json(&self) -> napi::Result<String> {
        guarded(|| self.session.preview_json())
    }
}

/// A run document (plans, roster, facts as text, period, …; `docs/FORMAT.md`) →
/// the canonical run result text: scorecards for every person and team, and the
/// ledger of every fact row (an external string when large, as `score_json`).
#[napi]
pub fn run_json(env: &Env, document: String) -> napi::Result<JsString<'_>> {
    let result = guarded(|| attain::run::run_json(&document))?.map_err(|e| js_error(env, &e))?;
    guarded(|| Text::new(result))?.into_js(env)
}

/// `run_json` on the libuv thread pool; resolves to the same text (an
/// `AbortSignal` as in `score_json_async`).
#[napi(ts_return_type = "Promise<string>")]
pub fn run_json_async(document: String, signal: Option<AbortSignal>) -> AsyncTask<TextTask> {
    AsyncTask::with_optional_signal(
        TextTask {
            work: Work::Run,
            input: document,
        },
        signal,
    )
}

/// `run_json` with the text as UTF-8 bytes (see `score_json_utf8`).
#[napi]
pub fn run_json_utf8(env: Env, document: String) -> napi::Result<Uint8Array> {
    guarded(|| attain::run::run_json(&document))?
        .map(Uint8Array::from_string)
        .map_err(|e| js_error(&env, &e))
}

/// `run_json_utf8` on the libuv thread pool; an `AbortSignal` as in
/// `score_json_utf8_async`.
#[napi(ts_return_type = "Promise<Uint8Array>")]
pub fn run_json_utf8_async(document: String, signal: Option<AbortSignal>) -> AsyncTask<Utf8Task> {
    AsyncTask::with_optional_signal(
        Utf8Task {
            work: Work::Run,
            input: document,
        },
        signal,
    )
}

/// What an async task does with its input text.
pub enum Work {
    Score(attain::Plan),
    Run,
}

impl Work {
    /// The result text, or the core's error; a panic becomes a JS error.
    fn result(&self, input: String) -> napi::Result<Result<String, attain::Error>> {
        guarded(|| match self {
            Work::Score(plan) => plan.score_json(&input),
            Work::Run => attain::run::run_json(&input),
        })
    }
}

/// Scoring or a run off the main thread, resolving to a string prepared for V8 on
/// the same thread.
pub struct TextTask {
    work: Work,
    input: String,
}

impl<'task> ScopedTask<'task> for TextTask {
    type Output = Result<Text, attain::Error>;
    type JsValue = JsString<'task>;

    fn compute(&mut self) -> napi::Result<Self::Output> {
        let result = self.work.result(std::mem::take(&mut self.input))?;
        guarded(|| result.map(Text::new))
    }

    fn resolve(&mut self, env: &'task Env, output: Self::Output) -> napi::Result<JsString<'task>> {
        output.map_err(|e| js_error(env, &e))?.into_js(env)
    }
}

/// Scoring or a run off the main thread, resolving to UTF-8 bytes.
pub struct Utf8Task {
    work: Work,
    input: String,
}

impl Task for Utf8Task {
    type Output = Result<String, attain::Error>;
    type JsValue = Uint8Array;

    fn compute(&mut self) -> napi::Result<Self::Output> {
        self.work.result(std::mem::take(&mut self.input))
    }

    fn resolve(&mut self, env: Env, output: Self::Output) -> napi::Result<Uint8Array> {
        output
            .map(Uint8Array::from_string)
            .map_err(|e| js_error(&env, &e))
    }
}

/// Test hook, not API (not in `lib/index.d.ts`): panics inside `guarded`, as a bug
/// in the core would, so that the test suite sees what it becomes.
#[napi(js_name = "__provokePanic")]
pub fn provoke_panic() -> napi::Result<()> {
    guarded(panics::provoke)
}

/// Test hook, not API: `__provokePanic` on the libuv thread pool.
#[napi(js_name = "__provokePanicAsync", ts_return_type = "Promise<void>")]
pub fn provoke_panic_async() -> AsyncTask<PanicTask> {
    AsyncTask::new(PanicTask)
}

/// A task whose work panics (`__provokePanicAsync`).
pub struct PanicTask;

impl Task for PanicTask {
    type Output = ();
    type JsValue = ();

    fn compute(&mut self) -> napi::Result<()> {
        guarded(panics::provoke)
    }

    fn resolve(&mut self, _env: Env, _output: ()) -> napi::Result<()> {
        Ok(())
    }
}

/// The JSON Schema of a plan, as JSON text.
#[napi]
pub fn plan_schema_json() -> napi::Result<String> {
    guarded(|| attain::plan_schema().to_string())
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    /// The codes of the `Code` union in the shared TypeScript types
    /// (`bindings-js/src/format.d.ts`, which both JS packages re-export): every
    /// quoted name between `export type Code =` and the `;` that ends it.
    fn union_codes(types: &str) -> Vec<String> {
        let start = types
            .find("export type Code =")
            .map(|i| i + "export type Code =".len());
        let Some(start) = start else {
            return Vec::new();
        };
        let body = types.get(start..).unwrap_or("");
        let body = body
            .get(..body.find(';').unwrap_or(body.len()))
            .unwrap_or("");
        body.split('\'')
            .skip(1)
            .step_by(2)
            .map(str::to_string)
            .collect()
    }

    #[test]
    fn the_typescript_code_union_is_attain_code_all() {
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../bindings-js/src/format.d.ts"
        );
        let types = std::fs::read_to_string(path).unwrap_or_default();
        let union = union_codes(&types);
        let core: Vec<String> = attain::Code::ALL
            .iter()
            .map(|c| c.as_str().to_string())
            .collect();
        let in_union: BTreeSet<&String> = union.iter().collect();
        let in_core: BTreeSet<&String> = core.iter().collect();
        let missing: Vec<_> = in_core.difference(&in_union).collect();
        let extra: Vec<_> = in_union.difference(&in_core).collect();
        assert!(
            missing.is_empty() && extra.is_empty(),
            "{path}: the Code union differs from attain::Code::ALL: missing {missing:?}, not in the core {extra:?}"
        );
        assert_eq!(
            union, core,
            "{path}: the Code union is not in the order of attain::Code::ALL"
        );
    }

    #[test]
    fn the_union_reader_sees_a_drift() {
        let types = "export type Code =\n  | 'invalid_json'\n  | 'too_large'\n  | (string & {});\nexport type X = 'y';";
        assert_eq!(union_codes(types), ["invalid_json", "too_large"]);
    }
}
