/**
 * `@planky-kit/client/otel`: the spans of a call, read back from the OpenTelemetry SDK's in-memory exporter. The
 * attributes are pinned whole, so a new attribute (one that might carry a credential or customer data) fails here.
 */
import { SpanKind, SpanStatusCode, trace } from "@opentelemetry/api";
import {
  BasicTracerProvider,
  InMemorySpanExporter,
  type ReadableSpan,
  SimpleSpanProcessor,
} from "@opentelemetry/sdk-trace-base";
import { afterEach, describe, expect, test } from "vitest";
import { NotFoundError } from "../../src/index";
import { openTelemetry } from "../../src/otel";
import { createWebflowClient } from "../../src/webflow";
import { CLIENT_SECRET, connectionError, hang, json, stubClient } from "./stub-fetch";

const CUSTOMER_ID = "cust-8f2e-private";
const ROUTE = "/public/v3/customers/{customer_id}/banks";

function tracing() {
  const exporter = new InMemorySpanExporter();
  const provider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
  return { exporter, instrumentation: openTelemetry({ tracerProvider: provider }) };
}

/** Each span as a row (name, kind, parent's name or "-", status, attributes): depth first, children by start. */
function tree(spans: ReadableSpan[]) {
  const byId = new Map(spans.map((span) => [span.spanContext().spanId, span]));
  const started = (span: ReadableSpan) => span.startTime[0] * 1e9 + span.startTime[1];
  const children = (parentId: string | undefined) =>
    spans
      .filter(
        (span) =>
          (byId.has(span.parentSpanContext?.spanId ?? "") ? span.parentSpanContext?.spanId : undefined) === parentId,
      )
      .sort((a, b) => started(a) - started(b));
  const rows: { name: string; kind: string; parent: string; status: string; attributes: ReadableSpan["attributes"] }[] =
    [];
  const visit = (span: ReadableSpan) => {
    rows.push({
      name: span.name,
      kind: SpanKind[span.kind],
      parent: byId.get(span.parentSpanContext?.spanId ?? "")?.name ?? "-",
      status: SpanStatusCode[span.status.code],
      attributes: span.attributes,
    });
    for (const child of children(span.spanContext().spanId)) visit(child);
  };
  // Each trace has its own clock anchor in the SDK, so roots are ordered by name, not by their start times.
  for (const root of children(undefined).sort((a, b) => a.name.localeCompare(b.name))) visit(root);
  return rows;
}

const route = {
  "http.request.method": "GET",
  "url.template": ROUTE,
  "server.address": "planky.test",
  "server.port": 443,
};

afterEach(() => {
  trace.disable();
});

