/**
 * The root README's browser snippet ("In the browser", under "Using the client") runs as printed against the mock
 * (only its base URL is pointed at this test's Prism), with `/api/planky-token` answered as the page's server would.
 */
import { afterAll, beforeAll, expect, test, vi } from "vitest";
import { startPrism } from "../../mock/src/prism-launcher.mjs";
import { CLIENT_README, ROOT_README, readmeSnippet } from "./support/readme-snippet";

const PAGE_TOKEN = "token-from-your-server";

let prism: Awaited<ReturnType<typeof startPrism>>;
beforeAll(async () => {
  prism = await startPrism();
});
afterAll(async () => {
  vi.restoreAllMocks();
  await prism?.stop();
});

test.each([
  ["the root README's 'In the browser'", ROOT_README, "**In the browser**"],
  ["the client's npm README", CLIENT_README, "## In the browser"],
])(
  "%s lists the banks and reads the consent at the connected one, with the customer token only",
  async (_name, readmeUrl, marker) => {
    vi.restoreAllMocks();
    const name = `readme-in-the-browser-${readmeUrl === ROOT_README ? "root" : "client"}.ts`;
    const { snippet, file } = await readmeSnippet(marker, name, prism.url, readmeUrl);
    expect(snippet).toContain('from "@planky-kit/client/webflow"');
    expect(snippet).not.toMatch(/client_?secret/i);

    const exchanges: string[] = [];
    const realFetch = globalThis.fetch;
    vi.spyOn(globalThis, "fetch").mockImplementation(async (input, init) => {
      // The page's own server, which a browser reaches by a page-relative URL.
      if (input === "/api/planky-token" && init?.method === "POST") return new Response(PAGE_TOKEN);
      const request = new Request(input, init);
      const response = await realFetch(request);
      const auth = request.headers.get("authorization");
      exchanges.push(`${response.status} ${request.method} ${new URL(request.url).pathname} (${auth})`);
      return response;
    });
    const logged: string[] = [];
    vi.spyOn(console, "log").mockImplementation((...args: unknown[]) => {
      logged.push(args.map(String).join(" "));
    });

    await import(file.href);

    expect(exchanges).toEqual([
      `200 GET /public/v3/webflow/banks (AppUserToken ${PAGE_TOKEN})`,
      // The mock's bank list connects barclays only.
      `200 GET /public/v3/webflow/banks/barclays/consent/status (AppUserToken ${PAGE_TOKEN})`,
    ]);
    expect(logged).toEqual(["barclays AwaitingAuthorisation"]);
  },
);
