/**
 * The front server's request checks and CORS headers, called as plain functions on a stand-in for Node's incoming
 * request (a readable stream with method, url and headers), so Stryker can run them without Prism or a socket.
 * Each check is what a developer sees when their client sends something the sandbox refuses.
 */
import type { IncomingMessage } from "node:http";
import { Readable } from "node:stream";
import { describe, expect, test } from "vitest";
import { frontRoutes } from "../../src/sandbox/front/front-routes";
import {
  guardRequest as guardMatched,
  MAX_BODY_BYTES,
  MAX_JSON_DEPTH,
  refusal,
} from "../../src/sandbox/front/request-guard";
import { corsHeaders, preflightHeaders } from "../../src/sandbox/http/cors";

function incoming(
  method: string,
  url: string,
  { headers = {}, body = [] }: { headers?: Record<string, string>; body?: (string | Buffer)[] } = {},
): IncomingMessage {
  const stream = Readable.from(body.map((b) => (typeof b === "string" ? Buffer.from(b) : b)));
  return Object.assign(stream, { method, url, headers }) as unknown as IncomingMessage;
}

/** The guard as the front calls it: with the request's one match (`front-routes.ts`). */
const guardRequest = (request: IncomingMessage) =>
  guardMatched(request, frontRoutes.match(request.method ?? "GET", (request.url ?? "/").split("?")[0] ?? "/"));

const jsonPost = (url: string, body: string | Buffer) =>
  incoming("POST", url, { headers: { "content-type": "application/json" }, body: [body] });

async function refused(request: IncomingMessage) {
  const result = await guardRequest(request);
  if (result.ok) throw new Error("expected a refusal");
  return { status: result.response.status, headers: result.response.headers, body: await result.response.json() };
}

describe("guardRequest", () => {
  test("a served request passes with its body", async () => {
    const result = await guardRequest(jsonPost("/public/v3/customers", '{"user_reference":"ada"}'));
    expect(result).toEqual({ ok: true, body: Buffer.from('{"user_reference":"ada"}') });
  });

  test("a method the sandbox does not serve is a 405 with Allow listing the served ones", async () => {
    const { status, headers, body } = await refused(incoming("TRACE", "/public/v3/customers"));
    expect(status).toBe(405);
    expect(headers.get("allow")).toBe("GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS");
    expect(body.message).toContain("TRACE");
  });

  test("a malformed percent-escape names the path parameter it is in", async () => {
    const { status, body } = await refused(incoming("GET", "/public/v3/customers/%ZZ/banks"));
    expect(status).toBe(400);
    expect(body.errors).toEqual([
      {
        in: "path",
        field: "customer_id",
        problem: expect.stringContaining('"%ZZ" (the sandbox cannot take a literal % here'),
      },
    ]);
  });

  test("a malformed escape in a literal segment or an unknown path names no field; a long segment is shortened", async () => {
    const long = `%ZZ${"a".repeat(100)}`;
    const { body } = await refused(incoming("GET", `/public/v3/${long}`));
    expect(body.errors[0].field).toBe("");
    expect(body.errors[0].problem).toContain(`"${long.slice(0, 80)}…"`);
  });

  test("a body larger than the limit is a 413 whose body the front drains, whether announced or not", async () => {
    const announced = await guardRequest(
      incoming("POST", "/public/v3/customers", { headers: { "content-length": String(MAX_BODY_BYTES + 1) } }),
    );
    expect(announced).toMatchObject({ ok: false, drain: true });
    if (!announced.ok) expect(announced.response.status).toBe(413);
    const half = Buffer.alloc(MAX_BODY_BYTES / 2 + 1, 0x20);
    const streamed = await guardRequest(incoming("POST", "/public/v3/customers", { body: [half, half] }));
    expect(streamed).toMatchObject({ ok: false, drain: true });
    const exact = await guardRequest(
      incoming("POST", "/public/v3/customers", { body: [Buffer.alloc(MAX_BODY_BYTES, 0x20)] }),
    );
    expect(exact.ok).toBe(true);
  });

  test("invalid JSON is named by position only, never quoting the body (it may hold a secret)", async () => {
    const { status, body } = await refused(jsonPost("/public/v3/customers", '{"client_secret": "hunter2"'));
    expect(status).toBe(400);
    expect(body.errors).toEqual([{ in: "body", field: "", problem: expect.stringMatching(/^is not valid JSON/) }]);
    expect(JSON.stringify(body)).not.toContain("hunter2");
  });

  test("a JSON body is only parsed when the content type says JSON (a +json suffix included)", async () => {
    const plain = await guardRequest(
      incoming("POST", "/public/v3/customers", { headers: { "content-type": "text/plain" }, body: ["{oops"] }),
    );
    expect(plain.ok).toBe(true);
    const suffixed = incoming("POST", "/public/v3/customers", {
      headers: { "content-type": " application/problem+json; charset=utf-8" },
      body: ["{oops"],
    });
    expect((await refused(suffixed)).status).toBe(400);
  });

  test("nesting deeper than the limit is refused before parsing; brackets inside strings do not count", async () => {
    const deep = `${"[".repeat(MAX_JSON_DEPTH + 1)}${"]".repeat(MAX_JSON_DEPTH + 1)}`;
    const { body } = await refused(jsonPost("/public/v3/customers", deep));
    expect(body.errors[0].problem).toBe(`is nested deeper than ${MAX_JSON_DEPTH} levels`);
    const atLimit = `${"[".repeat(MAX_JSON_DEPTH)}${"]".repeat(MAX_JSON_DEPTH)}`;
    expect((await guardRequest(jsonPost("/public/v3/customers", atLimit))).ok).toBe(true);
    const inString = JSON.stringify({ note: `\\"${"[".repeat(MAX_JSON_DEPTH + 5)}` });
    expect((await guardRequest(jsonPost("/public/v3/customers", inString))).ok).toBe(true);
    const siblings = `[${"[],".repeat(MAX_JSON_DEPTH + 5)}[]]`;
    expect((await guardRequest(jsonPost("/public/v3/customers", siblings))).ok).toBe(true);
  });

  test("a lone surrogate is named by its field path, in values and in keys", async () => {
    const { body } = await refused(jsonPost("/public/v3/customers", '{"a":{"b":"\\ud800"},"\\udc00":1}'));
    const fields = body.errors.map((e: { field: string }) => e.field);
    expect(fields).toHaveLength(2);
    expect(fields).toEqual(expect.arrayContaining(["a.b", "\udc00"]));
    expect(body.errors.find((e: { field: string }) => e.field === "\udc00").problem).toContain("is a key");
  });

  test("invalid UTF-8 bytes are refused, naming the field when they are inside a string", async () => {
    const inValue = Buffer.concat([Buffer.from('{"name":"'), Buffer.from([0xff]), Buffer.from('"}')]);
    const { body } = await refused(jsonPost("/public/v3/customers", inValue));
    expect(body.errors).toEqual([expect.objectContaining({ field: "name" })]);
    const realReplacement = await guardRequest(jsonPost("/public/v3/customers", '{"name":"\uFFFD"}'));
    expect(realReplacement.ok).toBe(true);
  });

  test("a numeric query value JavaScript reads as Infinity is refused, naming the parameter", async () => {
    const { body } = await refused(incoming("GET", "/public/v3/customers/7/transactions?page=1e400"));
    expect(body.errors).toEqual([{ in: "query", field: "page", problem: 'must be a finite number, got "1e400"' }]);
    expect((await guardRequest(incoming("GET", "/public/v3/customers/7/transactions?page=2"))).ok).toBe(true);
    expect((await guardRequest(incoming("GET", "/public/v3/customers/7/transactions?page=abc"))).ok).toBe(true);
  });
});

