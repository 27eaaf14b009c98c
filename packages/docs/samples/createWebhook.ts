import { createPlankyClient } from "@planky-kit/client";

const planky = createPlankyClient({
  clientId: process.env.PLANKY_CLIENT_ID,
  clientSecret: process.env.PLANKY_CLIENT_SECRET,
  baseUrl: process.env.PLANKY_BASE_URL ?? "http://127.0.0.1:4010", // test-only
});

// No event-type filter: so (our inference) one URL
// receives every webhook type.
const webhook = await planky.webhooks.create({
  url: "https://app.example.com/planky/webhooks/3f9c1e7a",
  comment: "Production receiver",
});
console.log(webhook.id);
