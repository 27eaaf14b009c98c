/** A JSON object (not null, not an array): what a parsed body or a spec node must be before reading its keys. */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
