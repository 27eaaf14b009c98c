/**
 * The TypeScript samples shown on the docs site are real programs: each one runs here against a Prism mock of the
 * spec, which rejects any request the spec does not allow. A sample that stops matching the client or the spec
 * fails here (and `tsc` type-checks them in `typecheck`). Every operation must have one.
 */
import { once } from "node:events";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { startPrism } from "@planky-kit/spec/prism";
import { afterAll, beforeAll, describe, expect, test, vi } from "vitest";
import {
  hasSample,
  matchesTemplate,
  operations,
  sampleFile,
  sampleNames,
  spec,
  webhookOperations,
} from "./support/spec";

interface Exchange {
  method: string;
  path: string;
  status: number;
}

let prism: Awaited<ReturnType<typeof startPrism>>;
const exchanges: Exchange[] = [];
const logged: unknown[][] = [];

beforeAll(async () => {
  prism = await startPrism();
  // What a user sets; the samples read the base URL (a test-only line) and the API keys from the environment.
  vi.stubEnv("PLANKY_BASE_URL", prism.url);
  vi.stubEnv("PLANKY_CLIENT_ID", "sample-client-id");
  vi.stubEnv("PLANKY_CLIENT_SECRET", "sample-client-secret");
  const realFetch = globalThis.fetch;
  vi.spyOn(globalThis, "fetch").mockImplementation(async (input, init) => {
    const request = new Request(input, init);
    const response = await realFetch(request);
    exchanges.push({ method: request.method, path: new URL(request.url).pathname, status: response.status });
    return response;
  });
  vi.spyOn(console, "log").mockImplementation((...args: unknown[]) => {
    logged.push(args);
  });
});

afterAll(async () => {
  vi.restoreAllMocks();
  vi.unstubAllEnvs();
  await prism?.stop();
});

async function run(name: string): Promise<void> {
  exchanges.length = 0;
  logged.length = 0;
  await import(sampleFile(name));
}

describe("one sample per operation", () => {
  test.each(operations)("$operationId has a sample file", ({ operationId }) => {
    expect(hasSample(operationId), `add packages/docs/samples/${operationId}.ts (the docs show it)`).toBe(true);
  });

  test("every sample file is named after an operationId of the spec (a renamed operation leaves none behind)", () => {
    const ids = new Set(operations.map((operation) => operation.operationId));
    expect(sampleNames.filter((name) => !ids.has(name))).toEqual([]);
  });
});

describe("each sample runs against the mock", () => {
  test.each(operations.filter((operation) => hasSample(operation.operationId)))(
    "$operationId: calls $method $path, every response is 2xx and it prints the result",
    async ({ operationId, method, path }) => {
      await run(operationId);
      const own = exchanges.filter((e) => e.method === method.toUpperCase() && matchesTemplate(path, e.path));
      expect(own, `requests made: ${JSON.stringify(exchanges)}`).not.toHaveLength(0);
      expect(exchanges.filter((e) => e.status < 200 || e.status > 299)).toEqual([]);
      expect(logged).not.toHaveLength(0);
      for (const args of logged) for (const value of args) expect(value).toBeDefined();
    },
  );
});

describe("guides/end-to-end.ts: the documented flow in its real order", () => {
  test("customer → invitation → (REPORT_AVAILABLE) → the customer's banks → the consent at the connected bank", async () => {
    await run("guides/end-to-end");
    expect(exchanges.map((e) => `${e.status} ${e.method} ${e.path}`)).toEqual([
      "200 POST /oauth/v2/token",
      // The spec declares 200 and 201 for a create; Prism answers with the first.
      "200 POST /public/v3/customers",
      "200 POST /public/v3/invitations",
      "200 GET /public/v3/customers/1234/banks",
      // Only the bank with a consent in the list is asked about (the example's barclays, not hsbc).
      "200 GET /public/v3/customers/1234/bank/barclays/consent/account",
    ]);
    expect(logged.map((args) => args.map(String).join(" "))).toEqual([
      "invitation created: https://planky.com/invitation/123456789abcdef",
      "consent at barclays: Authorised",
    ]);
  });

  test("no consent yet (the mock answers 404) is reported as such, not thrown", async () => {
    // Prism answers the status a request asks for with `Prefer: code=…`; only the consent read gets the 404.
    const recording = vi.mocked(globalThis.fetch).getMockImplementation();
    vi.mocked(globalThis.fetch).mockImplementation(async (input, init) => {
      const request = new Request(input, init);
      if (new URL(request.url).pathname.endsWith("/consent/account")) request.headers.set("Prefer", "code=404");
      return (recording as typeof fetch)(request);
    });
    try {
      vi.resetModules(); // run the guide again, not the cached module
      await run("guides/end-to-end");
    } finally {
      vi.mocked(globalThis.fetch).mockImplementation(recording as typeof fetch);
    }
    expect(exchanges.at(-1)).toEqual({
      method: "GET",
      path: "/public/v3/customers/1234/bank/barclays/consent/account",
      status: 404,
    });
    expect(logged.at(-1)?.map(String).join(" ")).toBe("consent at barclays: none yet");
  });
});

test("guides/webhook-receiver.ts answers 200 to every webhook example of the spec and to an unknown type, which it logs", async () => {
  vi.stubEnv("PORT", "0");
  logged.length = 0;
  const warned: unknown[][] = [];
  const warn = vi.spyOn(console, "warn").mockImplementation((...args: unknown[]) => {
    warned.push(args);
  });
  const { server } = (await import(sampleFile("guides/webhook-receiver"))) as { server: Server };
  try {
    if (!server.listening) await once(server, "listening");
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
    const post = (body: unknown) => fetch(url, { method: "POST", body: JSON.stringify(body) });
    expect(webhookOperations).not.toHaveLength(0);
    for (const { path: type } of webhookOperations) {
      const examples = spec.webhooks[type].post.requestBody.content["application/json"].examples;
      const ref: string = Object.values<{ $ref: string }>(examples)[0]?.$ref ?? "";
      const payload = spec.components.examples[ref.split("/").pop() ?? ""].value;
      expect((await post(payload)).status, type).toBe(200);
    }
    expect(warned).toEqual([]);
    expect((await post({ msg: "?", customer_id: 1, webhook_type: "NOT_A_TYPE" })).status).toBe(200);
    expect(logged.map((args) => args[0])).toEqual(webhookOperations.map((webhook) => webhook.path));
    expect(warned).toHaveLength(1);
    expect(String(warned[0]?.[1])).toContain("webhook_type");
  } finally {
    warn.mockRestore();
    server.close();
  }
});
