/**
 * The TypeScript samples shown on the docs site are real programs: each one runs here against a Prism mock of the
 * spec, which rejects any request the spec does not allow. A sample that stops matching the client or the spec
 * fails here (and `tsc` type-checks them in `typecheck`). Every operation must have one.
 */
import { once } from "node:events";
import { readFileSync } from "node:fs";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, test, vi } from "vitest";
import { startPrism } from "../../mock/src/prism-launcher.mjs";
import {
  allSampleNames,
  browserSampleNames,
  hasSample,
  isBrowserOperation,
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
  authorization: string | null;
}

let prism: Awaited<ReturnType<typeof startPrism>>;
const exchanges: Exchange[] = [];
const logged: unknown[][] = [];
/**
 * Browser samples fetch the customer token from their page's origin (`/api/planky-token`): here that origin is
 * guides/customer-token-route.ts, the server side the overview shows, running against the mock.
 */
let tokenRoute: Server;
let pageOrigin = "";
/** What the route answered: the only customer tokens a browser sample may send. */
const issuedTokens: string[] = [];

beforeAll(async () => {
  prism = await startPrism();
  // What a user sets; the samples read the base URL (a test-only line) and the API keys from the environment.
  vi.stubEnv("PLANKY_BASE_URL", prism.url);
  vi.stubEnv("PLANKY_CLIENT_ID", "sample-client-id");
  vi.stubEnv("PLANKY_CLIENT_SECRET", "sample-client-secret");
  const realFetch = globalThis.fetch;
  vi.spyOn(globalThis, "fetch").mockImplementation(async (input, init) => {
    // A page-relative URL, as a browser resolves it against the page's origin.
    const url = typeof input === "string" && input.startsWith("/") ? new URL(input, pageOrigin) : input;
    const request = new Request(url, init);
    const response = await realFetch(request);
    const { origin, pathname } = new URL(request.url);
    exchanges.push({
      method: request.method,
      path: pathname,
      status: response.status,
      authorization: request.headers.get("authorization"),
    });
    if (origin === pageOrigin && response.ok) issuedTokens.push(await response.clone().text());
    return response;
  });
  vi.spyOn(console, "log").mockImplementation((...args: unknown[]) => {
    logged.push(args);
  });
});

beforeAll(async () => {
  vi.stubEnv("PORT", "0");
  ({ server: tokenRoute } = (await import(sampleFile("guides/customer-token-route"))) as { server: Server });
  if (!tokenRoute.listening) await once(tokenRoute, "listening");
  pageOrigin = `http://127.0.0.1:${(tokenRoute.address() as AddressInfo).port}`;
});

afterAll(async () => {
  tokenRoute?.close();
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

describe("guides/validate-responses.ts: the client's opt-in response check, as the overview shows it", () => {
  test("a conforming answer (the mock's example): the call resolves and nothing is warned", async () => {
    const warned = vi.spyOn(console, "warn").mockImplementation(() => {});
    try {
      vi.resetModules();
      await run("guides/validate-responses");
      expect(exchanges.map((e) => `${e.status} ${e.method} ${e.path}`)).toEqual([
        "200 POST /oauth/v2/token",
        "200 GET /public/v3/customers",
      ]);
      expect(logged.map((args) => args.map(String).join(" "))).toEqual(["customers found: 1"]);
      expect(warned).not.toHaveBeenCalled();
    } finally {
      warned.mockRestore();
    }
  });

  test("an answer that breaks the spec: the logger warns with operationId, status and pointer before the call goes on", async () => {
    const recording = vi.mocked(globalThis.fetch).getMockImplementation();
    vi.mocked(globalThis.fetch).mockImplementation(async (input, init) => {
      const url = typeof input === "string" ? input : input instanceof URL ? input.href : input.url;
      const response = await (recording as typeof fetch)(input, init);
      if (!new URL(url).pathname.endsWith("/customers")) return response;
      // The envelope key renamed, as a changed API might.
      const body = JSON.stringify({ customers: ((await response.json()) as { data: unknown }).data });
      return new Response(body, { status: 200, headers: { "content-type": "application/json" } });
    });
    const warned = vi.spyOn(console, "warn").mockImplementation(() => {});
    try {
      vi.resetModules();
      // The client then finds no `data` list to return: the sample's own line fails after the warning.
      await expect(run("guides/validate-responses")).rejects.toThrow();
      expect(warned).toHaveBeenCalledWith("Planky's answer differs from the spec:", "listCustomers", 200, [
        { where: "/data", message: "is required but missing" },
      ]);
    } finally {
      warned.mockRestore();
      vi.mocked(globalThis.fetch).mockImplementation(recording as typeof fetch);
    }
  });
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
    expect(exchanges.at(-1)).toMatchObject({
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

describe("browser samples: the spec's AppUserToken operations, and any sample importing the webflow client", () => {
  test("are derived from the spec: every customer-token operation's sample, and the front-end guide", () => {
    const browserOperationIds = operations.filter(isBrowserOperation).map((operation) => operation.operationId);
    expect(browserOperationIds).toContain("getConsentStatus");
    expect(browserSampleNames).toEqual(expect.arrayContaining([...browserOperationIds, "guides/front-end"]));
    expect(browserSampleNames).not.toContain("createCustomerToken");
  });

  test.each(browserSampleNames)("%s never mentions the client secret and uses only the webflow client", (name) => {
    const source = readFileSync(sampleFile(name), "utf8"); // test-only lines included
    expect(source).not.toMatch(/client_?secret/i);
    expect(source).toContain('from "@planky-kit/client/webflow"');
    expect(source).not.toContain('from "@planky-kit/client"');
  });

  test.each(browserSampleNames)("%s sends only the customer token its page's server issued", async (name) => {
    vi.resetModules(); // run it again, not the module cached by the run above
    issuedTokens.length = 0;
    await run(name);
    const webflowCalls = exchanges.filter((e) => e.path.startsWith("/public/v3/webflow/"));
    expect(webflowCalls).not.toHaveLength(0);
    expect(issuedTokens).not.toHaveLength(0);
    for (const call of webflowCalls) {
      expect(issuedTokens.map((token) => `AppUserToken ${token}`)).toContain(call.authorization);
    }
  });
});

test("server samples read the client secret from the environment", () => {
  const serverSamples = allSampleNames.filter((name) => !browserSampleNames.includes(name));
  const secrets = serverSamples.flatMap((name) =>
    [...readFileSync(sampleFile(name), "utf8").matchAll(/clientSecret\b.*$/gm)].map((match) => `${name}: ${match[0]}`),
  );
  expect(secrets).not.toHaveLength(0);
  for (const line of secrets) expect(line).toMatch(/: clientSecret: process\.env\.PLANKY_CLIENT_SECRET,$/);
});

test("guides/front-end.ts lists the banks and reads the consent at the connected one, with the route's token", async () => {
  vi.resetModules();
  await run("guides/front-end");
  expect(
    exchanges.filter((e) => e.path.startsWith("/public/v3/webflow/")).map((e) => `${e.status} ${e.method} ${e.path}`),
  ).toEqual(["200 GET /public/v3/webflow/banks", "200 GET /public/v3/webflow/banks/barclays/consent/status"]);
  expect(logged.map((args) => args.map(String).join(" "))).toEqual([
    "Barclays connected",
    "HSBC not connected",
    "consent at barclays: AwaitingAuthorisation",
  ]);
});
