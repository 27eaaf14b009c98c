/**
 * `tokenStore`: several clients (standing in for processes) sharing one access token through a `TokenStore`,
 * and what happens when the store fails, hangs or holds a rejected token. The real Redis store is tested in
 * test/fleet with real processes; here the store is an in-memory one the test controls.
 */
import { afterEach, describe, expect, test, vi } from "vitest";
import { createPlankyClient, OAuthError, type PlankyLogEvent, PlankyValidationError } from "../../src/index";
import {
  redisStore,
  redisTokenStore,
  type StoredToken,
  sharedTokenStore,
  type TokenStore,
} from "../../src/token-store";
import { CLIENT_SECRET, json } from "./stub-fetch";

const BASE_URL = "https://planky.test";
const KEY = `${BASE_URL} client-id`;

/** A store in memory, like Redis without the network: values with their expiry, and locks. */
class MemoryStore implements TokenStore {
  values = new Map<string, StoredToken>();
  locks = new Set<string>();
  calls: string[] = [];
  timeout?: number;
  async read(key: string) {
    this.calls.push("read");
    const token = this.values.get(key);
    return token && token.expiresAt > Date.now() ? token : undefined;
  }
  async write(key: string, token: StoredToken) {
    this.calls.push("write");
    this.values.set(key, token);
  }
  async drop(key: string, accessToken: string) {
    this.calls.push(`drop ${accessToken}`);
    if (this.values.get(key)?.accessToken === accessToken) this.values.delete(key);
  }
  async lock(key: string) {
    this.calls.push("lock");
    if (this.locks.has(key)) return undefined;
    this.locks.add(key);
    return async () => {
      this.locks.delete(key);
    };
  }
}

/** A Planky stub shared by several clients: counts token requests, rejects revoked tokens with 401. */
function planky(options: { tokenStatus?: number } = {}) {
  let issued = 0;
  const revoked = new Set<string>();
  const fetch = async (request: Request) => {
    if (new URL(request.url).pathname === "/oauth/v2/token") {
      if (options.tokenStatus) return json({ error: "invalid_client" }, options.tokenStatus);
      issued++;
      return json({ access_token: `token-${issued}`, expires_in: 3600, token_type: "bearer" });
    }
    const token = request.headers.get("authorization")?.replace("Bearer ", "") ?? "";
    return revoked.has(token) ? json({ message: "Unauthorised" }, 401) : json({ data: [] });
  };
  const client = (tokenStore: ReturnType<typeof sharedTokenStore>, events: PlankyLogEvent[] = []) =>
    createPlankyClient({
      baseUrl: BASE_URL,
      clientId: "client-id",
      clientSecret: CLIENT_SECRET,
      fetch,
      maxRetries: 0,
      tokenStore,
      logger: (event) => events.push(event),
    });
  return { client, issued: () => issued, revoke: (token: string) => revoked.add(token) };
}

const call = (client: ReturnType<typeof createPlankyClient>) => client.customers.listBanks({ customerId: "c1" });

