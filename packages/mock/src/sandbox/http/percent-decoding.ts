/**
 * Percent-decoding that reports a malformed escape as a value, not an exception. The sandbox's first guard was
 * `try { decodeURIComponent(segment) } catch { … }` with the result unused: the bundler (tsdown 0.15 / rolldown)
 * took the call for free of side effects and removed it, so the published sandbox let `%ZZ` through to Prism, which
 * died on it. Here every check feeds the returned value, so no bundler can drop it; the dist-run tests prove it.
 */
import { isUtf8 } from "node:buffer";

/** A `%` that does not start two hex digits (`%ZZ`, a bare `%`, `%4`). */
const BARE_PERCENT = /%(?![0-9A-Fa-f]{2})/;
/** A run of escapes (`%E2%82%AC`): the bytes of one or more UTF-8 characters. */
const ESCAPE_RUN = /(?:%[0-9A-Fa-f]{2})+/g;

/**
 * `text` with its escapes decoded, as `decodeURIComponent` would; `undefined` when an escape is malformed: a `%`
 * without two hex digits, or escaped bytes that are not UTF-8 (`%E0%A4%A`, `%C3`, an escaped surrogate).
 */
export function percentDecoded(text: string): string | undefined {
  if (BARE_PERCENT.test(text)) return undefined;
  let wellFormed = true;
  const decoded = text.replace(ESCAPE_RUN, (run) => {
    const bytes = Buffer.from(run.replaceAll("%", ""), "hex");
    if (!isUtf8(bytes)) wellFormed = false;
    return bytes.toString("utf8");
  });
  return wellFormed ? decoded : undefined;
}

/** Why a `%` cannot be sent where path parameters are decoded twice (the sandbox's API, in front of Prism). */
const TWICE = "the sandbox cannot take a literal % here: Prism decodes path parameters twice";

/**
 * What is wrong with one path segment's escapes (`quoted`: the segment as the message shows it), or `undefined`
 * when it decodes (and, with `twice`, its decoded value decodes again).
 */
export function escapeProblem(segment: string, quoted: string, { twice }: { twice: boolean }): string | undefined {
  const once = percentDecoded(segment);
  if (once === undefined) {
    return `has a malformed percent-escape in ${quoted} (${twice ? TWICE : "send a literal % as %25"})`;
  }
  // Prism decodes path parameters a second time, and dies on what `%25ZZ` becomes.
  if (twice && percentDecoded(once) === undefined)
    return `decodes to a malformed percent-escape in ${quoted} (${TWICE})`;
  return undefined;
}
