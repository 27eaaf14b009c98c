/**
 * The root README's "Using the client" snippet is the first code a newcomer copies: it must run as printed against
 * the mock (only its base URL is pointed at this test's Prism) and make the calls of the documented flow, in order.
 */
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { startPrism } from "@planky-kit/spec/prism";
import { afterAll, beforeAll, expect, test, vi } from "vitest";

const readmeUrl = new URL("../../../README.md", import.meta.url);
const scratch = new URL("../test-artifacts/", import.meta.url);

let prism: Awaited<ReturnType<typeof startPrism>>;
beforeAll(async () => {
  prism = await startPrism();
});
afterAll(async () => {
  vi.restoreAllMocks();
  await prism?.stop();
});

test("README 'Using the client' runs against the mock: customer → invitation → banks → consent at each bank", async () => {
  const readme = await readFile(readmeUrl, "utf8");
  const section = readme.slice(readme.indexOf("## Using the client"));
  const snippet = /```ts\n([\s\S]*?)\n```/.exec(section)?.[1] ?? "";
  expect(snippet).toContain('baseUrl: "http://127.0.0.1:4010"');
  await mkdir(scratch, { recursive: true });
  const file = new URL("readme-using-the-client.ts", scratch);
  await writeFile(file, `${snippet.replace('"http://127.0.0.1:4010"', JSON.stringify(prism.url))}\nexport {};\n`);

  const exchanges: string[] = [];
  const realFetch = globalThis.fetch;
  vi.spyOn(globalThis, "fetch").mockImplementation(async (input, init) => {
    const request = new Request(input, init);
    const response = await realFetch(request);
    exchanges.push(`${response.status} ${request.method} ${new URL(request.url).pathname}`);
    return response;
  });
  const logged: string[] = [];
  vi.spyOn(console, "log").mockImplementation((...args: unknown[]) => {
    logged.push(args.map(String).join(" "));
  });

  await import(file.href);

  expect(exchanges).toEqual([
    "200 POST /oauth/v2/token",
    "200 POST /public/v3/customers",
    "200 POST /public/v3/invitations",
    "200 GET /public/v3/customers/1234/banks",
    "200 GET /public/v3/customers/1234/bank/barclays/consent/account",
    // The mock is stateless: it answers its first example for every bank.
    "200 GET /public/v3/customers/1234/bank/hsbc/consent/account",
  ]);
  expect(logged).toEqual(["barclays Authorised", "hsbc Authorised"]);
});
