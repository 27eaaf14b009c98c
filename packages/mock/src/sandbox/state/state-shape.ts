/**
 * Checks a state file's contents before the sandbox trusts them: a file of the wrong shape is refused at start with
 * the path of the first wrong field (e.g. `partitions["ci-1"].customers`), never a 500 on some later request.
 */
import { COLLECTIONS, type CollectionName, type SandboxSnapshot } from "./state";

export class StateShapeError extends Error {
  override name = "StateShapeError";
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/** What each collection's items must look like (the fields the sandbox reads). */
const ITEM_CHECKS: Record<CollectionName, (item: unknown) => string | undefined> = {
  accessTokens: (item) => (typeof item === "number" ? undefined : "must be a number (expiry, Unix seconds)"),
  customerTokens: (item) => (typeof item === "string" ? undefined : "must be a string (customer id)"),
  reportsAvailable: (item) => (item === true ? undefined : "must be true"),
  customers: fields({ id: "string", user_reference: "string" }),
  invitations: fields({ id: "string", reference: "string", email: "string" }),
  consents: fields({ consent_id: "string", customer_id: "string", bank_slug: "string", status: "string" }),
  receivers: fields({ id: "string", url: "string" }),
  deliveries: fields({ id: "number", webhook_type: "string" }),
  allowedRedirectUrls: fields({ id: "string", url: "string" }),
  feedUpdates: (item) => {
    const updates = isObject(item) ? item.updates : undefined;
    if (!Array.isArray(updates)) return ".updates must be an array";
    const wrong = updates.findIndex((event) => feedEventProblem(event) !== undefined);
    return wrong === -1 ? undefined : `.updates[${wrong}]${feedEventProblem(updates[wrong])}`;
  },
  clock: (item) => (typeof item === "number" ? undefined : "must be a number (seconds ahead of real time)"),
};

/** One change of a bank feed's log (`FeedEvent`): added, booked or removed transactions, each with its time. */
function feedEventProblem(event: unknown): string | undefined {
  if (!isObject(event)) return " must be an object";
  if (!Number.isSafeInteger(event.at)) return ".at must be a whole number (Unix seconds)";
  if ("remove" in event) {
    return Array.isArray(event.remove) && event.remove.every((id) => typeof id === "string")
      ? undefined
      : ".remove must be an array of transaction ids";
  }
  if ("book" in event) {
    return event.book === true && typeof event.keep_ids === "boolean" ? undefined : " must be { book: true, keep_ids }";
  }
  if (typeof event.count !== "number" || !Number.isSafeInteger(event.count) || event.count < 0)
    return ".count must be a whole number ≥ 0";
  return event.status === undefined || event.status === "Pending" ? undefined : '.status must be "Pending" if given';
}

function fields(types: Record<string, "string" | "number">) {
  return (item: unknown): string | undefined => {
    if (!isObject(item)) return "must be an object";
    for (const [name, type] of Object.entries(types)) {
      if (typeof item[name] !== type) return `.${name} must be a ${type}`;
    }
    return undefined;
  };
}

/** The snapshot, checked; throws `StateShapeError` naming the first wrong field. */
export function checkSnapshot(value: unknown): SandboxSnapshot {
  assertSnapshot(value);
  return value;
}

/** Throws `StateShapeError` naming the first wrong field; past it, `value` is a snapshot. */
function assertSnapshot(value: unknown): asserts value is SandboxSnapshot {
  if (!isObject(value)) throw new StateShapeError("the first line must be a JSON object");
  if (value.version !== 2) {
    throw new StateShapeError(
      `version must be 2 (got ${JSON.stringify(value.version)}); a file from an older @planky-kit/mock cannot be read`,
    );
  }
  if (!Number.isSafeInteger(value.nextId)) throw new StateShapeError("nextId must be a whole number");
  if (!isObject(value.partitions)) throw new StateShapeError("partitions must be an object (client id → data)");
  for (const [clientId, data] of Object.entries(value.partitions)) {
    const where = `partitions[${JSON.stringify(clientId)}]`;
    if (!isObject(data)) throw new StateShapeError(`${where} must be an object`);
    for (const collection of COLLECTIONS) {
      if (data[collection] === undefined) data[collection] = {};
      const problem = checkCollection(collection, data[collection]);
      if (problem) throw new StateShapeError(`${where}.${collection}${problem}`);
    }
  }
}

/** `undefined` when `items` is a valid collection, else the rest of the message (starting at the wrong field). */
export function checkCollection(collection: CollectionName, items: unknown): string | undefined {
  if (!isObject(items)) return " must be an object (id → item)";
  for (const [key, item] of Object.entries(items)) {
    const problem = ITEM_CHECKS[collection](item);
    if (problem) return `[${JSON.stringify(key)}]${problem.startsWith(".") ? problem : ` ${problem}`}`;
  }
  return undefined;
}

/** One logged change, checked the same way. */
export function checkItem(collection: CollectionName, item: unknown): string | undefined {
  return ITEM_CHECKS[collection](item);
}

export function isCollection(name: unknown): name is CollectionName {
  return COLLECTIONS.some((collection) => collection === name);
}
