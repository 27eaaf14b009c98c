import { describe, expect, test } from "vitest";
import { type IssuedToken, ProvidedToken, TokenCache } from "../../src/internal/tokens";

/** A TokenCache on a fake clock whose token requests the test resolves or rejects by hand. */
function setup({ expiresIn }: { expiresIn: number | undefined } = { expiresIn: 3600 }) {
  const clock = { now: 1_000_000 };
  const pending: { resolve: (token: IssuedToken) => void; reject: (error: Error) => void }[] = [];
  let issued = 0;
  const cache = new TokenCache({
    now: () => clock.now,
    issue: () =>
      new Promise<IssuedToken>((resolve, reject) => {
        issued++;
        pending.push({ resolve, reject });
      }),
  });
  /** Resolves the oldest open token request with `token-N`. */
  const answer = async () => {
    const next = pending.shift();
    if (!next) throw new Error("no token request is open");
    next.resolve({ accessToken: `token-${issued}`, expiresIn });
    await Promise.resolve();
  };
  const fail = async () => {
    pending.shift()?.reject(new Error("token endpoint down"));
    await new Promise((resolve) => setTimeout(resolve, 0));
  };
  return { cache, clock, answer, fail, issued: () => issued, open: () => pending.length };
}

async function firstToken(s: ReturnType<typeof setup>): Promise<string> {
  const token = s.cache.get();
  await s.answer();
  return token;
}

describe("TokenCache", () => {
  test("100 concurrent get() calls share one token request", async () => {
    const s = setup();
    const all = Promise.all(Array.from({ length: 100 }, () => s.cache.get()));
    expect(s.issued()).toBe(1);
    await s.answer();
    expect(new Set(await all)).toEqual(new Set(["token-1"]));
    expect(s.issued()).toBe(1);
  });

  test("a cached token is reused while it is fresh", async () => {
    const s = setup();
    await firstToken(s);
    s.clock.now += 50 * 60_000; // 50 of 60 minutes: outside the 5-minute refresh window
    await expect(s.cache.get()).resolves.toBe("token-1");
    expect(s.issued()).toBe(1);
  });

  test("close to expiry: the current token is returned at once and one background refresh starts", async () => {
    const s = setup();
    await firstToken(s);
    s.clock.now += 56 * 60_000; // inside the refresh window, before expiry (59.5 min)
    await expect(s.cache.get()).resolves.toBe("token-1");
    await expect(s.cache.get()).resolves.toBe("token-1");
    expect(s.issued()).toBe(2); // one refresh, not one per call
    await s.answer();
    await expect(s.cache.get()).resolves.toBe("token-2");
  });

  test("after expiry: get() waits for the new token and never returns the expired one", async () => {
    const s = setup();
    await firstToken(s);
    s.clock.now += 60 * 60_000;
    const next = s.cache.get();
    expect(s.issued()).toBe(2);
    await s.answer();
    await expect(next).resolves.toBe("token-2");
  });

  test("the token expires 30 s before expires_in runs out", async () => {
    const s = setup();
    await firstToken(s);
    s.clock.now += 3600_000 - 30_000 - 1;
    await expect(s.cache.get()).resolves.toBe("token-1");
    s.clock.now += 1;
    const blocked = s.cache.get();
    await s.answer();
    await expect(blocked).resolves.toBe("token-2");
  });

  test("a short-lived token is not refreshed on every call", async () => {
    const s = setup({ expiresIn: 60 }); // usable for 30 s, refreshed after 15 s
    await firstToken(s);
    s.clock.now += 10_000;
    await s.cache.get();
    expect(s.issued()).toBe(1);
    s.clock.now += 6_000;
    await s.cache.get();
    expect(s.issued()).toBe(2);
  });

  test("a failed background refresh keeps the current token and waits halfway to expiry before trying again", async () => {
    const s = setup();
    await firstToken(s);
    s.clock.now += 57 * 60_000; // 2.5 min before expiry
    await expect(s.cache.get()).resolves.toBe("token-1");
    await s.fail();
    await expect(s.cache.get()).resolves.toBe("token-1");
    expect(s.issued()).toBe(2); // not retried on the very next call
    s.clock.now += 76_000; // past halfway (75 s)
    await expect(s.cache.get()).resolves.toBe("token-1");
    expect(s.issued()).toBe(3);
  });

  test("when the blocking token request fails, every waiter gets the error and the next call tries again", async () => {
    const s = setup();
    const waiters = [s.cache.get(), s.cache.get()].map((waiter) => waiter.catch((error: Error) => error.message));
    await s.fail();
    expect(await Promise.all(waiters)).toEqual(["token endpoint down", "token endpoint down"]);
    const retry = s.cache.get();
    expect(s.issued()).toBe(2);
    await s.answer();
    await expect(retry).resolves.toBe("token-2");
  });

  test("invalidate() drops the token it names, but not a newer one", async () => {
    const s = setup();
    await firstToken(s);
    expect(s.cache.invalidate("token-1")).toBe(true);
    const second = s.cache.get();
    await s.answer();
    await expect(second).resolves.toBe("token-2");
    s.cache.invalidate("token-1"); // a late 401 for the old token
    await expect(s.cache.get()).resolves.toBe("token-2");
    expect(s.issued()).toBe(2);
  });

  test("without expires_in the token is kept until invalidated", async () => {
    const s = setup({ expiresIn: undefined });
    await firstToken(s);
    s.clock.now += 365 * 24 * 3600_000;
    await expect(s.cache.get()).resolves.toBe("token-1");
    s.cache.invalidate("token-1");
    const next = s.cache.get();
    await s.answer();
    await expect(next).resolves.toBe("token-2");
  });

  test.each([0, -60, Number.NaN])(
    "a lifetime of %s is no lifetime: the token is kept until invalidated",
    async (expiresIn) => {
      // A custom `issue` (a shared store) may hand the cache such a value; expiring at once would ask on every call.
      const s = setup({ expiresIn });
      await firstToken(s);
      s.clock.now += 24 * 3600_000;
      expect(s.cache.ready()).toBe("token-1");
      expect(s.issued()).toBe(1);
    },
  );
});

describe("ProvidedToken", () => {
  test("a fixed token cannot change, so a 401 is not worth a replay", async () => {
    const fixed = new ProvidedToken("fixed");
    await expect(fixed.get()).resolves.toBe("fixed");
    expect(fixed.invalidate()).toBe(false);
  });

  test("a provider is asked on every call and a 401 is worth a replay", async () => {
    let n = 0;
    const provided = new ProvidedToken(async () => `p-${++n}`);
    await expect(provided.get()).resolves.toBe("p-1");
    await expect(provided.get()).resolves.toBe("p-2");
    expect(provided.invalidate()).toBe(true);
  });
});
