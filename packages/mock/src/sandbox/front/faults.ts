/**
 * Faults on demand (`POST /_sandbox/faults`): the next `times` calls of one operation, by one client id's
 * credentials or anyone's, are answered with a status the spec declares for it, slowly, or by dropping the
 * connection; then normal answers resume. They are applied by the front server before Prism: in proxy mode Prism
 * turns an upstream 429 without a JSON body, or a dropped upstream connection, into its own 500, so a fault that
 * must reach the client as it was asked for cannot come from behind Prism. The answer's body is the spec's example
 * for that status (or the given body, checked against the status's schema), so it still fits the spec.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { setTimeout as sleep } from "node:timers/promises";
import type { OperationId } from "../../generated/spec";
import { isRecord } from "../../is-record";
import { resolveReply } from "../../reply";
import { partitionOfBearer, partitionOfCustomerToken } from "../api/planky-api";
import { corsHeaders } from "../http/cors";
import type { SandboxContext } from "../state/context";
import { apiOperationOf, type FrontMatch } from "./front-routes";

/**
 * The front server's hook, called with each API request (and its body) before it goes to Prism: applies the fault
 * armed for it, if any. `true` when the fault answered (or dropped) the request; `false` to forward it as usual
 * (after the fault's delay, when that is all it asks).
 */
export async function applyFault(
  context: SandboxContext,
  incoming: IncomingMessage,
  outgoing: ServerResponse,
  body: Buffer,
  match: FrontMatch | undefined,
): Promise<boolean> {
  const operation = apiOperationOf(match)?.operation;
  if (!operation) return false;
  const fault = context.faults.take(operation.id, clientIdOf(context, operation.id, incoming, body));
  if (!fault) return false;
  if (fault.delay_ms) await sleep(fault.delay_ms);
  if (fault.drop_connection) {
    incoming.socket.destroy();
    return true;
  }
  if (fault.status === undefined) return false;
  // The fault was armed for this operation (`take` found it by the operation's id).
  const reply = resolveReply(operation, { status: fault.status, body: fault.body });
  const text = reply.body && "json" in reply.body ? JSON.stringify(reply.body.json) : "";
  outgoing.writeHead(fault.status, {
    ...corsHeaders(incoming),
    ...(text ? { "content-type": "application/json" } : {}),
    "content-length": String(Buffer.byteLength(text)),
    ...fault.headers,
  });
  outgoing.end(text);
  return true;
}

/** The client id of the request's credentials (the token endpoint: the body's `client_id`). */
function clientIdOf(
  context: SandboxContext,
  operation: OperationId,
  incoming: IncomingMessage,
  body: Buffer,
): string | undefined {
  const headers = new Headers();
  if (incoming.headers.authorization) headers.set("authorization", incoming.headers.authorization);
  if (operation === "createAccessToken") {
    try {
      const parsed: unknown = JSON.parse(body.toString("utf8"));
      const clientId = isRecord(parsed) ? parsed.client_id : undefined;
      return typeof clientId === "string" ? clientId : undefined;
    } catch {
      return undefined;
    }
  }
  return (partitionOfBearer(context, headers) ?? partitionOfCustomerToken(context, headers)?.partition)?.clientId;
}
