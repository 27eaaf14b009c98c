/**
 * What a consumer relies on, written once and run twice: against the source (`test/unit/consumer.test.ts`, fast,
 * and what Stryker mutates) and against the built `dist/` imported by package name as a consumer imports it
 * (`test/shipped/consumer.test.ts`), because a bundler may rewrite what the source tests pass on.
 *
 * The observer check: a logger and an `instrumentation` that serialise everything they are handed, with
 * `JSON.stringify` and `util.inspect` (hidden properties, any depth), find no client secret, access token or
 * customer token, for every entry point (`createPlankyClient`, `createWebflowClient`, `./otel`).
 */
import { inspect } from "node:util";
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor } from "@opentelemetry/sdk-trace-base";
import { describe, expect, test } from "vitest";
import type * as Main from "../../src/index";
import type * as Otel from "../../src/otel";
import type * as Validate from "../../src/validate";
import type * as Webflow from "../../src/webflow";

export interface ClientModules {
  main: typeof Main;
  webflow: typeof Webflow;
  otel: typeof Otel;
  validate: typeof Validate;
}

const BASE_URL = "https://planky.test";
const CLIENT_SECRET = "client-SECRET-5f1e9a7c3b";
const ACCESS_TOKEN = "access-TOKEN-8d2b6e4f0a";
const CUSTOMER_TOKEN = "customer-TOKEN-3c7a9e1d5b";
const SECRETS = [CLIENT_SECRET, ACCESS_TOKEN, CUSTOMER_TOKEN];

const json = (body: unknown, status = 200, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json", ...headers } });

/** Everything an observer was handed, as text: JSON where it serialises, and every hidden property at any depth. */
class Seen {
  readonly texts: string[] = [];
  count = 0;
  record(...values: unknown[]): void {
    this.count++;
    for (const value of values) {
      try {
        this.texts.push(JSON.stringify(value) ?? "");
      } catch {
        // A value JSON cannot hold (a cycle): util.inspect below still shows all of it.
      }
      this.texts.push(inspect(value, { showHidden: true, depth: Number.POSITIVE_INFINITY, getters: true }));
    }
  }
  /** The secrets found in what was seen. */
  leaks(): string[] {
    const all = this.texts.join("\n");
    return SECRETS.filter((secret) => all.includes(secret));
  }
}

/** An `instrumentation` and a logger that record every argument they receive, at every level. */
function spies(otel?: ClientModules["otel"]) {
  const seen = new Seen();
  const exporter = new InMemorySpanExporter();
  const tracing = otel?.openTelemetry({
    tracerProvider: new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] }),
  });
  const instrumentation: Main.Instrumentation = {
    call(call, baseUrl) {
      seen.record(call, baseUrl);
      const inner = tracing?.call(call, baseUrl);
      return {
        attempt(attempt) {
          seen.record(attempt);
          const ended = inner?.attempt(attempt);
          return (response, error) => {
            seen.record(response, error);
            ended?.(response, error);
          };
        },
        end(error) {
          seen.record(error);
          inner?.end(error);
        },
      };
    },
  };
  return { seen, exporter, instrumentation, logger: (event: Main.PlankyLogEvent) => seen.record(event) };
}

