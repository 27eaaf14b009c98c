/** Helpers for the sandbox tests: a webhook receiver on 127.0.0.1, and the sandbox's handlers without Prism. */
import { once } from "node:events";
import { readdirSync } from "node:fs";
import { createServer, request as httpRequest, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { deref, jsonMedia, operations } from "../../src/operations";
import { handleApiRequest } from "../../src/sandbox/api/planky-api";
import { handleControlRequest } from "../../src/sandbox/control/control-api";
import { SandboxContext } from "../../src/sandbox/state/context";
import { StateStore } from "../../src/sandbox/state/state-file";
import { validateAgainst } from "../../src/schema-validator";
import type { Schema } from "../../src/spec-document";

export interface Receiver {
  url: string;
  /** Raw bodies received, in order. */
  bodies: string[];
  /** The status the receiver answers with (default 200). */
  status: number;
  /** Resolves with the next body received. */
  next(): Promise<string>;
  stop(): Promise<void>;
}

export async function startReceiver(): Promise<Receiver> {
  const waiting: ((body: string) => void)[] = [];
  const receiver: Receiver = {
    url: "",
    bodies: [],
    status: 200,
    next: () => new Promise((resolve) => waiting.push(resolve)),
    stop: () => new Promise((resolve) => server.close(() => resolve())),
  };
  const server: Server = createServer(async (request, response) => {
    let body = "";
    for await (const chunk of request) body += chunk;
    receiver.bodies.push(body);
    response.writeHead(receiver.status).end();
    waiting.shift()?.(body);
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  receiver.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/planky-webhooks`;
  return receiver;
}

/** The sandbox's API and control API as plain functions, sharing one in-memory (or file) state. No Prism. */
export async function sandboxCore(options: { stateFile?: string; clientId?: string; clientSecret?: string } = {}) {
  const store = await StateStore.open(options.stateFile);
  const context = new SandboxContext(store, options, "http://sandbox.test");
  const call = async (method: string, path: string, init: { body?: unknown; auth?: string } = {}) => {
    const request = new Request(`http://sandbox.test${path}`, {
      method,
      headers: {
        ...(init.body === undefined ? {} : { "content-type": "application/json" }),
        ...(init.auth ? { authorization: init.auth } : {}),
      },
      ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
    });
    const response = path.startsWith("/_sandbox/")
      ? await handleControlRequest(context, request)
      : await handleApiRequest(context, request);
    const text = await response.text();
    const body = text ? JSON.parse(text) : undefined;
    if (!path.startsWith("/_sandbox/")) expectDeclaredAnswer(method, path, response.status, body);
    return { status: response.status, body };
  };
  const accessToken = async () => {
    const { body } = await call("POST", "/oauth/v2/token", {
      body: {
        client_id: options.clientId ?? "id",
        client_secret: options.clientSecret ?? "s",
        grant_type: "client_credentials",
      },
    });
    return `Bearer ${body.access_token}`;
  };
  return { context, store, call, accessToken };
}

/**
 * Without Prism in front, the tests check what Prism would: the operation declares this status, and the body
 * matches the schema declared for it. Throws naming the problems otherwise.
 */
function expectDeclaredAnswer(method: string, path: string, status: number, body: unknown): void {
  const pathname = new URL(path, "http://x").pathname;
  const op = operations.find(
    (o) => o.method === method && new RegExp(`^${o.path.replace(/\{[^}]+\}/g, "[^/]+")}$`).test(pathname),
  );
  if (!op) throw new Error(`${method} ${pathname} is not an operation of the spec`);
  const declared = op.responses[String(status)];
  if (!declared) throw new Error(`${op.id} does not declare status ${status}`);
  const schema = jsonMedia(declared)?.schema;
  if (!schema) return;
  const problems = validateAgainst(deref<Schema>(schema as Schema), body, "body");
  if (problems.length > 0) throw new Error(`${op.id} ${status} breaks the spec: ${JSON.stringify(problems)}`);
}

export interface RawAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/**
 * One request over a fresh connection (no pooling, so nothing stays open afterwards), body sent as given: what a
 * buggy client would send, which `fetch` would refuse to (a malformed escape, invalid UTF-8, TRACE).
 */
export function rawRequest(
  base: string,
  method: string,
  path: string,
  { headers = {}, body }: { headers?: Record<string, string>; body?: string | Buffer } = {},
): Promise<RawAnswer> {
  const url = new URL(base);
  return new Promise((resolve, reject) => {
    const outgoing = httpRequest(
      { host: url.hostname, port: url.port, method, path, headers, agent: false },
      (incoming) => {
        let text = "";
        incoming.setEncoding("utf8");
        incoming.on("data", (chunk: string) => {
          text += chunk;
        });
        incoming.once("end", () =>
          resolve({ status: incoming.statusCode ?? 0, headers: incoming.headers, body: text }),
        );
        incoming.once("error", reject);
      },
    );
    outgoing.once("error", reject);
    outgoing.end(body);
  });
}

/** Open file descriptors of a process (Linux), e.g. to see that sockets are not leaking. */
export function openFileDescriptors(pid: number | "self" = "self"): number {
  return readdirSync(`/proc/${pid}/fd`).length;
}
