/** The connect-bank flow is a sub-entry: a front end that imports only the webflow client does not bundle it. */
import { expect, test } from "vitest";
import { browserBundle } from "../support/browser-bundle";

test("the webflow entry alone holds none of the flow; importing the flow adds it", async () => {
  const webflow = await browserBundle({ source: 'export * from "./webflow";' });
  const both = await browserBundle({ source: 'export * from "./webflow"; export * from "./connect-bank";' });
  expect(webflow).toContain("AppUserToken");
  expect(webflow).not.toContain("planky-kit:connect-bank");
  expect(both).toContain("planky-kit:connect-bank");
});

test("importing the flow alone runs nothing (no module-level side effects, so `sideEffects: false` is true)", async () => {
  expect((await browserBundle({ source: 'import "./connect-bank";' }, { ignoreAnnotations: true })).trim()).toBe("");
  // The check can fail: a module-level call is kept.
  expect(
    await browserBundle(
      { source: 'import "./connect-bank"; export const k = Object.keys({ a: 1 });' },
      { ignoreAnnotations: true },
    ),
  ).toContain("Object.keys");
});
