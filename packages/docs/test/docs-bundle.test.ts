/**
 * What the planky-docs decorators (plugins/planky-docs.mjs) put into the spec the site is built from: the
 * TypeScript sample files and runnable curl commands as x-codeSamples, the overview page, and the mock as first
 * server when `pnpm start` serves the docs. The curl samples are run, as shown, against a Prism mock.
 */
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { startPrism } from "../../mock/src/prism-launcher.mjs";
import { bundleSpec } from "../build-site.mjs";
import { unwrapMarkdown } from "../plugins/planky-docs.mjs";
import { hasSample, isBrowserOperation, operations, SANDBOX_NOTE, shownSample, spec } from "./support/spec";

const exec = promisify(execFile);
const hasCurl = await exec("curl", ["--version"]).then(
  () => true,
  () => false,
);

const hasJq = await exec("jq", ["--version"]).then(
  () => true,
  () => false,
);

let prism: Awaited<ReturnType<typeof startPrism>>;
// biome-ignore lint/suspicious/noExplicitAny: bundled OpenAPI JSON.
let served: any; // as `pnpm start` builds it: with the mock's URL
// biome-ignore lint/suspicious/noExplicitAny: bundled OpenAPI JSON.
let published: any; // as `pnpm build` builds it

beforeAll(async () => {
  prism = await startPrism();
  [served, published] = await Promise.all([bundleSpec({ mockUrl: prism.url }), bundleSpec()]);
});
afterAll(() => prism?.stop());

function operationIn(bundle: typeof served, { path, method }: { path: string; method: string }) {
  return bundle.paths[path][method];
}

test('the title does not repeat the version Redoc appends to it (no "(v3) (3.0.0)")', () => {
  expect(spec.info.title).toBe("Planky Open Banking API (v3)");
  expect(published.info).toMatchObject({ title: "Planky Open Banking API", version: "3.0.0" });
});

test("the overview ends with where its text is as Markdown (llms.txt)", () => {
  expect(published.info.description.trimEnd().split("\n").at(-1)).toMatch(
    /^\*\*As Markdown\*\*.*\[llms\.txt\]\(llms\.txt\)/,
  );
});

test("descriptions are unwrapped: one line per paragraph, so search snippets do not glue words", () => {
  const { description } = published.paths["/public/v3/customers"].post;
  expect(description.split("\n")[0]).toBe(
    "Creates a customer: the person or business whose bank account data you will request. `user_reference` is a " +
      "unique string from your own system (for example a primary key) that identifies the customer; invitations " +
      "are later matched to the customer by this value.",
  );
  // Code blocks keep their lines (the overview's samples are compared line by line elsewhere in this file).
  expect(published.info.description).toContain("```typescript\nimport ");
});

describe("servers", () => {
  test("the published site lists the spec's servers unchanged (production first), minus literal backticks", () => {
    // Redoc shows a server description as plain text: a markdown code span keeps only its text.
    const plain = (text: string | undefined) => text?.replace(/`([^`]*)`/g, "$1");
    expect(published.servers).toEqual(
      spec.servers.map((server: { description?: string }) => ({ ...server, description: plain(server.description) })),
    );
    expect(JSON.stringify(published.servers)).not.toContain("`");
    expect(published.servers[0].url).toBe("https://api.friendlyscore.com");
  });

  test("the site `pnpm start` serves lists the running mock first, then production, and no other loopback URL", () => {
    expect(served.servers.map((server: { url: string }) => server.url)).toEqual([
      prism.url,
      "https://api.friendlyscore.com",
    ]);
  });
});

describe("x-codeSamples", () => {
  test.each(operations)("$operationId: the TypeScript sample is its sample file without the test-only lines", (op) => {
    expect(hasSample(op.operationId), `add packages/docs/samples/${op.operationId}.ts`).toBe(true);
    const [typescript] = operationIn(published, op)["x-codeSamples"];
    expect(typescript).toEqual({ lang: "TypeScript", label: "TypeScript", source: shownSample(op.operationId) });
    // A call your front end makes shows the browser's client; every other call the server's.
    expect(typescript.source).toContain(
      isBrowserOperation(op) ? 'from "@planky-kit/client/webflow"' : 'from "@planky-kit/client"',
    );
    // Copied with the Copy button, it calls the sandbox, and one visible line says what to change for production.
    expect(typescript.source).not.toContain("test-only");
    // In the browser there is no process.env: the sandbox's URL alone.
    const value = isBrowserOperation(op) ? "" : "process.env.PLANKY_BASE_URL ?? ";
    expect(typescript.source.split("\n").filter((line: string) => line.includes("baseUrl:"))).toEqual([
      `  baseUrl: ${value}"http://127.0.0.1:4010", ${SANDBOX_NOTE}`,
    ]);
  });

  test.each(operations)("$operationId: a curl sample against the first server, with its auth header", (op) => {
    const samples = operationIn(published, op)["x-codeSamples"];
    const curl = samples.find((sample: { lang: string }) => sample.lang === "curl");
    expect(curl.source).toMatch(new RegExp(`^curl --request ${op.method.toUpperCase()} \\\\\n`));
    expect(curl.source).toContain("--url 'https://api.friendlyscore.com/");
    const security = operationIn(spec, op).security ?? spec.security;
    if (security.length === 0) expect(curl.source).not.toContain("Authorization");
    else
      expect(curl.source).toMatch(
        /--header "Authorization: (Bearer \$PLANKY_ACCESS_TOKEN|AppUserToken \$PLANKY_CUSTOMER_TOKEN)"/,
      );
  });

  test.skipIf(!hasCurl).each(operations)(
    "$operationId: the curl sample of the served site, run as shown, gets a 2xx from the mock",
    async (op) => {
      const curl = operationIn(served, op)["x-codeSamples"].find((sample: { lang: string }) => sample.lang === "curl");
      // Only output options are added; the request is exactly the sample's.
      const { stdout } = await exec(
        "sh",
        ["-c", `${curl.source} --silent --show-error --write-out '\\n%{http_code}'`],
        {
          env: { ...process.env, PLANKY_ACCESS_TOKEN: "access-token", PLANKY_CUSTOMER_TOKEN: "customer-token" },
        },
      );
      const lines = stdout.trimEnd().split("\n");
      const status = Number(lines.pop());
      expect(status, lines.join("\n")).toBeGreaterThanOrEqual(200);
      expect(status, lines.join("\n")).toBeLessThan(300);
      expect(() => JSON.parse(lines.join("\n"))).not.toThrow();
    },
  );
});