describe("a shared token store", () => {
  test("three clients with 50 concurrent calls each make one token request, stored under base URL + client id", async () => {
    const store = new MemoryStore();
    const api = planky();
    const clients = [1, 2, 3].map(() => api.client(sharedTokenStore(store)));
    await Promise.all(clients.flatMap((client) => Array.from({ length: 50 }, () => call(client))));
    expect(api.issued()).toBe(1);
    expect([...store.values.keys()]).toEqual([KEY]);
    expect(store.values.get(KEY)?.accessToken).toBe("token-1");
    expect(JSON.stringify([...store.values])).not.toContain(CLIENT_SECRET);
  });

  test("a warm client does not touch the store again", async () => {
    const store = new MemoryStore();
    const client = planky().client(sharedTokenStore(store));
    await call(client);
    const before = store.calls.length;
    await Promise.all(Array.from({ length: 20 }, () => call(client)));
    expect(store.calls.length).toBe(before);
  });

  test("a 401 drops the token from the store once; a second client's late 401 finds the new token", async () => {
    const store = new MemoryStore();
    const api = planky();
    const [a, b] = [api.client(sharedTokenStore(store)), api.client(sharedTokenStore(store))] as const;
    await Promise.all([call(a), call(b)]);
    api.revoke("token-1");
    await call(a); // 401, drop token-1, fetch token-2, replay
    expect(store.values.get(KEY)?.accessToken).toBe("token-2");
    await call(b); // 401 with token-1: drops nothing (token-2 stays), takes token-2 from the store
    expect(api.issued()).toBe(2);
    expect(store.calls.filter((c) => c.startsWith("drop"))).toEqual(["drop token-1", "drop token-1"]);
    expect(store.values.get(KEY)?.accessToken).toBe("token-2");
  });

  test("a token the server rejected is never taken from the store again, even if the drop failed", async () => {
    const store = new MemoryStore();
    store.drop = async () => {
      throw new Error("drop failed");
    };
    const api = planky();
    const events: PlankyLogEvent[] = [];
    const client = api.client(sharedTokenStore(store), events);
    await call(client);
    api.revoke("token-1");
    await expect(call(client)).resolves.toEqual([]);
    expect(api.issued()).toBe(2);
    expect(store.values.get(KEY)?.accessToken).toBe("token-2");
    expect(events.filter((e) => e.type === "token-store-error").map((e) => e.reason)).toEqual(["Error: drop failed"]);
  });

  test("a stored token within 30 s of its expiry is not used: the client fetches a new one", async () => {
    const store = new MemoryStore();
    store.values.set(KEY, { accessToken: "nearly-expired", expiresAt: Date.now() + 20_000 });
    const api = planky();
    await call(api.client(sharedTokenStore(store)));
    expect(api.issued()).toBe(1);
    expect(store.values.get(KEY)?.accessToken).toBe("token-1");
  });

  test("a store that fails: the call succeeds with the client's own token and the logger says why", async () => {
    const store = new MemoryStore();
    store.read = async () => {
      throw new Error("ECONNREFUSED 127.0.0.1:6379");
    };
    const api = planky();
    const events: PlankyLogEvent[] = [];
    await expect(call(api.client(sharedTokenStore(store), events))).resolves.toEqual([]);
    expect(api.issued()).toBe(1);
    const failures = events.filter((e) => e.type === "token-store-error");
    expect(failures).toEqual([
      {
        type: "token-store-error",
        method: "POST",
        url: "POST https://planky.test/oauth/v2/token",
        attempt: 1,
        reason: "Error: ECONNREFUSED 127.0.0.1:6379",
      },
    ]);
    expect(JSON.stringify(events)).not.toContain(CLIENT_SECRET);
    expect(JSON.stringify(events)).not.toContain("token-1");
  });

  test("a store that never answers: after its timeout the client fetches its own token", async () => {
    const store = new MemoryStore();
    store.timeout = 20;
    store.read = () => new Promise(() => {});
    const api = planky();
    const events: PlankyLogEvent[] = [];
    await expect(call(api.client(sharedTokenStore(store), events))).resolves.toEqual([]);
    expect(api.issued()).toBe(1);
    expect(events.find((e) => e.type === "token-store-error")?.reason).toBe(
      "Error: token store: no answer within 20 ms",
    );
  });

  test("a failed write: this client keeps its token, the failure is logged, the next client fetches its own", async () => {
    const store = new MemoryStore();
    store.write = async () => {
      throw new Error("READONLY replica");
    };
    const api = planky();
    const events: PlankyLogEvent[] = [];
    const a = api.client(sharedTokenStore(store), events);
    await call(a);
    await call(a);
    expect(api.issued()).toBe(1);
    expect(events.filter((e) => e.type === "token-store-error").map((e) => e.reason)).toEqual([
      "Error: READONLY replica",
    ]);
    expect(store.locks.size).toBe(0); // the lock was released
    await call(api.client(sharedTokenStore(store)));
    expect(api.issued()).toBe(2);
  });

  test("the token endpoint's own error reaches the caller once: no fallback request, the lock released", async () => {
    const store = new MemoryStore();
    const api = planky({ tokenStatus: 400 });
    const events: PlankyLogEvent[] = [];
    await expect(call(api.client(sharedTokenStore(store), events))).rejects.toBeInstanceOf(OAuthError);
    expect(events.filter((e) => e.url.endsWith("/oauth/v2/token")).map((e) => e.type)).toEqual(["response"]);
    expect(store.locks.size).toBe(0);
  });

  test("while another process holds the lock, a client waits for the token it stores", async () => {
    const store = new MemoryStore();
    store.locks.add(KEY); // someone else is refreshing
    const api = planky();
    const pending = call(api.client(sharedTokenStore(store)));
    // The waiter polls; once the other process stores its token and releases the lock, the call goes on with it.
    while (store.calls.filter((c) => c === "read").length < 2) await new Promise((resolve) => setTimeout(resolve, 5));
    store.values.set(KEY, { accessToken: "theirs", expiresAt: Date.now() + 3600_000 });
    store.locks.delete(KEY);
    await expect(pending).resolves.toEqual([]);
    expect(api.issued()).toBe(0);
  });
});

