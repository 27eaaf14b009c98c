/**
 * `createWebhookHandler()`: a webhook endpoint as a standard `(request: Request) => Promise<Response>` (Next.js route
 * handlers, Hono, Bun, Deno; `toNodeListener()` for node:http and Express).
 *
 * What Planky documents: the five payloads, with no signature, no secret, no delivery id, no headers, no retry
 * policy and no expected answer (https://docs.planky.com/api-reference/v3.0/webhooks/create-webhook). So:
 * - Authenticity cannot be checked. A payload is a hint: `handle` should read the data again through the API,
 *   never act on the payload's contents. `secret` and `verify` are our advice for keeping strangers out.
 * - A repeated delivery is recognised by its contents (type, ids, message), there being no delivery id: two genuine
 *   events with equal contents within `dedupeWindow` are acted on once (our trade-off; a daily job catches up).
 */
import { PlankyValidationError } from "./errors";
import { canonicalJson } from "./internal/fingerprint";
import { memoryWebhookStore, type WebhookDedupeStore } from "./webhook-store";
import { parseWebhook, WebhookParseError, type WebhookPayload } from "./webhooks";

export interface WebhookHandlerOptions {
  /** Acts on one event, after the answer was sent. Read the customer's data through the API here. */
  handle: (event: WebhookPayload) => unknown;
  /** Remembers which deliveries were acted on. Default: `memoryWebhookStore()` (this process only). */
  store?: WebhookDedupeStore;
  /** Milliseconds during which an equal delivery is not acted on again. Default: 600 000 (10 minutes, our choice). */
  dedupeWindow?: number;
  /** Keeps the work alive after the answer on serverless platforms, e.g. Vercel's or Cloudflare's `waitUntil`. */
  waitUntil?: (work: Promise<unknown>) => void;
  /** Told of every failure of `handle`, of the store or of `verify`. Default: one `console.error` line. */
  onError?: (error: unknown, event: WebhookPayload | undefined) => void;
  /**
   * Our advice, not Planky's: register the webhook URL with a long random last path segment
   * (`https://you.example/webhooks/planky/<secret>`, at least 16 URL-safe characters) and pass it here; requests
   * whose last path segment differs get `404`.
   */
  secret?: string | undefined;
  /** Our advice, not Planky's: your own check, e.g. a source-address allowlist; `false` answers `403`. */
  verify?: (request: Request) => boolean | Promise<boolean>;
  /** The largest body read, in bytes; larger ones get `413`. Default: 65 536. */
  maxBodyBytes?: number;
}

const text = (status: number, body: string, headers: Record<string, string> = {}) =>
  new Response(body, { status, headers: { "content-type": "text/plain; charset=utf-8", ...headers } });

export function createWebhookHandler(options: WebhookHandlerOptions): (request: Request) => Promise<Response> {
  if (typeof options?.handle !== "function") throw new PlankyValidationError("handle", "expected a function");
  const {
    handle,
    store = memoryWebhookStore(),
    dedupeWindow = 600_000,
    waitUntil,
    onError = (error: unknown) => console.error("[planky-kit] webhook handling failed:", error),
    secret,
    verify,
    maxBodyBytes = 65_536,
  } = options;
  for (const [field, value] of [
    ["dedupeWindow", dedupeWindow],
    ["maxBodyBytes", maxBodyBytes],
  ] as const) {
    if (!Number.isSafeInteger(value) || value < 1)
      throw new PlankyValidationError(field, "expected a whole number ≥ 1");
  }
  if (secret !== undefined && (typeof secret !== "string" || !/^[\w~.-]{16,}$/.test(secret)))
    throw new PlankyValidationError("secret", "expected at least 16 URL-safe characters (letters, digits, _ ~ . -)");
  const report = (error: unknown, event?: WebhookPayload) => {
    try {
      onError(error, event);
    } catch {
      // A failing error reporter must not take the process down either.
    }
  };

  async function act(event: WebhookPayload): Promise<void> {
    const key = canonicalJson(event);
    let claimed = true;
    try {
      claimed = await store.claim(key, dedupeWindow);
    } catch (error) {
      report(error, event); // the store is down: acting twice beats never acting
    }
    if (!claimed) return;
    try {
      await handle(event);
    } catch (error) {
      report(error, event);
      await store.release(key).catch((releaseError: unknown) => report(releaseError, event));
    }
  }

  return async (request) => {
    if (request.method !== "POST") return text(405, "Method Not Allowed", { allow: "POST" });
    if (secret !== undefined && !sameText(lastSegment(request.url), secret)) return text(404, "Not Found");
    if (verify) {
      let allowed = false;
      try {
        allowed = await verify(request);
      } catch (error) {
        report(error);
      }
      if (!allowed) return text(403, "Forbidden");
    }
    const body = await readBody(request, maxBodyBytes);
    if (body === undefined) return text(413, `Payload Too Large: at most ${maxBodyBytes} bytes`);
    let event: WebhookPayload;
    try {
      event = parseWebhook(body);
    } catch (error) {
      if (error instanceof WebhookParseError) return text(400, error.message);
      throw error;
    }
    const work = act(event);
    waitUntil?.(work);
    return text(200, "OK");
  };
}

/** The body's bytes, or `undefined` once it grows past `limit` (the rest is not read). */
async function readBody(request: Request, limit: number): Promise<Uint8Array | undefined> {
  if (Number(request.headers.get("content-length") ?? 0) > limit) return undefined;
  const chunks: Uint8Array[] = [];
  let size = 0;
  if (request.body) {
    const reader = request.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > limit) {
        await reader.cancel();
        return undefined;
      }
      chunks.push(value);
    }
  }
  const body = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    body.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return body;
}

function lastSegment(url: string): string {
  const segments = new URL(url).pathname.split("/").filter(Boolean);
  return segments[segments.length - 1] ?? "";
}

/** Compares in time that depends on the length only, so the secret cannot be guessed byte by byte from timings. */
function sameText(a: string, b: string): boolean {
  let diff = a.length ^ b.length;
  for (let i = 0; i < b.length; i++) diff |= (a.charCodeAt(i) || 0) ^ b.charCodeAt(i);
  return diff === 0;
}
