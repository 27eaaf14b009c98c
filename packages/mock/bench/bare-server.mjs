/**
 * The floor for the sandbox benchmark: a bare `node:http` server answering the same JSON as the sandbox for the two
 * benchmarked calls (it reads and parses the request body, as the sandbox must). `node bare-server.mjs <port>`.
 */
import { createServer } from "node:http";

const status = JSON.stringify({
  consent_id: "sandbox-consent-1004",
  creation_date_time: 1764720000,
  status: "Authorised",
  status_update_date_time: 1764720000,
  permissions: ["ReadAccountsBasic", "ReadAccountsDetail", "ReadBalances"],
  expiration_date_time: null,
  transaction_from_date_time: 1607040000,
  transaction_to_date_time: 1772496000,
});
let nextId = 1001;
const server = createServer((request, response) => {
  let body = "";
  request.on("data", (chunk) => {
    body += chunk;
  });
  request.on("end", () => {
    const answer = request.method === "POST" ? JSON.stringify({ id: String(nextId++), ...JSON.parse(body) }) : status;
    response.writeHead(200, { "content-type": "application/json", "content-length": Buffer.byteLength(answer) });
    response.end(answer);
  });
});
server.listen(Number(process.argv[2] ?? 0), "127.0.0.1", () => {
  process.stdout.write(`listening http://127.0.0.1:${server.address().port}\n`);
});