/** One client's share of the store, driven directly: its token request counts and names each token it issues. */
function share(store: TokenStore) {
  const issued: string[] = [];
  const reasons: string[] = [];
  const shared = sharedTokenStore(store).share({
    baseUrl: BASE_URL,
    clientId: "client-id",
    issue: async () => {
      issued.push(`own-${issued.length + 1}`);
      return { accessToken: `own-${issued.length}`, expiresIn: 3600 };
    },
    logger: (event) => reasons.push(event.reason ?? ""),
  });
  return { shared, issued, reasons };
}

describe("sharedTokenStore(): one client's view of the fleet's token", () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  test("a stored token is handed out with the lifetime it has left, in seconds", async () => {
    vi.useFakeTimers({ now: 1_000_000, toFake: ["Date"] });
    const store = new MemoryStore();
    store.values.set(KEY, { accessToken: "theirs", expiresAt: Date.now() + 600_000 });
    const { shared, issued } = share(store);
    await expect(shared.issue()).resolves.toEqual({ accessToken: "theirs", expiresIn: 600 });
    expect(issued).toEqual([]);
  });

  test("a stored token exactly 30 s from its expiry is not used; 30 s and 1 ms is", async () => {
    vi.useFakeTimers({ now: 1_000_000, toFake: ["Date"] });
    const store = new MemoryStore();
    store.values.set(KEY, { accessToken: "at-the-margin", expiresAt: Date.now() + 30_000 });
    const first = share(store);
    await expect(first.shared.issue()).resolves.toMatchObject({ accessToken: "own-1" });
    store.values.set(KEY, { accessToken: "just-inside", expiresAt: Date.now() + 30_001 });
    const second = share(store);
    await expect(second.shared.issue()).resolves.toMatchObject({ accessToken: "just-inside" });
  });

  test("asked again while the store still holds this client's own token, it fetches a newer one", async () => {
    // The cache asks again when it wants a newer token (refresh window, 401): its own is no answer.
    const store = new MemoryStore();
    const { shared, issued } = share(store);
    await expect(shared.issue()).resolves.toMatchObject({ accessToken: "own-1" });
    await expect(shared.issue()).resolves.toMatchObject({ accessToken: "own-2" });
    expect(issued).toEqual(["own-1", "own-2"]);
    expect(store.values.get(KEY)?.accessToken).toBe("own-2");
    expect(store.locks.size).toBe(0);
  });

  test("a token another client stored between this one's read and its lock is taken, not fetched again", async () => {
    const store = new MemoryStore();
    const lock = store.lock.bind(store);
    store.lock = async (key) => {
      store.values.set(key, { accessToken: "theirs", expiresAt: Date.now() + 3600_000 });
      return lock(key);
    };
    const { shared, issued } = share(store);
    await expect(shared.issue()).resolves.toMatchObject({ accessToken: "theirs" });
    expect(issued).toEqual([]);
    expect(store.calls).toEqual(["read", "lock", "read"]);
    expect(store.locks.size).toBe(0); // released all the same
  });

  test("a rejected token left in the store (drop and write failed) is never handed out again", async () => {
    const store = new MemoryStore();
    store.values.set(KEY, { accessToken: "rejected", expiresAt: Date.now() + 3600_000 });
    store.drop = async () => {
      throw new Error("drop failed");
    };
    store.write = async () => {
      throw new Error("write failed");
    };
    const { shared, issued } = share(store);
    await expect(shared.issue()).resolves.toMatchObject({ accessToken: "rejected" });
    shared.forget("rejected");
    await expect(shared.issue()).resolves.toMatchObject({ accessToken: "own-1" });
    // Asked again (the cache wants a newer token): the store still holds the rejected one, which is not newer.
    await expect(shared.issue()).resolves.toMatchObject({ accessToken: "own-2" });
    expect(issued).toEqual(["own-1", "own-2"]);
  });

  test("a store that answers leaves no timer behind (an idle process can exit)", async () => {
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
    const store = new MemoryStore();
    const { shared } = share(store);
    await shared.issue();
    await shared.issue();
    // Let the lock's release settle.
    for (let i = 0; i < 10; i++) await Promise.resolve();
    expect(vi.getTimerCount()).toBe(0);
  });

  test("waiting for another client's refresh gives up after exactly 60 s: logged, and it fetches its own", async () => {
    vi.useFakeTimers({ now: 1_000_000 });
    const store = new MemoryStore();
    store.locks.add(KEY); // held by a process that never stores a token
    const { shared, issued, reasons } = share(store);
    let result: unknown;
    shared.issue().then((token) => {
      result = token;
    });
    await vi.advanceTimersByTimeAsync(59_999);
    expect(result).toBeUndefined();
    expect(issued).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(result).toMatchObject({ accessToken: "own-1" });
    expect(reasons).toEqual(["Error: token store: no token after waiting 60000 ms for the refresh lock"]);
  });
});

