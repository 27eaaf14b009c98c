/**
 * The bench's HTTP server, run in its own process so it never shares an event loop with the clients. Answers
 * the two calls with the spec's examples (prepared once) and prints its port on stdout.
 */
import { createServer } from "node:http";
import examples from "../generated/examples.json" with { type: "json" };
import { CONSENT_STATUS_PATH, INVITATIONS_PATH } from "./peers/fixtures";

const json = (value: unknown) => Buffer.from(JSON.stringify(value));
const consentStatus = json(examples.consentStatus);
const invitation = json(examples.invitation);
const notFound = json({ message: "Not found" });

const server = createServer((request, response) => {
  const send = (status: number, body: Buffer) => {
    response.writeHead(status, { "content-type": "application/json", "content-length": body.length });
    response.end(body);
  };
  if (request.method === "GET" && request.url === CONSENT_STATUS_PATH) return send(200, consentStatus);
  if (request.method === "POST" && request.url === INVITATIONS_PATH) {
    request.resume(); // read (and drop) the body before answering, as a real server would
    request.on("end", () => send(200, invitation));
    return;
  }
  send(404, notFound);
});
server.keepAliveTimeout = 60_000;
server.listen(0, "127.0.0.1", () => {
  const address = server.address();
  if (address === null || typeof address === "string") throw new Error("server has no port");
  process.stdout.write(`${address.port}\n`);
});
process.on("disconnect", () => server.close(() => process.exit(0)));
