/** The sandbox's control API (not Planky's): what the customer, the bank and Planky's webhook sender do in a test. */
import { expect } from "vitest";

/** A GET (no body) or POST to `/_sandbox/<path>` of the sandbox at `sandboxUrl`; any answer but 200 fails the test. */
export async function callControl(sandboxUrl: string, path: string, body?: unknown) {
  const response = await fetch(`${sandboxUrl}/_sandbox/${path}`, {
    method: body === undefined ? "GET" : "POST",
    headers: { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  expect(response.status, path).toBe(200);
  return response.json();
}
