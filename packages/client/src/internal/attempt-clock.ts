/**
 * Every attempt's timeout on one timer per client. A timer per attempt cost a `setTimeout`/`clearTimeout` pair on
 * every call, although almost no call times out; the clock instead keeps the attempts in flight and one timer armed
 * for the earliest deadline among them. When it fires it expires exactly the attempts past their deadline and
 * re-arms for the next one, so an attempt still times out `timeout` ms after it started, to the timer's precision.
 *
 * While no attempt is in flight the timer is unref'd (Node, Bun): an idle client never keeps a process alive.
 */

/** One attempt the clock watches. */
export interface Deadline {
  /** `Date.now()` from which the attempt is late. */
  readonly at: number;
  /** Called once, when the attempt is still in flight at `at`. */
  readonly expire: () => void;
}

export class AttemptClock {
  readonly #inFlight = new Set<Deadline>();
  #timer: ReturnType<typeof setTimeout> | undefined;
  /** When the armed timer fires; `Infinity` when none is armed. */
  #firesAt = Number.POSITIVE_INFINITY;

  /** Watches an attempt: `expire` runs after `timeoutMs` unless `done` is called for it first. */
  start(timeoutMs: number, expire: () => void): Deadline {
    const deadline: Deadline = { at: Date.now() + timeoutMs, expire };
    this.#inFlight.add(deadline);
    if (deadline.at < this.#firesAt) this.#arm(deadline.at);
    else if (this.#inFlight.size === 1) keepAlive(this.#timer, true);
    return deadline;
  }

  /** The attempt is over (answered, failed, or expired). */
  done(deadline: Deadline): void {
    this.#inFlight.delete(deadline);
    // The armed timer stays: it fires at most once per deadline, and then re-arms only for attempts in flight.
    if (this.#inFlight.size === 0) keepAlive(this.#timer, false);
  }

  #arm(at: number): void {
    clearTimeout(this.#timer);
    this.#firesAt = at;
    this.#timer = setTimeout(this.#fire, Math.max(0, at - Date.now()));
  }

  readonly #fire = (): void => {
    this.#timer = undefined;
    this.#firesAt = Number.POSITIVE_INFINITY;
    const now = Date.now();
    let next = Number.POSITIVE_INFINITY;
    for (const deadline of this.#inFlight) {
      if (deadline.at <= now) {
        this.#inFlight.delete(deadline);
        deadline.expire();
      } else if (deadline.at < next) next = deadline.at;
    }
    if (next !== Number.POSITIVE_INFINITY) this.#arm(next);
  };
}

/** Node and Bun timers are objects with `ref`/`unref`; a browser's are numbers, and never keep anything alive. */
function keepAlive(timer: unknown, on: boolean): void {
  const handle = timer as { ref?: () => void; unref?: () => void } | undefined;
  if (on) handle?.ref?.();
  else handle?.unref?.();
}
