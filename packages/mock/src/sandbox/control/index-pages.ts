/**
 * The two pages a browser opens first: the sandbox's root (`/`, printed by `pnpm start` and `planky-mock serve`)
 * and the control API's root (`/_sandbox/`). Without them both answer 404, which reads as "the sandbox is broken".
 * Each says what the origin is and lists what to call; only GET of exactly these paths is answered here.
 */
import { controlOperations } from "./control-routes";

/** The control API's calls, from its spec (as the @planky-kit/mock README's "Control API" table lists them). */
export const CONTROL_ROUTES: readonly { route: string; does: string }[] = controlOperations.map((operation) => ({
  route: `${operation.method} ${operation.path}`,
  does: operation.summary,
}));

/** The page for `method` and `url` (path and query as received), or `undefined` when it is no index page. */
export function indexPage(method: string | undefined, url: string | undefined): Response | undefined {
  if (method !== "GET" && method !== "HEAD") return undefined;
  const path = (url ?? "/").split("?")[0];
  if (path === "/") return page("Planky sandbox", rootBody());
  if (path === "/_sandbox" || path === "/_sandbox/") return page("Planky sandbox: control API", controlBody());
  return undefined;
}

function rootBody(): string {
  return `<p>A local, stateful stand-in for Planky's open-banking API v3 (<code>@planky-kit/mock</code>), with Prism
checking every request and answer against the spec. It is not the real API.</p>
<p>Use this origin as the client's <code>baseUrl</code>; the API is under <code>/oauth/v2/token</code> and
<code>/public/v3/…</code> (e.g. <code>POST /public/v3/customers</code>, with a Bearer token from
<code>POST /oauth/v2/token</code>).</p>
<p>The <a href="/_sandbox/">control API</a> moves a consent along and sends webhooks. See the
README of <code>@planky-kit/mock</code> (<code>node_modules/@planky-kit/mock/README.md</code>).</p>`;
}

function controlBody(): string {
  const rows = CONTROL_ROUTES.map(({ route, does }) => `<li><code>${route}</code>: ${does}</li>`).join("\n");
  return `<p>Not part of Planky's API: plain JSON over HTTP, never checked by Prism.</p>
<ul>
${rows}
</ul>
<p>Details and bodies: the README of <code>@planky-kit/mock</code>. Back to the <a href="/">sandbox</a>.</p>`;
}

function page(title: string, body: string): Response {
  const html = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${title}</title></head>
<body><h1>${title}</h1>
${body}
</body></html>
`;
  return new Response(html, { headers: { "content-type": "text/html; charset=utf-8" } });
}
