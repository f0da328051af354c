// A small KPI scoring service a CRM back end can copy: plans in, actuals in,
// scorecards out, over plain node:http (no framework).
//
//   POST /plans                          body: plan JSON  → 201 {id, name, version, indicators}
//                                                           422 {error: "plan", problems}
//   GET  /plans/:plan                    → the plan as stored (normalised JSON)
//   POST /plans/:plan/score              body: input JSON → 200 result document
//                                                           422 {error: "input", problems}
//   GET  /plans/:plan/subjects/:subject  → the subject's last scorecard (from score or run)
//   POST /runs                           body: run document (plans, roster, facts,
//                                        period, …) → 200 run result (scorecards for
//                                        every person and team, ledger of every fact)
//                                                           422 {error, problems}
//
// Run it:  node server.mjs            (PORT, default 8080; HOST, default 127.0.0.1)
//
// Scoring runs off the event loop (`scoreJsonAsync`, the libuv thread pool), and the
// response is the engine's canonical text as is: the same bytes the Rust core, the
// CLI, Python and the browser give for the same plan and input.
//
// Scores come in two ways: actuals already computed (`POST /plans/:plan/score`), or
// raw CRM facts (deals, calls, payments as CSV / JSON Lines) with a roster and a
// period (`POST /runs`), measured by the engine. Both keep each subject's last
// scorecard, read back by the same route.

import { createServer } from 'node:http';
import { pathToFileURL } from 'node:url';
import { AttainError, Plan, runJsonAsync } from 'attain-node';

const utf8 = new TextDecoder('utf-8', { fatal: true });

class HttpError extends Error {
  constructor(status, error, message, headers = {}) {
    super(message);
    this.status = status;
    this.error = error;
    this.headers = headers;
  }
}

function send(res, status, body, headers = {}) {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    ...headers,
  });
  res.end(text);
}

async function readBody(req, maxBytes) {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > maxBytes) {
    throw new HttpError(413, 'too_large', `the body has ${declared} bytes, at most ${maxBytes} allowed`, { connection: 'close' });
  }
  const chunks = [];
  let size = 0;
  for await (const chunk of req) {
    size += chunk.length;
    if (size > maxBytes) throw new HttpError(413, 'too_large', `the body is over ${maxBytes} bytes`, { connection: 'close' });
    chunks.push(chunk);
  }
  try {
    return utf8.decode(Buffer.concat(chunks));
  } catch {
    throw new HttpError(400, 'bad_request', 'the body is not UTF-8 text');
  }
}

function segment(text) {
  try {
    return decodeURIComponent(text);
  } catch {
    throw new HttpError(400, 'bad_request', `bad URL segment ${JSON.stringify(text)}`);
  }
}

/**
 * The service as a `node:http` server (not yet listening).
 * `maxBodyBytes` bounds a request body (a batch of 200,000 reps is ~40 MB of JSON).
 */
export function createScoringServer({ maxBodyBytes = 64 << 20 } = {}) {
  // plan id → Plan, and plan id → Map(subject id → last scorecard). A real CRM keeps
  // plans and results in its database; the engine itself keeps no state.
  const plans = new Map();
  const cards = new Map();

  function stored(planId) {
    const plan = plans.get(planId);
    if (plan === undefined) throw new HttpError(404, 'not_found', `no plan ${JSON.stringify(planId)}`);
    return plan;
  }

  function keep(planId, scorecards) {
    let byId = cards.get(planId);
    if (byId === undefined) cards.set(planId, (byId = new Map()));
    for (const card of scorecards) byId.set(card.id, card);
  }

  const routes = [
    {
      method: 'POST',
      path: /^\/plans$/,
      async handle(req, res) {
        const plan = Plan.fromJson(await readBody(req, maxBodyBytes)); // throws AttainError → 422
        // A plan posted again under the same id replaces the old one (a new version)
        // and starts with no scorecards.
        plans.set(plan.id, plan);
        cards.delete(plan.id);
        send(
          res,
          201,
          { id: plan.id, name: plan.name, version: plan.version, indicators: plan.indicatorIds() },
          { location: `/plans/${encodeURIComponent(plan.id)}` },
        );
      },
    },
    {
      method: 'GET',
      path: /^\/plans\/([^/]+)$/,
      async handle(req, res, [planId]) {
        send(res, 200, stored(planId).toJson());
      },
    },
    {
      method: 'POST',
      path: /^\/plans\/([^/]+)\/score$/,
      async handle(req, res, [planId]) {
        const plan = stored(planId);
        const body = await readBody(req, maxBodyBytes);
        const text = await plan.scoreJsonAsync(body); // throws AttainError → 422
        // Keep each subject's last scorecard (ranks are those of the batch it came in),
        // unless the plan was replaced meanwhile.
        if (plans.get(planId) === plan) keep(planId, JSON.parse(text).subjects);
        send(res, 200, text);
      },
    },
    {
      method: 'GET',
      path: /^\/plans\/([^/]+)\/subjects\/([^/]+)$/,
      async handle(req, res, [planId, subjectId]) {
        const card = cards.get(planId)?.get(subjectId);
        if (card === undefined) {
          throw new HttpError(404, 'not_found', `subject ${JSON.stringify(subjectId)} has not been scored with plan ${JSON.stringify(planId)}`);
        }
        send(res, 200, card);
      },
    },
    {
      method: 'POST',
      path: /^\/runs$/,
      async handle(req, res) {
        // The document carries its plans (the CRM keeps their JSON), the roster, the
        // facts file as text and the period: {plans, roster, facts: {format, text},
        // period, as_of?, targets?, team_targets?, actuals?}.
        const text = await runJsonAsync(await readBody(req, maxBodyBytes)); // AttainError → 422
        for (const result of JSON.parse(text).results) keep(result.plan.id, result.subjects);
        send(res, 200, text);
      },
    },
  ];

  async function dispatch(req, res) {
    const { pathname } = new URL(req.url ?? '/', 'http://localhost');
    const matches = routes
      .map((route) => ({ route, match: route.path.exec(pathname) }))
      .filter(({ match }) => match !== null);
    if (matches.length === 0) throw new HttpError(404, 'not_found', `no route ${pathname}`);
    const hit = matches.find(({ route }) => route.method === req.method);
    if (hit === undefined) {
      const allow = matches.map(({ route }) => route.method).join(', ');
      throw new HttpError(405, 'method_not_allowed', `${req.method} is not allowed on ${pathname}`, { allow });
    }
    await hit.route.handle(req, res, hit.match.slice(1).map(segment));
  }

  return createServer((req, res) => {
    dispatch(req, res).catch((e) => {
      if (res.headersSent) {
        res.destroy(e);
      } else if (e instanceof AttainError) {
        send(res, 422, e); // {"error": "plan" | "input", "problems": [{path, code, message}]}
      } else if (e instanceof HttpError) {
        send(res, e.status, { error: e.error, message: e.message }, e.headers);
      } else {
        console.error(e);
        send(res, 500, { error: 'internal', message: 'internal error' });
      }
    });
  });
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const port = Number(process.env.PORT ?? 8080);
  const host = process.env.HOST ?? '127.0.0.1';
  const server = createScoringServer();
  server.listen(port, host, () => {
    const { address, port: bound } = server.address();
    console.log(`attain scoring service on http://${address}:${bound}`);
  });
}
