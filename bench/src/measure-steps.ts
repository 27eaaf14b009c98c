/**
 * Where our client's per-call CPU goes: each step packages/client/src/transport.ts (and response.ts) adds on
 * top of bare openapi-fetch, timed alone on the spec's example bodies. No network.
 *
 * Usage: tsx measure-steps.ts <out.json>
 */
import { writeFile } from "node:fs/promises";
import examples from "../generated/examples.json" with { type: "json" };
import { collectGarbage } from "./load-peers";
import { envInt, median } from "./stats";

export interface StepRow {
  step: string;
  /** Where the step lives in our client. */
  source: string;
  microsPerCall: number;
}

const URL_STRING = "http://127.0.0.1:9/public/v3/invitations";
const requestBody = JSON.stringify(examples.invitationRequest);
const responseBody = JSON.stringify(examples.invitation);
const jsonHeaders = { "content-type": "application/json" };
const postRequest = () =>
  new Request(URL_STRING, {
    method: "POST",
    headers: { ...jsonHeaders, authorization: "Bearer x" },
    body: requestBody,
  });
const exampleResponse = () => new Response(responseBody, { status: 200, headers: jsonHeaders });

const STEPS: { step: string; source: string; run: () => unknown }[] = [
  { step: "baseline: build the POST Request", source: "(openapi-fetch does this too)", run: () => postRequest() },
  {
    step: "re-read the POST body (request.arrayBuffer)",
    source: "transport.ts send(): `await request.arrayBuffer()`",
    run: () => postRequest().arrayBuffer(),
  },
  {
    step: "alternative: pass the Request on (new Request(request, { headers, signal }))",
    source: "considered for transport.ts attemptOnce(); slower, not suggested",
    run: () => new Request(postRequest(), { headers: jsonHeaders, signal: new AbortController().signal }),
  },
  {
    step: "alternative: keep a copy for a retry (request.clone())",
    source: "considered for transport.ts send(); slower, not suggested",
    run: () => postRequest().clone(),
  },
  {
    step: "parse the URL (new URL)",
    source: "transport.ts send(): `new URL(request.url)`",
    run: () => new URL(URL_STRING),
  },
  {
    step: "copy headers into new Headers",
    source: "transport.ts send(): `new Headers(config.headers)` + copy loop",
    run: () => {
      const request = postRequest();
      const headers = new Headers({});
      for (const [name, value] of request.headers) headers.set(name, value);
      headers.set("authorization", "Bearer x");
      return headers;
    },
  },
  {
    step: "timeout timer (AbortController + setTimeout/clearTimeout)",
    source: "transport.ts attemptOnce()",
    run: () => {
      const timer = new AbortController();
      clearTimeout(setTimeout(() => timer.abort(), 30_000));
      return timer.signal;
    },
  },
  {
    step: "second Request per attempt, with its abort signal",
    source: "transport.ts attemptOnce(): `new Request(url, { ...init, signal })`",
    run: () =>
      new Request(URL_STRING, {
        method: "POST",
        headers: jsonHeaders,
        body: requestBody,
        signal: new AbortController().signal,
      }),
  },
  {
    step: "buffer the response (arrayBuffer + new Response), then text() + JSON.parse",
    source: 'transport.ts attemptOnce() + openapi-fetch `parseAs: "text"` + response.ts unwrapJson(): today\'s path',
    run: async () => {
      const response = exampleResponse();
      const buffered = await response.arrayBuffer();
      const copy = new Response(buffered, {
        status: response.status,
        statusText: response.statusText,
        headers: response.headers,
      });
      return JSON.parse(await copy.text());
    },
  },
  {
    step: "alternative: text() once, new Response(text), text() + JSON.parse",
    source: "considered for transport.ts attemptOnce(); no gain",
    run: async () => {
      const response = exampleResponse();
      const text = await response.text();
      const copy = new Response(text, {
        status: response.status,
        statusText: response.statusText,
        headers: response.headers,
      });
      return JSON.parse(await copy.text());
    },
  },
  {
    step: "baseline: response.json()",
    source: "(what openapi-fetch and raw fetch do)",
    run: () => exampleResponse().json(),
  },
  {
    step: "alternative: text() once + JSON.parse, no second Response",
    source: "suggested: hand the buffered text straight to response.ts unwrapJson()",
    run: async () => JSON.parse(await exampleResponse().text()),
  },
];

async function main(): Promise<void> {
  const [outPath] = process.argv.slice(2);
  if (!outPath) throw new Error("usage: measure-steps.ts <out.json>");
  const rounds = envInt("BENCH_CPU_ROUNDS", 6);
  const iterations = envInt("BENCH_CPU_ITERATIONS", 1000);
  const perRound = new Map<string, number[]>();
  for (const { run } of STEPS) for (let i = 0; i < 500; i++) await run();
  for (let round = 0; round < rounds; round++) {
    for (const { step, run } of STEPS) {
      collectGarbage();
      const started = performance.now();
      for (let i = 0; i < iterations; i++) await run();
      const list = perRound.get(step) ?? [];
      list.push(((performance.now() - started) * 1000) / iterations);
      perRound.set(step, list);
    }
  }
  const rows: StepRow[] = STEPS.map(({ step, source }) => ({
    step,
    source,
    microsPerCall: median(perRound.get(step) ?? []),
  }));
  await writeFile(outPath, JSON.stringify({ rows }));
}

await main();
