// A webhook receiver with Node's http module (any framework
// works the same way: parse the raw body, answer fast).
import { createServer } from "node:http";
import { parseWebhook, WebhookParseError } from "@planky-kit/client";

const server = createServer(async (request, response) => {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk);
  try {
    const webhook = parseWebhook(Buffer.concat(chunks));
    response.writeHead(200).end();
    // Planky signs nothing: treat the webhook as a hint and
    // read the data back through the authenticated API.
    // Ids are numbers here, strings in the REST API.
    const customerId = String(webhook.customer_id);
    console.log(webhook.webhook_type, customerId);
  } catch (error) {
    // Not JSON, an unknown webhook_type or a missing field.
    if (!(error instanceof WebhookParseError)) throw error;
    response.writeHead(400).end(error.message);
  }
});
server.listen(Number(process.env.PORT ?? 3000));

export { server }; // test-only
