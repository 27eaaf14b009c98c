/**
 * Readiness: `GET /_sandbox/health` is `200 {"status":"ok"}` only when a request makes the whole trip (front →
 * Prism → stateful API → Prism) and comes back; otherwise `503` saying which part is not answering.
 * `startSandbox()` and the CLI's ready line wait for the same check.
 */
import { request } from "node:http";
import { json } from "../http/responses";
import type { SupervisedPrism } from "../prism/prism-supervisor";

/** How long one probe may take before the sandbox counts as not ready. */
const PROBE_TIMEOUT_MS = 5_000;
/** A Bearer token the API never issues: it answers its own JSON 401, which proves Prism reached it. */
const PROBE_TOKEN = "planky-sandbox-health-probe";

export type Health = { ok: true } | { ok: false; reason: string };

export async function checkHealth(prism: SupervisedPrism): Promise<Health> {
  const status = prism.status;
  if (status.state !== "running") return { ok: false, reason: status.reason };
  try {
    const answer = await probe(`${prism.url}/public/v3/customers`, { authorization: `Bearer ${PROBE_TOKEN}` });
    // Prism's own refusals are application/problem+json; the API's 401 is plain JSON.
    if (answer.status === 401 && /^application\/json/.test(answer.contentType)) return { ok: true };
    return { ok: false, reason: `Prism answered ${answer.status} without reaching the stateful API` };
  } catch (error) {
    return { ok: false, reason: `Prism does not answer (${error instanceof Error ? error.message : String(error)})` };
  }
}

export async function healthResponse(prism: SupervisedPrism): Promise<Response> {
  const health = await checkHealth(prism);
  return health.ok
    ? json(200, { status: "ok" })
    : json(503, { status: "unavailable", message: health.reason }, { "retry-after": "1" });
}

/** Resolves once the check passes; rejects with the last reason after `timeoutMs`. */
export async function waitUntilHealthy(prism: SupervisedPrism, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const health = await checkHealth(prism);
    if (health.ok) return;
    if (Date.now() > deadline) throw new Error(`The sandbox did not become ready: ${health.reason}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

function probe(url: string, headers: Record<string, string>): Promise<{ status: number; contentType: string }> {
  return new Promise((resolve, reject) => {
    const outgoing = request(url, { headers, agent: false, timeout: PROBE_TIMEOUT_MS }, (incoming) => {
      incoming.resume();
      incoming.once("end", () =>
        resolve({ status: incoming.statusCode ?? 0, contentType: String(incoming.headers["content-type"] ?? "") }),
      );
      incoming.once("error", reject);
    });
    outgoing.once("timeout", () => outgoing.destroy(new Error(`no answer within ${PROBE_TIMEOUT_MS / 1000} s`)));
    outgoing.once("error", reject);
    outgoing.end();
  });
}
