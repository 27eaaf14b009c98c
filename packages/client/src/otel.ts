/**
 * `@planky-kit/client/otel`: OpenTelemetry spans for every call, `instrumentation: openTelemetry()`. A span per
 * call, and under it a span per attempt (retries and the replay after a 401 show as siblings), named by the route
 * template (`GET /public/v3/customers/{customer_id}/banks`), with the stable HTTP client semantic conventions.
 * No attribute holds a credential, a query value or a filled-in path: `url.full` is left out on purpose.
 *
 * Only this entry imports `@opentelemetry/api` (an optional peer dependency); the main and webflow entries never do.
 */
import {
  type Attributes,
  context,
  type Span,
  SpanKind,
  SpanStatusCode,
  type Tracer,
  type TracerProvider,
  trace,
} from "@opentelemetry/api";
import { APIError } from "./errors";
import type { CallObserver, Instrumentation, ObservedCall, ObservedResponse } from "./internal/instrumentation";

export type { CallObserver, Instrumentation, ObservedCall, ObservedResponse } from "./internal/instrumentation";

export interface OpenTelemetryOptions {
  /** Where spans go. Default: the global tracer provider (`trace.getTracerProvider()`), looked up per call. */
  tracerProvider?: TracerProvider;
}

const TRACER_NAME = "@planky-kit/client";

/** The `instrumentation` option for `createPlankyClient` or `createWebflowClient`. */
export function openTelemetry(options: OpenTelemetryOptions = {}): Instrumentation {
  // The global provider may be registered after the client is created, so it is looked up when a call starts.
  const tracer = (): Tracer => (options.tracerProvider ?? trace.getTracerProvider()).getTracer(TRACER_NAME);
  return {
    call(call: ObservedCall, baseUrl: string): CallObserver {
      const name = `${call.method} ${call.path}`;
      const callSpan = tracer().startSpan(name, { kind: SpanKind.INTERNAL });
      // No provider registered: a non-recording span, and nothing else is computed.
      if (!callSpan.isRecording()) return { attempt: () => () => {}, end: () => callSpan.end() };
      const common = routeAttributes(call, baseUrl);
      callSpan.setAttributes(common);
      const parent = trace.setSpan(context.active(), callSpan);
      let last: ObservedResponse | undefined;
      return {
        attempt(attempt) {
          const attributes: Attributes = { ...common };
          if (attempt > 1) attributes["http.request.resend_count"] = attempt - 1;
          const span = tracer().startSpan(name, { kind: SpanKind.CLIENT, attributes }, parent);
          return (response, error) => {
            last = response;
            if (response) answered(span, response);
            else failed(span, error, true);
            span.end();
          };
        },
        end(error) {
          if (last) answered(callSpan, last);
          if (error !== undefined) failed(callSpan, error);
          callSpan.end();
        },
      };
    },
  };
}

function routeAttributes(call: ObservedCall, baseUrl: string): Attributes {
  const url = new URL(baseUrl);
  return {
    "http.request.method": call.method,
    "url.template": call.path,
    "server.address": url.hostname,
    "server.port": url.port ? Number(url.port) : url.protocol === "https:" ? 443 : 80,
  };
}

function answered(span: Span, { status, requestId }: ObservedResponse): void {
  span.setAttribute("http.response.status_code", status);
  if (requestId) span.setAttribute("planky.request_id", requestId);
  if (status >= 400) {
    span.setAttribute("error.type", String(status));
    span.setStatus({ code: SpanStatusCode.ERROR });
  }
}

/**
 * `error.type`: the status code for an HTTP error, else the socket's code (`ECONNREFUSED`) or the error's class.
 * An attempt's connection error has the socket's code on its `cause` (the failed `fetch`, undici's `TypeError`) or
 * that cause's cause; the call span names the class the caller got.
 */
function failed(span: Span, error: unknown, socketCode = false): void {
  const cause = (error as { cause?: { code?: unknown; cause?: { code?: unknown } } } | undefined)?.cause;
  const code = socketCode ? (cause?.cause?.code ?? cause?.code) : undefined;
  const type =
    error instanceof APIError
      ? String(error.status)
      : typeof code === "string"
        ? code
        : error instanceof Error
          ? error.name
          : "_OTHER";
  span.setAttribute("error.type", type);
  // The class name only: a message may quote a server's body.
  span.setStatus({ code: SpanStatusCode.ERROR, message: type });
}
