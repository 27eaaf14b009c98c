/**
 * The sandbox's benchmark (issue 20), not a test: `pnpm --filter @planky-kit/mock bench` (builds dist first).
 * In one run, on this machine, each server in its own process (the load generator, autocannon, in this one):
 *   1. requests/s and p99 on the consent-status read and a customer create, at 1 and 50 connections, for the
 *      sandbox (front → Prism proxy → stateful API), Prism's static mock, and a bare node:http server (the floor),
 *      interleaved per call and connection count so each ratio comes from back-to-back runs;
 *   2. state growth per 1,000 customers (`--state` file bytes, process RSS) and the create latency before/after;
 *   3. throughput with 8 partitions (client ids) busy at once against one sandbox.
 * Writes bench/sandbox-results.json and the "Sandbox throughput" section at the end of ../../BENCHMARKS.md.
 * Env: SANDBOX_BENCH_SECONDS (default 8 per run), SANDBOX_BENCH_WARMUP (default 2), SANDBOX_BENCH_REPORT_ONLY=1
 * (only re-render the section from bench/sandbox-results.json).
 */
import { spawn } from "node:child_process";
import { mkdtemp, readFile, rm, stat, writeFile } from "node:fs/promises";
import { cpus, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import autocannon from "autocannon";

const SECONDS = Number(process.env.SANDBOX_BENCH_SECONDS ?? 8);
const WARMUP = Number(process.env.SANDBOX_BENCH_WARMUP ?? 2);
const here = fileURLToPath(new URL(".", import.meta.url));
const cli = join(here, "../dist/cli.js");
const MARK = "<!-- sandbox-bench: written by packages/mock/bench/sandbox-bench.mjs; keep at the end -->";

/** Starts a server in a child process and resolves with its URL once it prints one. */
async function startChild(args, label) {
  const child = spawn(process.execPath, args, { stdio: ["ignore", "pipe", "inherit"] });
  for await (const line of createInterface({ input: child.stdout })) {
    const url = /(http:\/\/127\.0\.0\.1:\d+)/.exec(line)?.[1];
    if (url) {
      child.stdout.resume();
      return { url, pid: child.pid, stop: () => stopChild(child), label };
    }
  }
  throw new Error(`${label} exited before listening`);
}

function stopChild(child) {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.once("exit", resolve);
    child.kill("SIGTERM");
  });
}

/** RSS of a process and its children (Prism), in MiB. */
async function rssMiB(pid) {
  const read = async (p) => {
    const status = await readFile(`/proc/${p}/status`, "utf8").catch(() => "");
    return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
  };
  const children = (await readFile(`/proc/${pid}/task/${pid}/children`, "utf8").catch(() => "")).trim().split(/\s+/);
  let total = await read(pid);
  for (const child of children.filter(Boolean)) total += await read(child);
  return Math.round(total);
}

