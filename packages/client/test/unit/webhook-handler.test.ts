/**
 * `createWebhookHandler()`: answers at once and acts after, once per repeated delivery, refuses what it cannot
 * parse or what fails the caller's checks, reports a failing `handle` without crashing; `toNodeListener()` on a real
 * node:http server. On src and on dist.
 */
import { once } from "node:events";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, test, vi } from "vitest";
import type { WebhookPayload } from "../../src/index";
import { type Kit, srcAndDist } from "../support/shipped";

const REPORT_UPDATED = { msg: "Customer report is updated", customer_id: 123, webhook_type: "REPORT_UPDATED" };
const GRANTED = {
  msg: "Account authorization is granted",
  customer_id: 123,
  account_id: 7,
  webhook_type: "ACCOUNT_AUTHORIZATION_GRANTED",
};
const URL_ = "https://you.example/webhooks/planky";

const post = (body: unknown, url = URL_, init: RequestInit = {}) =>
  new Request(url, { method: "POST", body: typeof body === "string" ? body : JSON.stringify(body), ...init });

/** A handler whose background work is collected, so a test can wait for it instead of for time. */
function setup(kit: Kit, options: Partial<Parameters<Kit["createWebhookHandler"]>[0]> = {}) {
  const handled: WebhookPayload[] = [];
  const errors: [unknown, WebhookPayload | undefined][] = [];
  const work: Promise<unknown>[] = [];
  const handler = kit.createWebhookHandler({
    handle: (event) => {
      handled.push(event);
    },
    waitUntil: (promise) => work.push(promise),
    onError: (error, event) => errors.push([error, event]),
    ...options,
  });
  return { handler, handled, errors, settled: () => Promise.all(work) };
}

afterEach(() => {
  vi.useRealTimers();
});

const targets = await srcAndDist();

