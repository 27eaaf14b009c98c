/**
 * The one origin users call: `/_sandbox/*` goes to the control API, everything else through Prism (proxy mode,
 * which checks it against the spec) to the stateful API. Before either, the request guard refuses what would hurt
 * Prism or the sandbox (bad escapes, bad JSON, huge bodies, odd methods). Prism answers an invalid request with a
 * 422 the spec does not declare; the front turns it into the spec's 400, naming each field like the rest of this
 * package does. Every answer carries CORS headers, and every hop to Prism has a timeout.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { isRecord } from "../../is-record";
import type { Problem } from "../../schema-validator";
import { CONTROL_PREFIX } from "../control/control-api";
import { indexPage } from "../control/index-pages";
import { corsHeaders, preflightHeaders } from "../http/cors";
import { forwardRequest, UpstreamTimeout } from "../http/forward";
import {
  answerThenDrain,
  type FetchHandler,
  limitClientTime,
  listen,
  portOf,
  readBody,
  sendResponse,
  toRequest,
} from "../http/node-http";
import { json } from "../http/responses";
import type { SupervisedPrism } from "../prism/prism-supervisor";
import { type FrontMatch, frontRoutes } from "./front-routes";
import { healthResponse } from "./health";
import { guardRequest, refusal } from "./request-guard";

/** How long Prism may stay silent on one request (it waits on the API, which answers within 20 s). */
export const PRISM_ANSWER_TIMEOUT_MS = 30_000;

export async function startFrontServer(options: {
  host: string;
  port: number;
  control: FetchHandler;
  prism: SupervisedPrism;
  /** Default `PRISM_ANSWER_TIMEOUT_MS` (this package's tests shorten it). */
  prismAnswerTimeoutMs?: number;
  /** Called with each API request and its body before Prism; `true` when it answered it (see `faults.ts`). */
  intercept?: Intercept;
}): Promise<{ server: Server; url: string }> {
  const server = createServer((incoming, outgoing) => {
    void handle(incoming, outgoing, { ...options, origin: `http://${options.host}:${portOf(server)}` });
  });
  limitClientTime(server);
  await listen(server, options.host, options.port);
  return { server, url: `http://${options.host}:${portOf(server)}` };
}

async function handle(
  incoming: IncomingMessage,
  outgoing: ServerResponse,
  options: {
    control: FetchHandler;
    prism: SupervisedPrism;
    origin: string;
    prismAnswerTimeoutMs?: number;
    intercept?: Intercept;
  },
): Promise<void> {
  const cors = corsHeaders(incoming);
  try {
    if (incoming.method === "OPTIONS") {
      outgoing.writeHead(204, { ...preflightHeaders(incoming), "content-length": "0" }).end();
      return;
    }
    // The one match of this request (see front-routes.ts), for the guard and the faults.
    const match = frontRoutes.match(incoming.method ?? "GET", (incoming.url ?? "/").split("?")[0] ?? "/");
    const guarded = await guardRequest(incoming, match);
    if (!guarded.ok) {
      if (guarded.drain) await answerThenDrain(guarded.response, incoming, outgoing, cors);
      else await sendResponse(guarded.response, outgoing, cors);
      return;
    }
    const index = indexPage(incoming.method, incoming.url);
    if (index) {
      await sendResponse(index, outgoing, cors);
      return;
    }
    const target = incoming.url ?? "/";
    if (!target.startsWith(CONTROL_PREFIX)) {
      if (await options.intercept?.(incoming, outgoing, guarded.body, match)) return;
      const timeoutMs = options.prismAnswerTimeoutMs ?? PRISM_ANSWER_TIMEOUT_MS;
      await forward(incoming, outgoing, { prism: options.prism, timeoutMs }, guarded.body, cors);
      return;
    }
    const pathname = target.split("?")[0]?.replace(/\/+$/, "");
    const answer =
      incoming.method === "GET" && pathname === "/_sandbox/health"
        ? await healthResponse(options.prism)
        : await options.control(await toRequest(incoming, options.origin, guarded.body));
    await sendResponse(answer, outgoing, cors);
  } catch (error) {
    if (outgoing.destroyed || incoming.destroyed) return; // the client went away: nobody to answer
    console.error("planky sandbox: unexpected error", error);
    if (outgoing.headersSent) outgoing.destroy();
    else {
      const message = "The sandbox failed unexpectedly on this request; see its console";
      await sendResponse(json(500, { message }), outgoing, cors);
    }
  }
}