describe("OpenTelemetry spans", () => {
  test("a call with one retry: a call span and two attempt spans under it, the second a resend", async () => {
    const t = tracing();
    const s = stubClient({
      accessToken: "access-token-XYZ",
      instrumentation: t.instrumentation,
      api: (_request, n) =>
        n === 1
          ? json({ message: "down" }, 503, { "x-request-id": "req-1" })
          : json({ data: [] }, 200, { "x-request-id": "req-2" }),
    });
    await s.client.customers.listBanks({ customerId: CUSTOMER_ID });
    expect(tree(t.exporter.getFinishedSpans())).toEqual([
      {
        name: `GET ${ROUTE}`,
        kind: "INTERNAL",
        parent: "-",
        status: "UNSET",
        attributes: { ...route, "http.response.status_code": 200, "planky.request_id": "req-2" },
      },
      {
        name: `GET ${ROUTE}`,
        kind: "CLIENT",
        parent: `GET ${ROUTE}`,
        status: "ERROR",
        attributes: { ...route, "http.response.status_code": 503, "planky.request_id": "req-1", "error.type": "503" },
      },
      {
        name: `GET ${ROUTE}`,
        kind: "CLIENT",
        parent: `GET ${ROUTE}`,
        status: "UNSET",
        attributes: {
          ...route,
          "http.request.resend_count": 1,
          "http.response.status_code": 200,
          "planky.request_id": "req-2",
        },
      },
    ]);
  });

  test("a failing call: the call span and its attempt carry error.type and status ERROR", async () => {
    const t = tracing();
    const s = stubClient({
      accessToken: "access-token-XYZ",
      instrumentation: t.instrumentation,
      api: () => json({ message: "no such customer" }, 404, { "x-request-id": "req-404" }),
    });
    await expect(s.client.customers.listBanks({ customerId: CUSTOMER_ID })).rejects.toBeInstanceOf(NotFoundError);
    const failed = { ...route, "http.response.status_code": 404, "planky.request_id": "req-404", "error.type": "404" };
    expect(tree(t.exporter.getFinishedSpans())).toEqual([
      { name: `GET ${ROUTE}`, kind: "INTERNAL", parent: "-", status: "ERROR", attributes: failed },
      { name: `GET ${ROUTE}`, kind: "CLIENT", parent: `GET ${ROUTE}`, status: "ERROR", attributes: failed },
    ]);
  });

  test("connection errors: error.type is the socket's code; the call span ends with the error's class", async () => {
    const t = tracing();
    const s = stubClient({
      accessToken: "access-token-XYZ",
      instrumentation: t.instrumentation,
      maxRetries: 1,
      api: () => Promise.reject(connectionError("ECONNREFUSED")),
    });
    await expect(s.client.customers.listBanks({ customerId: CUSTOMER_ID })).rejects.toThrow(/ECONNREFUSED/);
    const rows = tree(t.exporter.getFinishedSpans());
    expect(
      rows.map((row) => [
        row.kind,
        row.status,
        row.attributes["error.type"],
        row.attributes["http.request.resend_count"],
      ]),
    ).toEqual([
      ["INTERNAL", "ERROR", "APIConnectionError", undefined],
      ["CLIENT", "ERROR", "ECONNREFUSED", undefined],
      ["CLIENT", "ERROR", "ECONNREFUSED", 1],
    ]);
  });

  test("client credentials: the token request is its own call; the 401 replay is a resend", async () => {
    const t = tracing();
    const s = stubClient({
      instrumentation: t.instrumentation,
      api: (request) =>
        request.headers.get("authorization") === "Bearer token-1" ? json({}, 401) : json({ data: [] }),
    });
    await s.client.customers.listBanks({ customerId: CUSTOMER_ID });
    const rows = tree(t.exporter.getFinishedSpans()).map((row) => [
      row.name,
      row.kind,
      row.parent,
      row.attributes["http.response.status_code"],
      row.attributes["http.request.resend_count"],
    ]);
    // The token requests are calls of their own (siblings of the call that needed the token, not its children).
    expect(rows).toEqual([
      [`GET ${ROUTE}`, "INTERNAL", "-", 200, undefined],
      [`GET ${ROUTE}`, "CLIENT", `GET ${ROUTE}`, 401, undefined],
      [`GET ${ROUTE}`, "CLIENT", `GET ${ROUTE}`, 200, 1],
      ["POST /oauth/v2/token", "INTERNAL", "-", 200, undefined],
      ["POST /oauth/v2/token", "CLIENT", "POST /oauth/v2/token", 200, undefined],
      ["POST /oauth/v2/token", "INTERNAL", "-", 200, undefined],
      ["POST /oauth/v2/token", "CLIENT", "POST /oauth/v2/token", 200, undefined],
    ]);
  });

  test("no attribute holds a credential, the filled-in path or a query value", async () => {
    const t = tracing();
    const s = stubClient({ instrumentation: t.instrumentation, api: () => json({ data: [] }) });
    await s.client.customers.listBanks({ customerId: CUSTOMER_ID });
    await s.client.raw.GET("/public/v3/customers", { params: { query: { "by-user-reference": "ada-lovelace-42" } } });
    const attributes = JSON.stringify(t.exporter.getFinishedSpans().map((span) => [span.name, span.attributes]));
    for (const secret of [CLIENT_SECRET, "token-1", CUSTOMER_ID, "ada-lovelace-42", "client-id"]) {
      expect(attributes).not.toContain(secret);
    }
    expect(attributes).toContain("/public/v3/customers"); // the check can fail: the spans are there
  });

  test("the global tracer provider is used when none is passed, even one registered after the client", async () => {
    const s = stubClient({ accessToken: "a", instrumentation: openTelemetry(), api: () => json({ data: [] }) });
    await s.client.customers.listBanks({ customerId: CUSTOMER_ID }); // no provider yet: nothing recorded, no error
    const exporter = new InMemorySpanExporter();
    trace.setGlobalTracerProvider(new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] }));
    await s.client.customers.listBanks({ customerId: CUSTOMER_ID });
    expect(exporter.getFinishedSpans().map((span) => span.name)).toEqual([`GET ${ROUTE}`, `GET ${ROUTE}`]);
  });

  test("the webflow client takes the same instrumentation", async () => {
    const t = tracing();
    const client = createWebflowClient({
      customerToken: "customer-token-ABC",
      baseUrl: "http://127.0.0.1:4010",
      instrumentation: t.instrumentation,
      fetch: async () => json({ data: [] }),
    });
    await client.banks.list({}).catch(() => undefined);
    const spans = t.exporter.getFinishedSpans();
    expect(spans.length).toBeGreaterThan(0);
    expect(spans[0]?.attributes["server.port"]).toBe(4010);
    expect(JSON.stringify(spans.map((span) => span.attributes))).not.toContain("customer-token-ABC");
  });

  test("error.type of an attempt: a code on the error itself, or a timeout's class; the call span names the class", async () => {
    const t = tracing();
    const s = stubClient({
      accessToken: "access-token-XYZ",
      instrumentation: t.instrumentation,
      maxRetries: 0,
      api: () => Promise.reject(Object.assign(new Error("socket hang up"), { code: "ECONNRESET" })),
    });
    await expect(s.client.customers.listBanks({ customerId: CUSTOMER_ID })).rejects.toThrow(/ECONNRESET/);
    const hung = tracing();
    const slow = stubClient({
      accessToken: "access-token-XYZ",
      instrumentation: hung.instrumentation,
      maxRetries: 0,
      timeout: 20,
      api: (request) => hang(request),
    });
    await expect(slow.client.customers.listBanks({ customerId: CUSTOMER_ID })).rejects.toThrow(/timed out/);
    const types = (exporter: InMemorySpanExporter) =>
      tree(exporter.getFinishedSpans()).map((row) => [row.kind, row.status, row.attributes["error.type"]]);
    expect(types(t.exporter)).toEqual([
      ["INTERNAL", "ERROR", "APIConnectionError"],
      ["CLIENT", "ERROR", "ECONNRESET"],
    ]);
    expect(types(hung.exporter)).toEqual([
      ["INTERNAL", "ERROR", "APIConnectionTimeoutError"],
      ["CLIENT", "ERROR", "APIConnectionTimeoutError"],
    ]);
    expect(t.exporter.getFinishedSpans()[0]?.status.message).toBe("ECONNRESET");
  });

  test("server.port: the URL's own port, else 80 for http and 443 for https", async () => {
    for (const [baseUrl, port] of [
      ["http://planky.test", 80],
      ["https://planky.test:8443", 8443],
    ] as const) {
      const t = tracing();
      const client = createWebflowClient({
        customerToken: "customer-token-ABC",
        baseUrl,
        instrumentation: t.instrumentation,
        fetch: async () => json({ data: [] }),
      });
      await client.banks.list();
      expect(t.exporter.getFinishedSpans().map((span) => span.attributes["server.port"])).toEqual([port, port]);
    }
  });
});
