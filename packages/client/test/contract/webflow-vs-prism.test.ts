/**
 * Contract tests for the front end's client: `createWebflowClient` against a Prism mock of the spec, with nothing
 * but a customer token. Every webflow operation, its `AppUserToken` header and a declared error.
 */

import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { startPrism } from "../../../mock/src/prism-launcher.mjs";
import { AuthenticationError, createWebflowClient, NotFoundError, type WebflowClient } from "../../src/webflow";
import { example } from "../support/spec";

let prism: Awaited<ReturnType<typeof startPrism>>;
let webflow: WebflowClient;
const sent: Request[] = [];
const { token } = example<{ token: string }>("CustomerTokenResponse");

beforeAll(async () => {
  prism = await startPrism();
  webflow = createWebflowClient({
    customerToken: token,
    baseUrl: prism.url,
    fetch: (request) => {
      sent.push(request.clone());
      return fetch(request);
    },
  });
});
afterAll(() => prism?.stop());

const noRetry = { maxRetries: 0 };

describe("the webflow client, as a front end calls it", () => {
  test("banks.list() resolves with the spec's bank list", async () => {
    await expect(webflow.banks.list()).resolves.toEqual(example("WebflowBanks"));
  });

  test("consents.getStatus() resolves with the docs' example", async () => {
    await expect(webflow.consents.getStatus({ bankSlug: "barclays" })).resolves.toEqual(
      example("AwaitingAuthorisationFromDocs"),
    );
  });

  test("consents.createScreen() posts the data-sharing details and resolves with the consent screen", async () => {
    const details = example<object>("DataSharingWithThirdParty");
    await expect(webflow.consents.createScreen({ bankSlug: "barclays", ...details })).resolves.toEqual(
      example("ConsentScreen"),
    );
    expect(await sent.at(-1)?.json()).toEqual(details);
  });

  test("consents.createBankFlowUrl() sends ?url= and resolves with the bank flow URL", async () => {
    const url = "https://app.example.com/planky/return";
    await expect(webflow.consents.createBankFlowUrl({ bankSlug: "barclays", url })).resolves.toEqual(
      example("BankFlowUrl"),
    );
    expect(new URL(sent.at(-1)?.url ?? "").searchParams.get("url")).toBe(url);
  });

  test("consents.delete() resolves with the spec's status", async () => {
    await expect(webflow.consents.delete({ bankSlug: "barclays" })).resolves.toEqual(example("ConsentDeleted"));
  });

  test("every request carried the customer token as AppUserToken, and no token request was made", () => {
    expect(sent.length).toBeGreaterThanOrEqual(5);
    expect(sent.every((r) => r.headers.get("authorization") === `AppUserToken ${token}`)).toBe(true);
    expect(sent.some((r) => new URL(r.url).pathname.includes("oauth"))).toBe(false);
  });

  test("declared errors are typed: 401 and 404", async () => {
    const prefer = (status: number) => ({ ...noRetry, headers: { Prefer: `code=${status}` } });
    await expect(webflow.consents.getStatus({ bankSlug: "barclays" }, prefer(401))).rejects.toBeInstanceOf(
      AuthenticationError,
    );
    await expect(webflow.consents.delete({ bankSlug: "barclays" }, prefer(404))).rejects.toBeInstanceOf(NotFoundError);
  });
});
