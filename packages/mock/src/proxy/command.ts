/** `planky-mock proxy --upstream URL [--port N] [--host H] [--strict]`: the validating proxy until Ctrl+C. */
import { parseArgs } from "node:util";
import { startValidatingProxy } from "./validating-proxy";

export const PROXY_USAGE = `Usage: planky-mock proxy --upstream <url> [options]

Forwards every request to <url> and checks every answer against the spec bundled in @planky-kit/mock. Each
violation is printed as one line (operationId, status, where, what: never a header or a data value) and listed at
GET /_proxy/violations. Answers pass through unchanged unless --strict. Refused before the upstream: a path with a
malformed percent-escape (400) and a body over 1 MB (413); an upstream silent for 30 s is a 504.

Options:
  --upstream <url>   the API to forward to, e.g. https://api.friendlyscore.com
  --port <n>         port to listen on (default 4011)
  --host <host>      interface to listen on (default 127.0.0.1)
  --strict           answer a violating exchange with a 502 naming the violations instead of passing it through
  -h, --help         show this help`;

export async function proxyCommand(argv: string[]): Promise<void> {
  let values: ReturnType<typeof parse>["values"];
  try {
    values = parse(argv).values;
  } catch (error) {
    throw new Error(`${error instanceof Error ? error.message : String(error)}\n\n${PROXY_USAGE}`);
  }
  if (values.help) {
    console.log(PROXY_USAGE);
    return;
  }
  if (!values.upstream || !/^https?:\/\/[^/]/.test(values.upstream) || !URL.canParse(values.upstream)) {
    throw new Error(`--upstream must be an http(s) URL\n\n${PROXY_USAGE}`);
  }
  const port = Number(values.port ?? 4011);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`--port must be a port number (0-65535), got "${values.port}"`);
  }
  const proxy = await startValidatingProxy({
    upstream: values.upstream,
    port,
    host: values.host ?? "127.0.0.1",
    strict: values.strict === true,
  });
  console.log(
    `Validating proxy: ${proxy.url} -> ${new URL(values.upstream).origin}${values.strict ? " (strict)" : ""}`,
  );
  console.log(`Violations: GET ${proxy.url}/_proxy/violations`);
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.once(signal, () => {
      void proxy.stop().then(() => process.exit(0));
    });
  }
}

function parse(argv: string[]) {
  return parseArgs({
    args: argv,
    strict: true,
    options: {
      upstream: { type: "string" },
      port: { type: "string" },
      host: { type: "string" },
      strict: { type: "boolean" },
      help: { type: "boolean", short: "h" },
    },
  });
}
