/** Stable fingerprints of JSON values: the sync cursor's change detection and the webhook handler's dedupe key. */
import { isRecord } from "../errors";

/**
 * JSON with every object's keys sorted, so two servers (or two runs) that order keys differently agree: the text
 * `JSON.stringify` gives for a copy whose objects have sorted keys. Written by hand because a sync fingerprints every
 * transaction of its window: a `JSON.stringify` replacer building sorted copies cost about 2.5× as much (bench
 * section `resync`).
 */
export function canonicalJson(value: unknown): string {
  return write(value) as string;
}

/** `JSON.stringify(value)` with sorted keys; `undefined` where `JSON.stringify` gives none (functions, undefined). */
function write(value: unknown): string | undefined {
  if (typeof value !== "object" || value === null) return JSON.stringify(value);
  const toJSON = (value as { toJSON?: unknown }).toJSON;
  if (typeof toJSON === "function") return write(toJSON.call(value)); // what JSON.stringify serialises instead
  if (Array.isArray(value)) {
    let out = "";
    for (let i = 0; i < value.length; i += 1) out += `${i > 0 ? "," : ""}${write(value[i]) ?? "null"}`;
    return `[${out}]`;
  }
  if (!isRecord(value)) return JSON.stringify(value);
  // As JS orders an object's keys (and so the sorted copy this once was): array-index keys first, ascending, as
  // Object.keys gives them; then the others, sorted.
  const all = Object.keys(value);
  let indexKeys = 0;
  while (indexKeys < all.length && isArrayIndex(all[indexKeys] as string)) indexKeys += 1;
  const keys = indexKeys === 0 ? all.sort() : [...all.slice(0, indexKeys), ...all.slice(indexKeys).sort()];
  let out = "";
  for (const key of keys) {
    const item = write(value[key]);
    if (item !== undefined) out += `${out === "" ? "" : ","}${JSON.stringify(key)}:${item}`;
  }
  return `{${out}}`;
}

const isArrayIndex = (key: string) => String(Number(key) >>> 0) === key && key !== "4294967295";

/**
 * A 53-bit hash of `text` in base 36 (at most 11 characters): cyrb53 (bryc, public domain). Not cryptographic: two
 * different texts share a hash about once in 2^53, which is the chance that a changed transaction goes unreported.
 */
export function hash53(text: string): string {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ code, 2654435761);
    h2 = Math.imul(h2 ^ code, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(36);
}