async function post(url, body, headers = {}) {
  const response = await fetch(url, {
    method: "POST",
    headers: { ...(body === undefined ? {} : { "content-type": "application/json" }), ...headers },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  if (!response.ok) throw new Error(`${url}: ${response.status} ${await response.text()}`);
  return response.json();
}

/** A token, a customer, its customer token and an Authorised consent at barclays, in `clientId`'s partition. */
async function prepareSandbox(url, clientId) {
  const { access_token } = await post(`${url}/oauth/v2/token`, {
    client_id: clientId,
    client_secret: "s",
    grant_type: "client_credentials",
  });
  const bearer = `Bearer ${access_token}`;
  const customer = await post(
    `${url}/public/v3/customers`,
    { user_reference: `bench-${clientId}` },
    { authorization: bearer },
  );
  const { token } = await post(`${url}/public/v3/customers/${customer.id}/token`, undefined, { authorization: bearer });
  await post(`${url}/_sandbox/consents`, { customer_id: customer.id, bank_slug: "barclays", status: "Authorised" });
  return { bearer, customerToken: `AppUserToken ${token}` };
}

function calls(target, auth) {
  let n = 0;
  const prefix = `ac-${target}-${Date.now()}`;
  return {
    status: {
      method: "GET",
      path: "/public/v3/webflow/banks/barclays/consent/status",
      headers: { authorization: auth.customerToken },
    },
    create: {
      method: "POST",
      path: "/public/v3/customers",
      headers: { authorization: auth.bearer, "content-type": "application/json" },
      setupRequest: (request) => ({ ...request, body: JSON.stringify({ user_reference: `${prefix}-${n++}` }) }),
    },
  };
}

async function load(url, request, connections, duration = SECONDS) {
  const result = await autocannon({ url, connections, duration, pipelining: 1, requests: [request] });
  return {
    rps: Math.round(result.requests.average),
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
  };
}

async function throughput(servers, auths) {
  const rows = [];
  for (const call of ["status", "create"]) {
    for (const connections of [1, 50]) {
      for (const server of servers) {
        const request = calls(server.label, auths[server.label])[call];
        if (WARMUP > 0) await load(server.url, request, connections, WARMUP);
        const row = { call, connections, target: server.label, ...(await load(server.url, request, connections)) };
        console.log(JSON.stringify(row));
        rows.push(row);
      }
    }
  }
  return rows;
}

async function growth(dir) {
  const stateFile = join(dir, "growth.json");
  const sandbox = await startChild([cli, "serve", "--port", "0", "--state", stateFile], "sandbox --state");
  try {
    const auth = await prepareSandbox(sandbox.url, "growth");
    const create = calls("growth", auth).create;
    const latency = async () => (await load(sandbox.url, create, 1, 3)).p50;
    const before = { bytes: (await stat(stateFile)).size, rss: await rssMiB(sandbox.pid), createP50: await latency() };
    const steps = [];
    for (let step = 1; step <= 5; step++) {
      await autocannon({ url: sandbox.url, connections: 20, amount: 1000, requests: [create] });
      steps.push({ bytes: (await stat(stateFile)).size, rss: await rssMiB(sandbox.pid) });
    }
    const after = { createP50: await latency() };
    const customers = (await stat(stateFile)).size;
    return {
      bytesPer1000: Math.round((steps[4].bytes - steps[0].bytes) / 4),
      rssMiBPer1000: Math.round(((steps[4].rss - steps[0].rss) / 4) * 10) / 10,
      steps,
      createP50Before: before.createP50,
      createP50After5000: after.createP50,
      fileBytes: customers,
    };
  } finally {
    await sandbox.stop();
  }
}

async function partitions(sandbox) {
  const auths = await Promise.all(Array.from({ length: 8 }, (_, i) => prepareSandbox(sandbox.url, `partition-${i}`)));
  const request = (auth) => calls("partitions", auth).status;
  await Promise.all(auths.map((auth) => load(sandbox.url, request(auth), 6, WARMUP || 1)));
  const runs = await Promise.all(auths.map((auth) => load(sandbox.url, request(auth), 6)));
  const one = await load(sandbox.url, request(auths[0]), 48);
  return {
    eightPartitionsRps: runs.reduce((sum, r) => sum + r.rps, 0),
    eightPartitionsP99Max: Math.max(...runs.map((r) => r.p99)),
    errors: runs.reduce((sum, r) => sum + r.errors + r.non2xx, 0),
    onePartition48ConnsRps: one.rps,
  };
}

function render(results) {
  const byKey = new Map(results.rows.map((r) => [`${r.call}/${r.connections}/${r.target}`, r]));
  const lines = [
    MARK,
    "",
    "## Sandbox throughput (issue 20)",
    "",
    `Run ${results.meta.date} on ${results.meta.cpus} cores (load average ${results.meta.loadBefore} before, ${results.meta.loadAfter} after),`,
    `Node ${results.meta.node}, autocannon ${SECONDS} s per run after ${WARMUP} s of warm-up, each server in its own process,`,
    "runs interleaved per call and connection count. Absolute numbers depend on the shared machine; compare ratios.",
    "`sandbox` = front → Prism proxy (validates request and answer) → stateful API; `static` = Prism's mock of the",
    "spec's examples; `bare` = node:http answering the same JSON. Regenerate: `pnpm --filter @planky-kit/mock bench`.",
    "",
    "| call | conns | target | req/s | p50 ms | p99 ms | errors / non-2xx | ÷ static | ÷ bare |",
    "| --- | ---: | --- | ---: | ---: | ---: | --- | ---: | ---: |",
  ];
  for (const r of results.rows) {
    const ratio = (other) => {
      const o = byKey.get(`${r.call}/${r.connections}/${other}`);
      return o && r.target !== other ? (r.rps / o.rps).toFixed(2) : "";
    };
    const call = r.call === "status" ? "GET …/banks/barclays/consent/status" : "POST /public/v3/customers";
    lines.push(
      `| ${call} | ${r.connections} | ${r.target} | ${r.rps} | ${r.p50} | ${r.p99} | ${r.errors} / ${r.non2xx} | ${ratio("static")} | ${ratio("bare")} |`,
    );
  }
  const g = results.growth;
  const p = results.partitions;
  lines.push(
    "",
    `**State growth** (\`--state\`, 5 × 1,000 customers at 20 connections): the file grows ${g.bytesPer1000} bytes per 1,000`,
    `customers (one appended line each); the sandbox process and Prism ${g.rssMiBPer1000} MiB RSS per 1,000 (Prism's GC makes this noisy).`,
    `Create p50 at 1 connection: ${g.createP50Before} ms at the start, ${g.createP50After5000} ms after 5,000 customers.`,
    "",
    `**8 partitions busy at once** (8 client ids × 6 connections on the consent-status read): ${p.eightPartitionsRps} req/s in total,`,
    `worst p99 ${p.eightPartitionsP99Max} ms, ${p.errors} errors; one partition at 48 connections: ${p.onePartition48ConnsRps} req/s.`,
    "",
    "**Where the time goes** (profiled on this machine, see the issue-20 report): every hop keeps its connections",
    "alive (100 sequential calls left 2 established sockets and 1 `TIME-WAIT` on the API's port; Node 20's global",
    "agent keeps alive, and Prism's node-fetch keeps the forwarded `connection: keep-alive`). Under load the sandbox's",
    "own process (front + fault hook + stateful API) was idle 78 % of the time in a CPU profile; the work is Prism's:",
    "in proxy mode it validates the request, forwards it (node-fetch), then validates the answer, in one process. The",
    "static mock skips the forward and the answer check. Faster than that needs Prism off the hot path (e.g. validating",
    "in-process with the spec's compiled schemas), which would give up the rule that Prism checks every exchange.",
    "",
  );
  return lines.join("\n");
}

/** Replaces the section from MARK to the end of BENCHMARKS.md (the rest is bench/'s, kept as it is). */
async function writeReport(results) {
  const report = join(here, "../../../BENCHMARKS.md");
  const text = await readFile(report, "utf8");
  const kept = text.includes(MARK) ? text.slice(0, text.indexOf(MARK)).trimEnd() : text.trimEnd();
  await writeFile(report, `${kept}\n\n${render(results)}`);
  console.log(render(results));
}

async function main() {
  if (process.env.SANDBOX_BENCH_REPORT_ONLY === "1")
    return writeReport(JSON.parse(await readFile(join(here, "sandbox-results.json"), "utf8")));
  const dir = await mkdtemp(join(tmpdir(), "planky-sandbox-bench-"));
  const loadBefore = loadavg()[0].toFixed(1);
  const servers = [];
  try {
    servers.push(await startChild([cli, "serve", "--port", "0"], "sandbox"));
    servers.push(await startChild([cli, "serve", "--static", "--port", "0"], "static"));
    servers.push(await startChild([join(here, "bare-server.mjs"), "0"], "bare"));
    const fake = { bearer: "Bearer bench", customerToken: "AppUserToken bench" };
    const auths = { sandbox: await prepareSandbox(servers[0].url, "bench"), static: fake, bare: fake };
    const rows = await throughput(servers, auths);
    const partitionRun = await partitions(servers[0]);
    console.log(JSON.stringify(partitionRun));
    await Promise.all(servers.splice(0).map((s) => s.stop()));
    const growthRun = await growth(dir);
    console.log(JSON.stringify(growthRun));
    const results = {
      meta: {
        date: new Date().toISOString(),
        cpus: cpus().length,
        node: process.version,
        loadBefore,
        loadAfter: loadavg()[0].toFixed(1),
      },
      rows,
      partitions: partitionRun,
      growth: growthRun,
    };
    await writeFile(join(here, "sandbox-results.json"), `${JSON.stringify(results, null, 2)}\n`);
    await writeReport(results);
  } finally {
    await Promise.all(servers.map((s) => s.stop()));
    await rm(dir, { recursive: true, force: true });
  }
}

await main();
