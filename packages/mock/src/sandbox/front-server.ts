/**
 * The one origin users call: `/_sandbox/*` goes to the control API, everything else through Prism (proxy mode,
 * which checks it against the spec) to the stateful API. Prism answers an invalid request with a 422 the spec does
 * not declare; the front turns it into the spec's 400, naming each field like the rest of this package does.
 */
import {
  createServer,
  request as httpRequest,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from "node:http";
import type { AddressInfo } from "node:net";
import type { Problem } from "../schema-validator";
import { CONTROL_PREFIX } from "./control-api";
import { type FetchHandler, listen, readBody, sendResponse, toRequest } from "./node-http";
import { badRequest, json } from "./responses";

export async function startFrontServer(options: {
  host: string;
  port: number;
  control: FetchHandler;
  prismUrl: string;
  /** Called with each API request and its body before Prism; `true` when it answered it (see `faults.ts`). */
  intercept?: (incoming: IncomingMessage, outgoing: ServerResponse, body: Buffer) => Promise<boolean>;
}): Promise<{ server: Server; url: string }> {
  const prism = new URL(options.prismUrl);
  const server = createServer(async (incoming, outgoing) => {
    try {
      if ((incoming.url ?? "").startsWith(CONTROL_PREFIX)) {
        const { port } = server.address() as AddressInfo;
        await sendResponse(
          await options.control(await toRequest(incoming, `http://${options.host}:${port}`)),
          outgoing,
        );
      } else {
        await forward(incoming, outgoing, prism, options.intercept);
      }
    } catch (error) {
      console.error("planky sandbox: unexpected error", error);
      if (!outgoing.headersSent)
        await sendResponse(json(502, { message: "The sandbox could not reach Prism" }), outgoing);
      else outgoing.destroy();
    }
  });
  await listen(server, options.host, options.port);
  return { server, url: `http://${options.host}:${(server.address() as AddressInfo).port}` };
}

async function forward(
  incoming: IncomingMessage,
  outgoing: ServerResponse,
  prism: URL,
  intercept?: (incoming: IncomingMessage, outgoing: ServerResponse, body: Buffer) => Promise<boolean>,
): Promise<void> {
  const body = await readBody(incoming);
  if (await intercept?.(incoming, outgoing, body)) return;
  const upstream = await new Promise<IncomingMessage>((resolve, reject) => {
    const request = httpRequest(
      {
        host: prism.hostname,
        port: prism.port,
        method: incoming.method,
        path: incoming.url,
        headers: incoming.headers,
      },
      resolve,
    );
    request.once("error", reject);
    request.end(body);
  });
  const type = String(upstream.headers["content-type"] ?? "");
  if (upstream.statusCode === 422 && type.startsWith("application/problem+json")) {
    const problem = JSON.parse(String(await readBody(upstream))) as PrismProblem;
    if (problem.type?.endsWith("#UNPROCESSABLE_ENTITY")) {
      await sendResponse(invalidRequest(incoming.url ?? "/", problem), outgoing);
      return;
    }
    await sendResponse(json(422, problem), outgoing);
    return;
  }
  outgoing.writeHead(upstream.statusCode ?? 502, upstream.headers);
  upstream.pipe(outgoing);
}

interface PrismProblem {
  type?: string;
  detail?: string;
  validation?: { location?: string[]; message?: string }[];
}

/**
 * Prism's violations as the spec's `400`: `{ message, errors }` (the token endpoint's `400` is an OAuth2 error, so
 * there it is `{ error: "invalid_request", error_description, errors }`). `sl-violations` carries Prism's own list,
 * as `prism mock` sends it.
 */
function invalidRequest(path: string, problem: PrismProblem): Response {
  const problems: Problem[] = (problem.validation ?? []).map((v) => {
    const [where = "body", ...rest] = v.location ?? [];
    const field = /property '([^']+)'/.exec(v.message ?? "")?.[1];
    return {
      in: (["body", "query", "path", "header"].includes(where) ? where : "body") as Problem["in"],
      field: [...rest, ...(field && !rest.includes(field) ? [field] : [])].join("."),
      problem: v.message ?? "is invalid",
    };
  });
  const base = badRequest(problems);
  const headers = { "sl-violations": JSON.stringify(problem.validation ?? []) };
  if (path.startsWith("/oauth/")) {
    const description = problems.map((p) => `${p.in} ${p.field} ${p.problem}`).join("; ");
    return json(400, { error: "invalid_request", error_description: description, errors: problems }, headers);
  }
  base.headers.set("sl-violations", headers["sl-violations"]);
  return base;
}
