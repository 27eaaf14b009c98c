/**
 * When the cached access token is refreshed, by the clock, through the public client: a background refresh starts
 * exactly 5 minutes before the token stops being used (30 s before `expires_in` runs out), not a moment later.
 */
import { afterEach, expect, test, vi } from "vitest";
import { CUSTOMER, issueTokens, json, stubClient } from "./stub-fetch";

const T0 = Date.UTC(2026, 0, 1);
const EXPIRES_IN_S = 3600;
const USED_UNTIL = T0 + EXPIRES_IN_S * 1000 - 30_000;
const REFRESH_FROM = USED_UNTIL - 5 * 60_000;

afterEach(() => {
  vi.useRealTimers();
});

test("no refresh a millisecond before the window; a background refresh at its first millisecond", async () => {
  vi.useFakeTimers({ toFake: ["Date"], now: T0 });
  const s = stubClient({ api: () => json(CUSTOMER), token: issueTokens(EXPIRES_IN_S) });
  const create = () => s.client.customers.create({ user_reference: "u" });

  await create();
  vi.setSystemTime(REFRESH_FROM - 1);
  await create();
  expect(s.tokenRequests()).toHaveLength(1);

  vi.setSystemTime(REFRESH_FROM);
  await create();
  await vi.waitFor(() => expect(s.tokenRequests()).toHaveLength(2));
  // The call in the window did not wait for the refresh: it used the current token.
  expect(s.api().map((r) => r.authorization)).toEqual(["Bearer token-1", "Bearer token-1", "Bearer token-1"]);
  await new Promise((resolve) => setTimeout(resolve, 20)); // the background refresh lands
  await create();
  expect(s.api().at(-1)?.authorization).toBe("Bearer token-2");
});
