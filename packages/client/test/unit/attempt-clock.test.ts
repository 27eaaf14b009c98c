/**
 * `AttemptClock`: every attempt's timeout on one timer per client. Each attempt expires `timeout` ms after it
 * started (never before, once), an attempt that is done never expires, and an idle clock keeps no process alive.
 */
import { afterEach, describe, expect, test, vi } from "vitest";
import { AttemptClock } from "../../src/internal/attempt-clock";

afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

/** A clock on fake time, and the log of which attempts expired when (ms since the test started). */
function fakeClock() {
  vi.useFakeTimers({ now: 1_000_000 });
  const t0 = Date.now();
  const expired: string[] = [];
  const clock = new AttemptClock();
  const start = (name: string, timeoutMs: number) =>
    clock.start(timeoutMs, () => expired.push(`${name}@${Date.now() - t0}`));
  return { clock, start, expired };
}

describe("AttemptClock", () => {
  test("an attempt expires once, exactly its timeout after it started", () => {
    const { start, expired } = fakeClock();
    start("a", 100);
    vi.advanceTimersByTime(99);
    expect(expired).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(expired).toEqual(["a@100"]);
    vi.advanceTimersByTime(10_000);
    expect(expired).toEqual(["a@100"]);
  });

  test("an attempt that is done before its deadline never expires", () => {
    const { clock, start, expired } = fakeClock();
    const deadline = start("a", 100);
    vi.advanceTimersByTime(50);
    clock.done(deadline);
    vi.advanceTimersByTime(1_000);
    expect(expired).toEqual([]);
  });

  test("a shorter attempt started after a longer one expires first, and the longer one still on time", () => {
    const { start, expired } = fakeClock();
    start("long", 300);
    start("short", 100);
    vi.advanceTimersByTime(299);
    expect(expired).toEqual(["short@100"]);
    vi.advanceTimersByTime(1);
    expect(expired).toEqual(["short@100", "long@300"]);
  });

  test("after the earliest expires, the clock re-arms for the next one in flight, not earlier nor later", () => {
    const { start, expired } = fakeClock();
    start("first", 100);
    vi.advanceTimersByTime(50);
    start("second", 100); // due at 150
    start("third", 400); // due at 450
    vi.advanceTimersByTime(99); // t = 149
    expect(expired).toEqual(["first@100"]);
    vi.advanceTimersByTime(1);
    expect(expired).toEqual(["first@100", "second@150"]);
    vi.advanceTimersByTime(299); // t = 449
    expect(expired).toEqual(["first@100", "second@150"]);
    vi.advanceTimersByTime(1);
    expect(expired).toEqual(["first@100", "second@150", "third@450"]);
  });

  test("attempts due at the same moment all expire when it comes", () => {
    const { start, expired } = fakeClock();
    start("a", 100);
    start("b", 100);
    start("c", 100);
    vi.advanceTimersByTime(100);
    expect(expired).toEqual(["a@100", "b@100", "c@100"]);
  });

  test("a done attempt is not expired with the others, nor keeps the clock waiting for it", () => {
    const { clock, start, expired } = fakeClock();
    const early = start("early", 100);
    start("late", 200);
    clock.done(early);
    vi.advanceTimersByTime(200);
    expect(expired).toEqual(["late@200"]);
  });

  test("an attempt started after the clock went quiet still expires on time", () => {
    const { start, expired } = fakeClock();
    start("a", 100);
    vi.advanceTimersByTime(500);
    start("b", 100); // due at 600, later than the timer that already fired at 100
    vi.advanceTimersByTime(99);
    expect(expired).toEqual(["a@100"]);
    vi.advanceTimersByTime(1);
    expect(expired).toEqual(["a@100", "b@600"]);
  });

  test("one timer for many attempts: an attempt due no sooner than the armed timer arms none", () => {
    const { clock, start } = fakeClock();
    const setTimeoutSpy = vi.spyOn(globalThis, "setTimeout");
    const deadlines = Array.from({ length: 50 }, (_, i) => start(`a${i}`, 100 + i));
    expect(setTimeoutSpy).toHaveBeenCalledTimes(1);
    expect(setTimeoutSpy.mock.calls[0]?.[1]).toBe(100);
    for (const deadline of deadlines) clock.done(deadline);
    // The armed timer fires once, finds nothing in flight and arms nothing more.
    vi.advanceTimersByTime(1_000);
    expect(setTimeoutSpy).toHaveBeenCalledTimes(1);
  });

  test("the timer keeps the process alive only while an attempt is in flight", () => {
    // Real timers: their handles say whether they keep the event loop alive.
    const setTimeoutSpy = vi.spyOn(globalThis, "setTimeout");
    const clock = new AttemptClock();
    const expire = vi.fn();
    const first = clock.start(60_000, expire);
    const timer = setTimeoutSpy.mock.results[0]?.value as NodeJS.Timeout;
    expect(timer.hasRef()).toBe(true);
    const second = clock.start(120_000, expire); // due later: the same timer
    expect(setTimeoutSpy).toHaveBeenCalledTimes(1);
    clock.done(first);
    expect(timer.hasRef()).toBe(true); // `second` is still in flight
    clock.done(second);
    expect(timer.hasRef()).toBe(false);
    const third = clock.start(90_000, expire); // due after the armed timer: it is kept alive again
    expect(setTimeoutSpy).toHaveBeenCalledTimes(1);
    expect(timer.hasRef()).toBe(true);
    clock.done(third);
    expect(timer.hasRef()).toBe(false);
    expect(expire).not.toHaveBeenCalled();
    clearTimeout(timer);
  });
});