describe.each(targets)("createWebhookHandler() on %s", (_name, kit) => {
  test("answers 200 before handle finishes, then handle gets the parsed event; waitUntil gets the work", async () => {
    let release = () => {};
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const finished: WebhookPayload[] = [];
    const { handler, settled } = setup(kit, {
      handle: async (event) => {
        await gate;
        finished.push(event);
      },
    });
    const response = await handler(post(REPORT_UPDATED));
    expect(response.status).toBe(200);
    expect(finished).toEqual([]);
    release();
    await settled();
    expect(finished).toEqual([REPORT_UPDATED]);
  });

  test("refuses what is not a webhook: 400 with the parse error, 405 for other methods; handle is not called", async () => {
    const { handler, handled } = setup(kit);
    const bad = await handler(post("{not json"));
    expect([bad.status, await bad.text()]).toEqual([400, 'Invalid webhook payload: "body" is not valid JSON']);
    const unknown = await handler(post({ ...REPORT_UPDATED, webhook_type: "PAYMENT_SENT" }));
    expect(unknown.status).toBe(400);
    const stringIds = await handler(post({ ...REPORT_UPDATED, customer_id: "123" }));
    expect(await stringIds.text()).toMatch(/"customer_id" must be an integer/);
    const get = await handler(new Request(URL_));
    expect([get.status, get.headers.get("allow")]).toEqual([405, "POST"]);
    expect(handled).toEqual([]);
  });

  test("413 for a body over maxBodyBytes, by Content-Length or while streaming", async () => {
    const { handler, handled, settled } = setup(kit, { maxBodyBytes: 100 });
    const big = JSON.stringify({ ...REPORT_UPDATED, msg: "x".repeat(200) });
    expect((await handler(post(big))).status).toBe(413);
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < 5; i++) controller.enqueue(new TextEncoder().encode(big.slice(i * 50, i * 50 + 50)));
        controller.close();
      },
    });
    const streamed = new Request(URL_, { method: "POST", body: stream, duplex: "half" } as RequestInit);
    expect(streamed.headers.get("content-length")).toBeNull();
    expect((await handler(streamed)).status).toBe(413);
    expect((await handler(post(REPORT_UPDATED))).status).toBe(200);
    await settled();
    expect(handled).toEqual([REPORT_UPDATED]); // only the one within the limit
  });

  test("acts once on a repeated delivery within dedupeWindow, again after it; other payloads are not held back", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(1_000_000);
    const { handler, handled, settled } = setup(kit, { dedupeWindow: 60_000 });
    for (const body of [REPORT_UPDATED, { ...REPORT_UPDATED }, GRANTED, REPORT_UPDATED]) {
      expect((await handler(post(body))).status).toBe(200);
    }
    // Same fields in another order are the same delivery.
    await handler(post(JSON.stringify({ webhook_type: "REPORT_UPDATED", customer_id: 123, msg: REPORT_UPDATED.msg })));
    await settled();
    expect(handled).toEqual([REPORT_UPDATED, GRANTED]);
    vi.setSystemTime(1_000_000 + 60_001);
    await handler(post(REPORT_UPDATED));
    await settled();
    expect(handled).toEqual([REPORT_UPDATED, GRANTED, REPORT_UPDATED]);
  });

  test("a handle that throws is reported with its event, never crashes, and a redelivery is acted on", async () => {
    let calls = 0;
    const { handler, errors, settled } = setup(kit, {
      handle: () => {
        calls += 1;
        if (calls === 1) throw new Error("database down");
      },
    });
    await handler(post(REPORT_UPDATED));
    await settled();
    expect(errors.map(([error, event]) => [(error as Error).message, event])).toEqual([
      ["database down", REPORT_UPDATED],
    ]);
    await handler(post(REPORT_UPDATED));
    await settled();
    expect(calls).toBe(2);
  });

  test("an onError that throws and a store that fails do not stop the work (acting twice beats never)", async () => {
    const handled: WebhookPayload[] = [];
    const work: Promise<unknown>[] = [];
    const handler = kit.createWebhookHandler({
      handle: (event) => {
        handled.push(event);
      },
      store: {
        claim: async () => {
          throw new Error("redis down");
        },
        release: async () => {},
      },
      onError: () => {
        throw new Error("reporter down");
      },
      waitUntil: (promise) => work.push(promise),
    });
    expect((await handler(post(REPORT_UPDATED))).status).toBe(200);
    await Promise.all(work);
    expect(handled).toEqual([REPORT_UPDATED]);
  });

  test("our advice, built in: a secret last path segment (404 otherwise) and a verify hook (403 otherwise)", async () => {
    const secret = "s3cr3t-0123456789abcdef";
    const { handler, handled, errors, settled } = setup(kit, {
      secret,
      verify: (request) => {
        if (request.headers.get("x-forwarded-for") === "boom") throw new Error("verify failed");
        return request.headers.get("x-forwarded-for") === "203.0.113.7";
      },
    });
    const from = (ip: string) => ({ headers: { "x-forwarded-for": ip } });
    expect((await handler(post(REPORT_UPDATED, `${URL_}/wrong-0123456789abcdef`, from("203.0.113.7")))).status).toBe(
      404,
    );
    const sameLength = secret.replace("s3", "s4");
    expect((await handler(post(REPORT_UPDATED, `${URL_}/${sameLength}`, from("203.0.113.7")))).status).toBe(404);
    expect((await handler(post(REPORT_UPDATED, `${URL_}/${secret}`, from("198.51.100.1")))).status).toBe(403);
    expect((await handler(post(REPORT_UPDATED, `${URL_}/${secret}`, from("boom")))).status).toBe(403);
    expect((await handler(post(REPORT_UPDATED, `${URL_}/${secret}/`, from("203.0.113.7")))).status).toBe(200);
    await settled();
    expect(handled).toEqual([REPORT_UPDATED]);
    expect(errors.map(([error]) => (error as Error).message)).toEqual(["verify failed"]);
    expect(() => kit.createWebhookHandler({ handle: () => {}, secret: "short" })).toThrow(kit.PlankyValidationError);
  });

  test("bad options name their field", () => {
    const cases: [object, string][] = [
      [{}, "handle"],
      [{ handle: () => {}, dedupeWindow: 0 }, "dedupeWindow"],
      [{ handle: () => {}, maxBodyBytes: 1.5 }, "maxBodyBytes"],
    ];
    for (const [options, field] of cases) {
      expect(() => kit.createWebhookHandler(options as never)).toThrow(expect.objectContaining({ field }));
    }
  });

  test("memoryWebhookStore is bounded: past maxKeys the oldest claim is forgotten", async () => {
    const store = kit.memoryWebhookStore({ maxKeys: 2 });
    expect(await Promise.all(["a", "b", "c"].map((key) => store.claim(key, 60_000)))).toEqual([true, true, true]);
    expect(await store.claim("c", 60_000)).toBe(false);
    expect(await store.claim("a", 60_000)).toBe(true); // forgotten
    await store.release("a");
    expect(await store.claim("a", 60_000)).toBe(true);
  });

  describe("toNodeListener() on a real node:http server", () => {
    test("one line: createServer(toNodeListener(handler)); status, headers and body come through", async () => {
      const { handler, handled, settled } = setup(kit);
      const server = createServer(kit.toNodeListener(handler));
      server.listen(0, "127.0.0.1");
      await once(server, "listening");
      try {
        const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhooks/planky`;
        const ok = await fetch(base, { method: "POST", body: JSON.stringify(REPORT_UPDATED) });
        expect([ok.status, await ok.text()]).toEqual([200, "OK"]);
        const bad = await fetch(base, { method: "POST", body: "[]" });
        expect([bad.status, await bad.text()]).toEqual([
          400,
          'Invalid webhook payload: "body" must be a JSON object, got an array',
        ]);
        const get = await fetch(base);
        expect([get.status, get.headers.get("allow")]).toEqual([405, "POST"]);
        await settled();
        expect(handled).toEqual([REPORT_UPDATED]);
      } finally {
        server.close();
        await once(server, "close");
      }
    });

    test("a handler that throws or a body stream that fails is a 500, never a rejected listener", async () => {
      const listener = kit.toNodeListener(async () => {
        throw new Error("handler bug");
      });
      const res = { statusCode: 0, setHeader: vi.fn(), end: vi.fn() };
      const req = { method: "POST", url: "/", headers: {}, async *[Symbol.asyncIterator]() {} };
      await expect(listener(req, res)).resolves.toBeUndefined();
      expect(res.statusCode).toBe(500);
      const { handler } = setup(kit);
      const failing = {
        ...req,
        async *[Symbol.asyncIterator]() {
          yield new TextEncoder().encode("{");
          throw new Error("socket reset");
        },
      };
      const res2 = { statusCode: 0, setHeader: vi.fn(), end: vi.fn() };
      await expect(kit.toNodeListener(handler)(failing, res2)).resolves.toBeUndefined();
      expect(res2.statusCode).toBe(500);
    });

    test("a body Express already parsed (express.json, express.raw, express.text) is used as is", async () => {
      const { handler, handled, settled } = setup(kit);
      const listener = kit.toNodeListener(handler);
      for (const body of [
        REPORT_UPDATED,
        new TextEncoder().encode(JSON.stringify(GRANTED)),
        JSON.stringify({ ...REPORT_UPDATED, customer_id: 456 }),
      ]) {
        const res = {
          statusCode: 0,
          headers: {} as Record<string, string>,
          setHeader(n: string, v: string) {
            this.headers[n] = v;
          },
          end: vi.fn(),
        };
        const req = {
          method: "POST",
          url: "/webhooks/planky",
          headers: { host: "you.example", "content-length": "9999" },
          body,
          async *[Symbol.asyncIterator]() {},
        };
        await listener(req, res);
        expect(res.statusCode).toBe(200);
        await settled();
      }
      expect(handled.map((event) => event.webhook_type)).toEqual([
        "REPORT_UPDATED",
        "ACCOUNT_AUTHORIZATION_GRANTED",
        "REPORT_UPDATED",
      ]);
    });
  });
});
