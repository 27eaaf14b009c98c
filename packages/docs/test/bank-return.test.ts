/**
 * The Front end section's return-from-the-bank page (samples/guides/bank-return.ts), offline: an Error return shows
 * Planky's message, a forged state is turned away, a missing parameter is an error naming it. (samples.test.ts runs
 * the page's successful return against the mock, with the customer token of its server.)
 */
import { afterAll, beforeAll, expect, test, vi } from "vitest";
import { sampleFile } from "./support/spec";

const back = (params: Record<string, string>) =>
  `https://app.example.com/planky/return?${new URLSearchParams({
    customer_id: "1001",
    consent_id: "consent-7",
    state: "8d3f2a",
    bank_slug: "barclays",
    ...params,
  })}`;

let onReturnFromBank: (url: string, state: string) => Promise<string>;
const logged: string[] = [];

beforeAll(async () => {
  // The page itself runs once on import: here as a return with an Error status, which needs no network.
  vi.stubGlobal("location", new URL(back({ status: "Error", message: "Cancelled" })));
  vi.stubGlobal("sessionStorage", { getItem: () => "8d3f2a" });
  vi.spyOn(console, "log").mockImplementation((...args: unknown[]) => {
    logged.push(args.map(String).join(" "));
  });
  ({ onReturnFromBank } = await import(sampleFile("guides/bank-return")));
});
afterAll(() => {
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

test("the page reads its own URL: an Error return shows Planky's message", () => {
  expect(logged).toEqual(["the bank flow failed: Cancelled"]);
});

test("a return with another state is turned away before anything is read or fetched", async () => {
  const fetch = vi.spyOn(globalThis, "fetch");
  expect(await onReturnFromBank(back({ status: "Success", state: "forged" }), "8d3f2a")).toBe(
    "not a return we started",
  );
  expect(fetch).not.toHaveBeenCalled();
});

test("a return without a bank_slug is an error naming the field, not a silent pass", async () => {
  const url = back({ status: "Success" }).replace("&bank_slug=barclays", "");
  await expect(onReturnFromBank(url, "8d3f2a")).rejects.toMatchObject({ field: "bank_slug" });
});
