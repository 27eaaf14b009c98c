// Your server: the route your front end asks for a customer
// token. The API keys stay here, never in the browser.
import { createServer, type IncomingMessage } from "node:http";
import { createPlankyClient } from "@planky-kit/client";

const planky = createPlankyClient({
  clientId: process.env.PLANKY_CLIENT_ID,
  clientSecret: process.env.PLANKY_CLIENT_SECRET,
  baseUrl: process.env.PLANKY_BASE_URL ?? "http://127.0.0.1:4010", // test-only
});

// Replace with your session lookup: the Planky customer id
// (from customers.create()) of the signed-in user, so a
// token is only ever issued for the caller's own customer.
async function signedInCustomerId(_request: IncomingMessage): Promise<string> {
  return "1234";
}

const server = createServer(async (request, response) => {
  if (request.method !== "POST" || request.url !== "/api/planky-token") {
    response.writeHead(404).end();
    return;
  }
  try {
    const customerId = await signedInCustomerId(request);
    const { token } = await planky.customers.createToken({ customerId });
    response.writeHead(200, { "content-type": "text/plain", "cache-control": "no-store" }).end(token);
  } catch (error) {
    // The client's errors never contain a token or secret.
    console.error("customer token:", error);
    response.writeHead(502).end();
  }
});
server.listen(Number(process.env.PORT ?? 3000));

export { server }; // test-only