describe("overview page (info.description)", () => {
  const headings = () => [...published.info.description.matchAll(/^## (.+)$/gm)].map((match) => match[1]);

  test("keeps the spec's own introduction and appends the docs sections after it", () => {
    // Its paragraphs unwrapped (one line each; see the test on unwrapped descriptions).
    expect(published.info.description.startsWith(unwrapMarkdown(spec.info.description.trim()))).toBe(true);
    expect(headings()).toEqual([
      "How the pieces fit together",
      "Conventions",
      "Quick start (TypeScript)",
      "Keeping data in sync",
      "What the kit covers",
      "Auth schemes",
      "Front end",
      "Webhook types",
      "Consent status",
      "What Planky does not document",
      "Try it against the local mock",
      "Is the spec still right?",
      "Running many instances",
      "Tracing",
      "Debug output: PLANKY_LOG",
    ]);
  });

  test("the quick start is the tested guides/journey-to-the-data.ts and guides/end-to-end.ts, shown without test-only lines", () => {
    expect(published.info.description).toContain(
      `\`\`\`typescript\n${shownSample("guides/journey-to-the-data")}\n\`\`\``,
    );
    expect(published.info.description).toContain(`\`\`\`typescript\n${shownSample("guides/end-to-end")}\n\`\`\``);
    expect(published.info.description).not.toContain("{{sample:");
  });

  test("the front-end section shows the tested token route (server) and front-end guide (browser), as run", () => {
    const description: string = published.info.description;
    const section = description.slice(description.indexOf("## Front end"), description.indexOf("## Webhook types"));
    for (const guide of [
      "guides/customer-token-route",
      "guides/front-end",
      "createAllowedRedirectUrl",
      "guides/bank-return",
    ]) {
      expect(section).toContain(`\`\`\`typescript\n${shownSample(guide)}\n\`\`\``);
    }
    expect(section).toContain("customers.createToken()");
    expect(section).toContain("createWebflowClient");
  });

  test("names every webhook type, the two auth schemes and the undocumented error body and rate limits", () => {
    const description: string = published.info.description;
    const webhookTypes = [
      "REPORT_AVAILABLE",
      "REPORT_UPDATED",
      "ACCOUNT_AUTHORIZATION_GRANTED",
      "ACCOUNT_AUTHORIZATION_LOST",
      "NEW_EVENT",
      // Webhooks the spec itself declares must be explained here too.
      ...Object.keys(spec.webhooks ?? {}),
    ];
    for (const type of webhookTypes) expect(description).toContain(type);
    expect(description).toContain("Authorization: Bearer {access_token}");
    expect(description).toContain("Authorization: AppUserToken {customer_token}");
    expect(description).toMatch(/\*\*Error bodies\.\*\*/);
    expect(description).toMatch(/\*\*Rate limits\.\*\*/);
  });
});

test.skipIf(!hasCurl || !hasJq)(
  "the overview's shell snippet gets an access token (from the mock) into $PLANKY_ACCESS_TOKEN",
  async () => {
    const snippet = /```sh\n(export PLANKY_ACCESS_TOKEN=[\s\S]*?)\n```/.exec(published.info.description)?.[1];
    expect(snippet, "the overview shows how to get $PLANKY_ACCESS_TOKEN").toBeDefined();
    const { stdout } = await exec("sh", ["-c", `${snippet}\nprintf '%s' "$PLANKY_ACCESS_TOKEN"`], {
      env: {
        ...process.env,
        PLANKY_BASE_URL: prism.url,
        PLANKY_CLIENT_ID: "sample-client-id",
        PLANKY_CLIENT_SECRET: "sample-client-secret",
      },
    });
    expect(stdout).toBe(spec.components.examples.TokenResponse.value.access_token);
  },
);
