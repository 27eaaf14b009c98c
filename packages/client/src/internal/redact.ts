/**
 * Keeping credentials out of errors and logs.
 *
 * Errors are built from the status, method and URL path, which never hold a credential. Three things can still
 * carry one and go through here: the message and `cause` of a failed `fetch` (a custom `fetch` may put the
 * Request, with its Authorization header, into its error), and a response body that echoes a credential and
 * ends up in an error's `body` and message.
 */

const REDACTED = "[redacted]";

/** `text` with every occurrence of every secret replaced, as is and as it appears inside a JSON string. */
export function redact(text: string, secrets: readonly string[]): string {
  let result = text;
  for (const secret of secrets) {
    if (!secret) continue;
    const inJson = JSON.stringify(secret).slice(1, -1);
    // PHP's json_encode also escapes "/" by default.
    for (const form of new Set([secret, inJson, inJson.replaceAll("/", "\\/")])) {
      result = result.split(form).join(REDACTED);
    }
  }
  return result;
}

/**
 * A copy of a `fetch` failure that keeps what helps debugging (name, message, `code`, up to three causes deep)
 * and drops everything else: an undici error can hold a socket, a custom `fetch` may attach the Request.
 * `util.inspect` prints `cause` even when it is not enumerable, so the original cannot be kept.
 */
export function safeCause(error: unknown, secrets: readonly string[], depth = 0): Error {
  const source = error instanceof Error ? error : undefined;
  const copy = new Error(redact(source ? source.message : String(error), secrets));
  copy.name = source?.name ?? "Error";
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === "string" || typeof code === "number") Object.assign(copy, { code });
  if (source?.cause !== undefined && depth < 2) copy.cause = safeCause(source.cause, secrets, depth + 1);
  copy.stack = `${copy.name}: ${copy.message}`;
  return copy;
}

/** Any JSON value with `redact` applied to every string in it. */
export function redactDeep(value: unknown, secrets: readonly string[]): unknown {
  if (typeof value === "string") return redact(value, secrets);
  if (Array.isArray(value)) return value.map((item) => redactDeep(item, secrets));
  if (typeof value === "object" && value !== null) {
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [redact(key, secrets), redactDeep(item, secrets)]),
    );
  }
  return value;
}