type Intercept = (
  incoming: IncomingMessage,
  outgoing: ServerResponse,
  body: Buffer,
  match: FrontMatch | undefined,
) => Promise<boolean>;

async function forward(
  incoming: IncomingMessage,
  outgoing: ServerResponse,
  { prism, timeoutMs }: { prism: SupervisedPrism; timeoutMs: number },
  body: Buffer,
  cors: Record<string, string>,
): Promise<void> {
  let upstream: IncomingMessage;
  try {
    upstream = await forwardRequest({ origin: new URL(prism.url), path: incoming.url ?? "/" }, incoming, body, {
      timeoutMs,
      client: outgoing,
      keepHost: true,
    });
  } catch (error) {
    if (outgoing.destroyed) return;
    await sendResponse(prismFailure(error, prism), outgoing, cors);
    return;
  }
  const type = String(upstream.headers["content-type"] ?? "");
  if (upstream.statusCode === 422 && type.startsWith("application/problem+json")) {
    const parsed: unknown = JSON.parse(String(await readBody(upstream)));
    const problem = isRecord(parsed) ? parsed : {};
    const pathname = (incoming.url ?? "/").split("?")[0] ?? "/";
    const answer =
      typeof problem.type === "string" && problem.type.endsWith("#UNPROCESSABLE_ENTITY")
        ? invalidRequest(pathname, problem.validation)
        : json(422, parsed);
    await sendResponse(answer, outgoing, cors);
    return;
  }
  outgoing.writeHead(upstream.statusCode ?? 502, { ...upstream.headers, ...cors });
  upstream.once("error", () => outgoing.destroy());
  upstream.pipe(outgoing);
}

function prismFailure(error: unknown, prism: SupervisedPrism): Response {
  if (error instanceof UpstreamTimeout)
    return json(504, { message: `Prism did not answer within ${error.ms / 1000} s` });
  const status = prism.status;
  if (status.state !== "running") {
    return json(503, { message: `The sandbox cannot answer: ${status.reason}` }, { "retry-after": "1" });
  }
  const errno = error instanceof Error && "code" in error && typeof error.code === "string" ? error.code : undefined;
  const code = errno ?? (error instanceof Error ? error.message : String(error));
  return json(502, { message: `The sandbox could not reach Prism (${code})` });
}

const LOCATIONS: Problem["in"][] = ["body", "query", "path", "header"];

/**
 * Prism's violations as the spec's `400`: `{ message, errors }` (the token endpoint's `400` is an OAuth2 error, so
 * there it is `{ error: "invalid_request", error_description, errors }`). `sl-violations` carries Prism's own list,
 * as `prism mock` sends it.
 */
function invalidRequest(pathname: string, validation: unknown): Response {
  // Prism's problem: `validation: [{ location: ["body", "field"], message }]`, read field by field.
  const problems: Problem[] = (Array.isArray(validation) ? validation : []).map((entry: unknown) => {
    const v = isRecord(entry) ? entry : {};
    const message = typeof v.message === "string" ? v.message : undefined;
    const [where = "body", ...rest] = Array.isArray(v.location) ? v.location.map(String) : [];
    const field = /property '([^']+)'/.exec(message ?? "")?.[1];
    return {
      in: LOCATIONS.find((location) => location === where) ?? "body",
      field: [...rest, ...(field && !rest.includes(field) ? [field] : [])].join("."),
      problem: message ?? "is invalid",
    };
  });
  return refusal(pathname, problems, { "sl-violations": JSON.stringify(validation ?? []) });
}
