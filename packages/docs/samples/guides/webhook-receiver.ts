// A webhook receiver with Node's http module (any framework
// works the same way: read the raw body, answer fast).
import { createServer } from "node:http";
import { parseWebhook, WebhookParseError } from "@planky-kit/client";

const server = createServer(async (request, response) => {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk);
  // Acknowledge every delivery: Planky does not say what
  // it does with a non-2xx answer (retry? disable?).
  response.writeHead(200).end();
  try {
    const webhook = parseWebhook(Buffer.concat(chunks));
    // Planky documents no signature: treat the webhook as a
    // hint and read the data back through the authenticated API.
    // Ids are numbers here, strings in the REST API.
    const customerId = String(webhook.customer_id);
    console.log(webhook.webhook_type, customerId);
  } catch (error) {
    // Not JSON, a missing field or a webhook_type this
    // version does not know: log it, look at it later.
    if (!(error instanceof WebhookParseError)) throw error;
    console.warn("unrecognised webhook:", error.message);
  }
});
server.listen(Number(process.env.PORT ?? 3000));

export { server }; // test-only