export function consumerBehaviour(modules: () => Promise<ClientModules>): void {
  describe("observers and loggers never receive a credential", () => {
    test("createPlankyClient: token call, creates, a 401 replay, retries, errors, connection errors, customer token", async () => {
      const { main, otel } = await modules();
      const spy = spies(otel);
      let tokens = 0;
      const sent: string[] = [];
      const planky = main.createPlankyClient({
        clientId: "client-id",
        clientSecret: CLIENT_SECRET,
        baseUrl: BASE_URL,
        initialRetryDelay: 1,
        maxRetries: 1,
        logger: spy.logger,
        instrumentation: spy.instrumentation,
        fetch: async (request) => {
          const body = await request.clone().text();
          sent.push(`${request.headers.get("authorization")} ${body}`);
          const path = new URL(request.url).pathname;
          // The server echoes what it got, as some error pages do.
          if (path === "/oauth/v2/token")
            return json({ access_token: `${ACCESS_TOKEN}${tokens++}`, expires_in: 3600, token_type: "bearer" });
          if (path.endsWith("/token") && request.method === "POST")
            return json({ customer_token: CUSTOMER_TOKEN, expires_in: 600 });
          if (path === "/public/v3/customers" && request.method === "POST") {
            if (body.includes("fail")) throw Object.assign(new TypeError(`fetch failed ${sent.at(-1)}`), { request });
            return json({ id: "c-1", user_reference: "u-1" }, 201);
          }
          if (path.includes("/webflow/")) return json({ message: `bad ${request.headers.get("authorization")}` }, 404);
          if (path === "/public/v3/invitations") return json({ message: "down" }, 503, { "x-request-id": "r-503" });
          if (request.headers.get("authorization") === `Bearer ${ACCESS_TOKEN}0`)
            return json({ message: `expired ${request.headers.get("authorization")}` }, 401);
          return json({ data: [] });
        },
      });
      await planky.customers.listBanks({ customerId: "c-1" }); // a token call, a 401 and the replay with a new token
      await planky.customers.create({ user_reference: "u-1" });
      await expect(planky.customers.create({ user_reference: "fail" })).rejects.toBeInstanceOf(main.APIConnectionError);
      await planky.customers.createToken({ customerId: "c-1" });
      await expect(
        planky.consents.getStatus({ bankSlug: "barclays", customerToken: CUSTOMER_TOKEN }),
      ).rejects.toBeInstanceOf(main.NotFoundError);
      await expect(planky.invitations.list().pages()[Symbol.asyncIterator]().next()).rejects.toBeInstanceOf(
        main.InternalServerError,
      );
      await planky.raw.GET("/public/v3/customers/{customer_id}/banks", { params: { path: { customer_id: "c-1" } } });

      expect(spy.seen.leaks()).toEqual([]);
      expect(JSON.stringify(spy.exporter.getFinishedSpans().map((span) => span.attributes))).not.toMatch(
        /SECRET|TOKEN/,
      );
      // The check can fail: the secrets were sent, and the observers saw every call.
      expect(sent.join("\n")).toContain(CLIENT_SECRET);
      expect(sent.join("\n")).toContain(`AppUserToken ${CUSTOMER_TOKEN}`);
      expect(spy.seen.texts.join("\n")).toContain("/public/v3/customers/{customer_id}/token");
      expect(spy.exporter.getFinishedSpans().length).toBeGreaterThan(10);
      expect(new Seen().leaks.call(Object.assign(new Seen(), { texts: sent }))).toEqual(SECRETS);
    });

    test("createWebflowClient: a customer token given, or asked for, then refused with a 401", async () => {
      const { webflow, otel } = await modules();
      for (const customerToken of [CUSTOMER_TOKEN, async () => CUSTOMER_TOKEN]) {
        const spy = spies(otel);
        const client = webflow.createWebflowClient({
          customerToken,
          baseUrl: BASE_URL,
          initialRetryDelay: 1,
          logger: spy.logger,
          instrumentation: spy.instrumentation,
          fetch: async (request) =>
            request.method === "GET" && request.url.endsWith("/banks")
              ? json({ data: [] })
              : json({ message: `no ${request.headers.get("authorization")}` }, 401),
        });
        await client.banks.list();
        await expect(client.consents.getStatus({ bankSlug: "barclays" })).rejects.toBeInstanceOf(
          webflow.AuthenticationError,
        );
        expect(spy.seen.leaks()).toEqual([]);
        expect(spy.seen.count).toBeGreaterThan(6);
      }
    });
  });

  describe("errors, redaction, retries, timeouts", () => {
    const client = async (fetch: (request: Request) => Promise<Response>, extra = {}) => {
      const { main } = await modules();
      return main.createPlankyClient({
        accessToken: ACCESS_TOKEN,
        baseUrl: BASE_URL,
        initialRetryDelay: 1,
        maxRetryDelay: 5,
        fetch,
        ...extra,
      });
    };

    test("an HTTP error is the status's class, with the server's request id; an echoed token is redacted", async () => {
      const { main } = await modules();
      const planky = await client(async (request) =>
        json({ message: `no customer for ${request.headers.get("authorization")}` }, 404, { "x-request-id": "r-1" }),
      );
      const error = await planky.customers.listBanks({ customerId: "c-1" }).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(main.NotFoundError);
      expect(error).toBeInstanceOf(main.APIError);
      expect(error).toMatchObject({ status: 404, requestId: "r-1", method: "GET" });
      const text = `${(error as Error).message} ${JSON.stringify(error)} ${inspect(error, { showHidden: true, depth: 9 })}`;
      expect(text).not.toContain(ACCESS_TOKEN);
      expect(text).toContain("[redacted]");
    });

    test("a 503 is retried and the call resolves; a create that failed without an answer is not repeated", async () => {
      const { main } = await modules();
      let calls = 0;
      const retried = await client(async () => (++calls === 1 ? json({}, 503) : json({ data: [{ slug: "b" }] })));
      await expect(retried.customers.listBanks({ customerId: "c-1" })).resolves.toEqual([{ slug: "b" }]);
      expect(calls).toBe(2);
      let creates = 0;
      const failing = await client(async () => {
        creates++;
        throw new TypeError("fetch failed", { cause: Object.assign(new Error("reset"), { code: "ECONNRESET" }) });
      });
      await expect(failing.customers.create({ user_reference: "u" })).rejects.toBeInstanceOf(main.APIConnectionError);
      expect(creates).toBe(1);
    });

    test("an attempt past its timeout fails with APIConnectionTimeoutError; an abort with APIUserAbortError", async () => {
      const { main } = await modules();
      const hang = (_request: Request, init?: { signal?: AbortSignal }) =>
        new Promise<Response>((_resolve, reject) =>
          init?.signal?.addEventListener("abort", () => reject(new Error("x"))),
        );
      const planky = await client(hang as never, { timeout: 30, maxRetries: 0 });
      await expect(planky.customers.listBanks({ customerId: "c-1" })).rejects.toBeInstanceOf(
        main.APIConnectionTimeoutError,
      );
      const controller = new AbortController();
      const pending = planky.customers.listBanks({ customerId: "c-1" }, { signal: controller.signal, timeout: 60_000 });
      controller.abort();
      await expect(pending).rejects.toBeInstanceOf(main.APIUserAbortError);
    });

    test("validateResponses('throw') rejects an answer that breaks the spec", async () => {
      const { validate } = await modules();
      const planky = await client(async () => json({ data: [{ id: 42 }] }), {
        validateResponses: validate.responseValidator("throw"),
      });
      await expect(planky.customers.listBanks({ customerId: "c-1" })).rejects.toBeInstanceOf(
        validate.ResponseValidationError,
      );
    });
  });

  describe("webhooks", () => {
    test("parseWebhook reads a documented payload and names what is wrong with another", async () => {
      const { main } = await modules();
      const payload = { webhook_type: "NEW_EVENT", msg: "hello" };
      expect(() => main.parseWebhook("{")).toThrow(main.WebhookParseError);
      expect(() => main.parseWebhook({ ...payload, webhook_type: "NOPE" })).toThrow(/webhook_type/);
      expect(main.WEBHOOK_TYPES).toContain("NEW_EVENT");
    });
  });
}
