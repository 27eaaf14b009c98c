import { createPlankyClient } from "@planky-kit/client";

const planky = createPlankyClient({
  clientId: process.env.PLANKY_CLIENT_ID,
  clientSecret: process.env.PLANKY_CLIENT_SECRET,
  baseUrl: process.env.PLANKY_BASE_URL ?? "http://127.0.0.1:4010", // test-only
});

// Server side, once per URL, before any bank flow uses it:
// Planky only sends customers back to registered URLs.
const registered = await planky.allowedRedirectUrls.create({
  url: "https://app.example.com/planky/return",
  comment: "Return page after the bank",
});
console.log(registered.allowed_redirect_url_id);
