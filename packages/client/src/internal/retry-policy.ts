/**
 * When a failed attempt is tried again, and after how long: every retry rule of the request loop in one place.
 */

// Connection failures where the request certainly never reached the server (safe to retry even a create).
const NOT_SENT_CODES = ["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN", "ENETUNREACH", "EHOSTUNREACH"];

/** How an attempt failed: an HTTP answer that is not 2xx, or no answer at all (timeout, connection error). */
type FailedAttempt = { status: number } | { connectionError: unknown };

/**
 * Every retry rule in one place: whether a failed attempt is tried again. (When: `retryDelay`. A 401's single
 * replay with a new token is not a retry: it is outside the budget, see `run`.)
 */
export function shouldRetry(
  failed: FailedAttempt,
  safeToRepeat: boolean,
  retriesSoFar: number,
  maxRetries: number,
): boolean {
  if (retriesSoFar >= maxRetries) return false;
  if ("status" in failed) {
    const { status } = failed;
    // 429 and 503 mean the server did not act on the request, so even a create may be repeated.
    if (status === 429 || status === 503) return true;
    return safeToRepeat && (status === 408 || status >= 500);
  }
  // No answer: a create may have reached the server, unless the connection never opened.
  return safeToRepeat || NOT_SENT_CODES.includes(errorCode(failed.connectionError) ?? "");
}

/** Retry timing: `initialRetryDelay` doubled per retry, capped at `maxRetryDelay` (which also caps Retry-After). */
export interface RetryPolicy {
  initialRetryDelay: number;
  maxRetryDelay: number;
}

/**
 * Milliseconds before retry number `retry` (1-based): the server's `Retry-After` when it sends one, else
 * exponential backoff with up to 25 % jitter, capped at `maxRetryDelay`. `undefined` when `Retry-After` asks for
 * longer than `maxRetryDelay`: retrying earlier than the server asked would only fail again.
 */
export function retryDelay(
  retry: number,
  policy: RetryPolicy,
  retryAfter: string | null,
  random: () => number = Math.random,
): number | undefined {
  const fromServer = parseRetryAfter(retryAfter);
  if (fromServer !== undefined) return fromServer <= policy.maxRetryDelay ? fromServer : undefined;
  const base = Math.min(policy.initialRetryDelay * 2 ** (retry - 1), policy.maxRetryDelay);
  return base * (1 - random() * 0.25);
}

/** `Retry-After` as milliseconds: delta-seconds or an HTTP date; `undefined` when absent or unparseable. */
export function parseRetryAfter(value: string | null, now: number = Date.now()): number | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  // Only real HTTP dates: Date.parse alone would read "1.5" or "soon 2" as some date.
  if (!/^[A-Za-z]{3}, /.test(trimmed)) return undefined;
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** undici wraps the socket error: `TypeError("fetch failed", { cause: { code: "ECONNREFUSED" } })`. */
export function errorCode(error: unknown): string | undefined {
  const { code, cause } = (error ?? {}) as { code?: unknown; cause?: { code?: unknown } };
  const found = cause?.code ?? code;
  return typeof found === "string" ? found : undefined;
}