describe("refusal", () => {
  test("on the token endpoint it is an OAuth2 error; elsewhere { message, errors }, with extra headers", async () => {
    const problem = { in: "body" as const, field: "client_id", problem: "is required" };
    const oauth = refusal("/oauth/v2/token", [problem], { "x-extra": "1" });
    expect(await oauth.json()).toEqual({
      error: "invalid_request",
      error_description: "body client_id is required",
      errors: [problem],
    });
    expect(oauth.headers.get("x-extra")).toBe("1");
    const api = refusal("/public/v3/customers", [problem], { "x-extra": "2" });
    expect(await api.json()).toEqual({ message: "body client_id is required", errors: [problem] });
    expect(api.headers.get("x-extra")).toBe("2");
  });
});

describe("CORS headers", () => {
  test("without an Origin: any origin may read, no credentials", () => {
    expect(corsHeaders(incoming("GET", "/"))).toEqual({
      "access-control-allow-origin": "*",
      "access-control-expose-headers": "sl-violations, retry-after, location, content-length",
    });
  });

  test("with an Origin: that origin echoed, credentials allowed, and Vary: Origin", () => {
    const headers = corsHeaders(incoming("GET", "/", { headers: { origin: "http://localhost:5173" } }));
    expect(headers).toEqual({
      "access-control-allow-origin": "http://localhost:5173",
      "access-control-allow-credentials": "true",
      "access-control-expose-headers": "sl-violations, retry-after, location, content-length",
      vary: "Origin",
    });
  });

  test("a preflight allows every served method and the headers asked for (or the usual two)", () => {
    const asked = preflightHeaders(
      incoming("OPTIONS", "/", {
        headers: { origin: "http://localhost:5173", "access-control-request-headers": "x-custom" },
      }),
    );
    expect(asked).toMatchObject({
      "access-control-allow-origin": "http://localhost:5173",
      "access-control-allow-methods": "GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS",
      "access-control-allow-headers": "x-custom",
      "access-control-max-age": "600",
      vary: "Origin, Access-Control-Request-Headers",
    });
    expect(preflightHeaders(incoming("OPTIONS", "/"))["access-control-allow-headers"]).toBe(
      "authorization, content-type",
    );
  });
});
