/**
 * The sandbox's state, and with `--state <file>` its file: an append-only log (JSON Lines). The first line is a
 * snapshot of everything; each change adds one line (`{"n":…,"p":client,"c":collection,"k":key,"v":item}`, no `v`
 * to forget, `{"reset":…}` for a reset). So a write costs the size of the change, not of the state. An answer that
 * changed something waits until its line is in the file (writes of concurrent requests are grouped), so no
 * acknowledged change is lost when the process is killed; a line torn by a kill is the last one and is skipped.
 *
 * The log is rewritten as one snapshot (to a `.tmp` file, then renamed over, so the old file stays whole until the
 * new one is complete) at start, once it has grown well past the last snapshot, and after a failed write: a failed
 * write fails only the requests waiting for it, and the next write puts everything the memory holds back on disk.
 */
import { appendFile, readFile, rename, writeFile } from "node:fs/promises";
import { SandboxState } from "./state";
import { checkItem, checkSnapshot, isCollection, StateShapeError } from "./state-shape";

/** Rewrite the log as a snapshot once the lines appended since the last one exceed this, and the snapshot's size. */
const MIN_LOG_BYTES_BEFORE_COMPACTION = 1 << 20;

export class StateFileError extends Error {
  override name = "StateFileError";
}

export class StateStore {
  state: SandboxState;
  readonly #file: string | undefined;
  #pending: string[] = [];
  /** The write in progress (never rejects: its waiters see its outcome through `#next`). */
  #current: Promise<void> = Promise.resolve();
  /** The write that will take every line added since `#current` started. */
  #next: Promise<void> | undefined;
  #rewriteNext = false;
  #loggedBytes = 0;
  #snapshotBytes = 0;

  private constructor(state: SandboxState, file: string | undefined) {
    this.state = state;
    this.#file = file;
    this.#listen();
  }

  /** Reads `file` when it exists (a missing file starts empty); without a file, state lives in memory only. */
  static async open(file?: string): Promise<StateStore> {
    if (!file) return new StateStore(new SandboxState(), undefined);
    const text = await readFile(file, "utf8").catch((error: NodeJS.ErrnoException) => {
      if (error.code === "ENOENT") return undefined;
      throw error;
    });
    const store = new StateStore(text === undefined ? new SandboxState() : parseLog(file, text), file);
    store.#rewriteNext = true;
    await store.save();
    return store;
  }

  /**
   * Resolves once every change made so far is in the file (at once without a file). Rejects when that write
   * failed; the changes stay in memory and the next write stores them.
   */
  save(): Promise<void> {
    const file = this.#file;
    if (!file) return Promise.resolve();
    if (!this.#next) {
      const next = this.#current.then(() => {
        this.#next = undefined;
        return this.#write(file);
      });
      this.#next = next;
      this.#current = next.catch(() => {});
    }
    return this.#next;
  }

  /** Forgets one client id's partition, or everything. */
  reset(clientId?: string): Promise<void> {
    this.state.reset(clientId);
    return this.save();
  }

  async #write(file: string): Promise<void> {
    const lines = this.#pending;
    this.#pending = [];
    const compact =
      this.#rewriteNext || this.#loggedBytes > Math.max(MIN_LOG_BYTES_BEFORE_COMPACTION, this.#snapshotBytes);
    try {
      if (compact) {
        const snapshot = `${JSON.stringify(this.state.snapshot())}\n`;
        await writeFile(`${file}.tmp`, snapshot);
        await rename(`${file}.tmp`, file);
        this.#rewriteNext = false;
        this.#snapshotBytes = snapshot.length;
        this.#loggedBytes = 0;
      } else if (lines.length > 0) {
        const text = lines.join("");
        await appendFile(file, text);
        this.#loggedBytes += text.length;
      }
    } catch (error) {
      // The file may now miss these lines (or be gone): the next write rewrites it whole from memory.
      this.#rewriteNext = true;
      throw new StateFileError(
        `The sandbox could not write its state file ${file}: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  }

  #listen(): void {
    if (!this.#file) return;
    this.state.listener = {
      put: (clientId, collection, key, value) => {
        const line = {
          n: this.state.currentNextId,
          p: clientId,
          c: collection,
          k: key,
          ...(value === undefined ? {} : { v: value }),
        };
        this.#pending.push(`${JSON.stringify(line)}\n`);
      },
      reset: (clientId) => {
        this.#pending.push(`${JSON.stringify({ n: this.state.currentNextId, reset: clientId ?? null })}\n`);
      },
    };
  }
}

/** The snapshot line, then every change line replayed; throws `StateFileError` naming the file, line and field. */
function parseLog(file: string, text: string): SandboxState {
  const lines = text.split("\n");
  while (lines.length > 0 && lines[lines.length - 1]?.trim() === "") lines.pop();
  const refuse = (line: number, problem: string) =>
    new StateFileError(
      `${file} line ${line}: ${problem}. It is not a sandbox state file; pass another --state file or delete this one`,
    );
  let state: SandboxState;
  try {
    state = new SandboxState(checkSnapshot(JSON.parse(lines[0] ?? "")));
  } catch (error) {
    if (error instanceof StateShapeError) throw refuse(1, error.message);
    throw refuse(1, "is not JSON");
  }
  for (let i = 1; i < lines.length; i++) {
    let change: Record<string, unknown>;
    try {
      change = JSON.parse(lines[i] ?? "");
    } catch {
      // A kill can tear the last line (its request was never answered); anywhere else it is damage.
      if (i === lines.length - 1) break;
      throw refuse(i + 1, "is not JSON");
    }
    const problem = replay(state, change);
    if (problem) throw refuse(i + 1, problem);
  }
  return state;
}

function replay(state: SandboxState, change: Record<string, unknown>): string | undefined {
  if (typeof change !== "object" || change === null) return "must be a JSON object";
  const n = change.n;
  if (typeof n !== "number" || !Number.isSafeInteger(n)) return "n must be a whole number";
  if ("reset" in change) {
    if (change.reset !== null && typeof change.reset !== "string") return "reset must be a client id or null";
    state.reset(change.reset ?? undefined);
  } else {
    if (typeof change.p !== "string") return "p must be a client id (string)";
    if (!isCollection(change.c)) return `c must be one of the collections, got ${JSON.stringify(change.c)}`;
    if (typeof change.k !== "string") return "k must be a string";
    const collection = change.c;
    if ("v" in change) {
      const problem = checkItem(collection, change.v);
      if (problem) return `v${problem.startsWith(".") ? problem : ` ${problem}`}`;
    }
    state.partition(change.p).put(collection, change.k, change.v as never);
  }
  state.advanceNextId(n);
  return undefined;
}