/** A Redis client that records each command and answers "OK". */
function recordingRedis() {
  const sent: string[][] = [];
  const redis = {
    sendCommand: async (args: string[]) => {
      sent.push(args);
      return "OK";
    },
  };
  return { sent, redis };
}

describe("redisTokenStore options", () => {
  const redis = { sendCommand: async () => null };

  test("a missing or unusable Redis client is a PlankyValidationError naming redis", () => {
    for (const bad of [undefined, {}, { redis: {} }, { redis: { sendCommand: "GET" } }]) {
      expect(() => redisTokenStore(bad as never)).toThrow(PlankyValidationError);
      expect(() => redisTokenStore(bad as never)).toThrow(/redis/);
    }
  });

  test("each bad option is a PlankyValidationError naming it, with what was expected", () => {
    const error = (options: unknown) => {
      try {
        redisStore(options as never);
      } catch (caught) {
        return caught;
      }
      throw new Error("expected a throw");
    };
    expect(error({ redis: {} })).toMatchObject({
      field: "redis",
      message: 'Invalid "redis": expected a connected node-redis client (with sendCommand)',
    });
    expect(error({ redis, prefix: 7 })).toMatchObject({
      field: "prefix",
      message: 'Invalid "prefix": expected a string',
    });
    for (const [field, value] of [
      ["lockTtl", -1],
      ["lockTtl", 2.5],
      ["timeout", 0],
      ["timeout", Number.POSITIVE_INFINITY],
    ] as const) {
      expect(error({ redis, [field]: value })).toMatchObject({
        field,
        message: `Invalid "${field}": expected a positive whole number of milliseconds`,
      });
    }
  });

  test("a token whose expiry is now is not written (Redis refuses a PX of 0)", async () => {
    vi.useFakeTimers({ now: 1_000_000, toFake: ["Date"] });
    try {
      const { sent, redis } = recordingRedis();
      const store = redisStore({ redis });
      await store.write("k", { accessToken: "t", expiresAt: Date.now() });
      expect(sent).toEqual([]);
      await store.write("k", { accessToken: "t", expiresAt: Date.now() + 1.9 });
      expect(sent.map((args) => args.at(-1))).toEqual(["1"]); // whole milliseconds, rounded down
    } finally {
      vi.useRealTimers();
    }
  });

  test("the drop and the release are compare-and-delete scripts on one key", async () => {
    const { sent, redis } = recordingRedis();
    const store = redisStore({ redis });
    await store.drop("k", "rejected-token");
    await (await store.lock("k"))?.();
    const [drop, release] = sent.filter((args) => args[0] === "EVAL") as [string[], string[]];
    // The token is JSON: the drop compares its accessToken with ARGV[1]; the release compares the lock's holder.
    expect(drop[1]).toMatch(/redis\.call\('GET', KEYS\[1\]\)/);
    expect(drop[1]).toMatch(/cjson\.decode\(v\)\.accessToken == ARGV\[1\] then return redis\.call\('DEL', KEYS\[1\]\)/);
    expect(release[1]).toMatch(
      /^if redis\.call\('GET', KEYS\[1\]\) == ARGV\[1\] then return redis\.call\('DEL', KEYS\[1\]\) end/,
    );
    expect(drop.slice(2)).toEqual(["1", "planky-kit:token:k", "rejected-token"]);
    expect(release[2]).toBe("1");
    expect(release[3]).toBe("planky-kit:token:k:lock");
  });

  test("lockTtl and timeout must be positive whole milliseconds; prefix a string", () => {
    expect(() => redisStore({ redis, lockTtl: 0 })).toThrow(/lockTtl/);
    expect(() => redisStore({ redis, timeout: 1.5 })).toThrow(/timeout/);
    expect(() => redisStore({ redis, prefix: 1 as never })).toThrow(/prefix/);
    expect(redisStore({ redis, timeout: 250 }).timeout).toBe(250);
  });

  test("the commands it sends: GET, SET … PX, SET NX PX for the lock, compare-and-delete scripts", async () => {
    const sent: string[][] = [];
    const replies = new Map<string, unknown>([["SET", "OK"]]);
    const store = redisStore({
      redis: {
        sendCommand: async (args) => {
          sent.push(args);
          return replies.get(args[0] as string) ?? null;
        },
      },
      lockTtl: 5000,
    });
    expect(await store.read("k")).toBeUndefined();
    replies.set("GET", JSON.stringify({ accessToken: "t", expiresAt: 123 }));
    expect(await store.read("k")).toEqual({ accessToken: "t", expiresAt: 123 });
    replies.set("GET", "{not json");
    await expect(store.read("k")).rejects.toThrow(SyntaxError);
    await store.write("k", { accessToken: "t", expiresAt: Date.now() + 60_000 });
    await store.write("k", { accessToken: "old", expiresAt: Date.now() - 1 }); // already expired: not written
    await store.drop("k", "t");
    const release = await store.lock("k");
    await release?.();
    replies.set("SET", null);
    expect(await store.lock("k")).toBeUndefined();

    const shapes = sent.map((args) => args.map((arg, i) => (i === 1 && args[0] === "EVAL" ? "<script>" : arg)));
    const write = shapes.find((args) => args[0] === "SET" && args[3] === "PX") as string[];
    expect(write.slice(0, 4)).toEqual([
      "SET",
      "planky-kit:token:k",
      JSON.stringify({ accessToken: "t", expiresAt: JSON.parse(write[2] as string).expiresAt }),
      "PX",
    ]);
    expect(Number(write[4])).toBeGreaterThan(50_000);
    expect(shapes.filter((args) => args[0] === "SET")).toHaveLength(3); // the token once, the lock twice
    expect(shapes.find((args) => args[0] === "EVAL" && args[4] === "t")).toEqual([
      "EVAL",
      "<script>",
      "1",
      "planky-kit:token:k",
      "t",
    ]);
    const lock = shapes.find((args) => args[3] === "NX") as string[];
    expect([lock[0], lock[1], lock[3], lock[4], lock[5]]).toEqual([
      "SET",
      "planky-kit:token:k:lock",
      "NX",
      "PX",
      "5000",
    ]);
    // The release deletes only the lock this process took: its random holder id.
    expect(shapes.find((args) => args[0] === "EVAL" && args[3]?.endsWith(":lock"))?.[4]).toBe(lock[2]);
  });
});
