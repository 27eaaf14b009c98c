/**
 * Keeping credentials out of errors and logs.
 *
 * Errors are built from the status, method and URL path, which never hold a credential. Three things can still
 * carry one and go through here: the message and `cause` of a failed `fetch` (a custom `fetch` may put the
 * Request, with its Authorization header, into its error), and a response body that echoes a credential and
 * ends up in an error's `body` and message.
 */

const REDACTED = "[redacted]";
/**
 * A credential shorter than this is removed only where it stands as a whole token (not next to a letter, digit or
 * `_`): a 1- to 7-character credential protects little, and matching it inside words would make every message
 * unreadable ("Consen[redacted] no[redacted] found", "client_[redacted]" for the secret "secret"). `_` counts as
 * part of a word because identifiers such as `client_secret` and `invalid_client` are words in error bodies.
 * Real tokens are far longer.
 */
const WHOLE_TOKEN_BELOW = 8;

/**
 * `text` with every credential removed, in every form it may take in an error: as is (also inside its header
 * value, `Bearer x`), escaped in a JSON string (PHP also escapes "/"), and URL-encoded. One regular expression,
 * longest form first, replaces in a single pass, so `[redacted]` itself is never searched again.
 */
export function redact(text: string, secrets: readonly string[]): string {
  const forms = new Set<string>();
  for (const secret of secrets) {
    if (!secret) continue;
    const inJson = JSON.stringify(secret).slice(1, -1);
    forms.add(secret).add(inJson).add(inJson.replaceAll("/", "\\/")).add(encodeURIComponent(secret));
  }
  if (forms.size === 0) return text;
  const alternatives = [...forms]
    .sort((a, b) => b.length - a.length)
    .map((form) => {
      const literal = form.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
      return form.length < WHOLE_TOKEN_BELOW ? `(?<![A-Za-z0-9_])${literal}(?![A-Za-z0-9_])` : literal;
    });
  return text.replace(new RegExp(alternatives.join("|"), "g"), REDACTED);
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
