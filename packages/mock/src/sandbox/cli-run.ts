/** The `planky-mock` command: parses its arguments, starts the sandbox or the static mock, stops on Ctrl+C. */
import { createServer } from "node:net";
import { parseArgs } from "node:util";
import { type RunningSandbox, startSandbox, startStaticMock } from "./start";

export const USAGE = `Usage: planky-mock serve [options]

Serves Planky's API locally, checked against the spec bundled in @planky-kit/mock.

Options:
  --port <n>            port to listen on (default 4010)
  --host <host>         interface to listen on (default 127.0.0.1)
  --static              Prism's stateless mock of the spec's examples instead of the sandbox
  --state <file.json>   keep the sandbox's state in this file, so it survives a restart (default: memory only)
  --client-id <id>      the token endpoint accepts only this client_id (default: any)
  --client-secret <s>   the token endpoint accepts only this client_secret (default: any)
  --verbose             print Prism's log
  -h, --help            show this help

Prints one line with the URL once the sandbox answers. Control API (sandbox only): GET /_sandbox/health,
POST /_sandbox/consents, POST /_sandbox/webhooks, GET /_sandbox/webhooks/deliveries, POST /_sandbox/reset,
POST|GET|DELETE /_sandbox/faults. Each client id gets its own partition of the state. See the package README.`;

export class CliUsageError extends Error {
  override name = "CliUsageError";
}

export interface ServeArgs {
  port: number;
  host: string;
  static: boolean;
  stateFile?: string;
  clientId?: string;
  clientSecret?: string;
  verbose: boolean;
}

/** `undefined` for `--help`; throws `CliUsageError` naming the bad argument. */
export function parseServeArgs(argv: string[]): ServeArgs | undefined {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(argv);
  } catch (error) {
    throw new CliUsageError(`${error instanceof Error ? error.message : String(error)}\n\n${USAGE}`);
  }
  const { values, positionals } = parsed;
  if (values.help) return undefined;
  if (positionals[0] !== "serve" || positionals.length > 1) {
    throw new CliUsageError(`expected the command "serve", got "${positionals.join(" ")}"\n\n${USAGE}`);
  }
  const port = Number(values.port ?? 4010);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new CliUsageError(`--port must be a port number (0-65535), got "${values.port}"`);
  }
  if (values.static && (values.state || values["client-id"] || values["client-secret"])) {
    throw new CliUsageError("--state, --client-id and --client-secret apply to the sandbox, not to --static");
  }
  return {
    port,
    host: values.host ?? "127.0.0.1",
    static: values.static ?? false,
    verbose: values.verbose ?? false,
    ...(values.state ? { stateFile: values.state } : {}),
    ...(values["client-id"] ? { clientId: values["client-id"] } : {}),
    ...(values["client-secret"] ? { clientSecret: values["client-secret"] } : {}),
  };
}

function parse(argv: string[]) {
  return parseArgs({
    args: argv,
    allowPositionals: true,
    strict: true,
    options: {
      port: { type: "string" },
      host: { type: "string" },
      static: { type: "boolean" },
      state: { type: "string" },
      "client-id": { type: "string" },
      "client-secret": { type: "string" },
      verbose: { type: "boolean" },
      help: { type: "boolean", short: "h" },
    },
  });
}

/**
 * Starts what the arguments ask for and prints exactly one line, with its URL, once it is ready (nothing before it
 * on stdout: with `--verbose`, Prism's log goes to stderr, its start-up lines after the ready line). The returned
 * server runs until `stop()` or a signal; if Prism cannot be kept running, the process exits 1 with the reason.
 */
export async function runCli(argv: string[], { handleSignals = true } = {}): Promise<RunningSandbox | undefined> {
  const args = parseServeArgs(argv);
  if (!args) {
    console.log(USAGE);
    return undefined;
  }
  let ready = false;
  const startupLog: string[] = [];
  const log = args.verbose
    ? (line: string) => {
        if (ready) process.stderr.write(line);
        else startupLog.push(line);
      }
    : undefined;
  let running: RunningSandbox | undefined;
  const onPrismGaveUp = (message: string) => {
    console.error(`planky-mock: stopping, ${message}`);
    void (running?.stop() ?? Promise.resolve()).then(() => process.exit(1));
  };
  const common = { host: args.host, port: args.port, onPrismGaveUp, ...(log ? { log } : {}) };
  // Checked first: with --static, Prism binds the port itself and only says it exited.
  if (args.port !== 0 && (await portInUse(args))) throw new CliUsageError(busyPort(args));
  try {
    running = args.static
      ? await startStaticMock(common)
      : await startSandbox({
          ...common,
          ...(args.stateFile ? { stateFile: args.stateFile } : {}),
          ...(args.clientId ? { clientId: args.clientId } : {}),
          ...(args.clientSecret ? { clientSecret: args.clientSecret } : {}),
        });
  } catch (error) {
    if (error instanceof Error && "code" in error && error.code === "EADDRINUSE")
      throw new CliUsageError(busyPort(args));
    throw error;
  }
  console.log(
    args.static
      ? `Planky static mock (Prism, spec examples): ${running.url}  (ready)`
      : `Planky sandbox (stateful, checked by Prism): ${running.url}  (ready; control API under /_sandbox/, see the @planky-kit/mock README)`,
  );
  ready = true;
  for (const line of startupLog.splice(0)) process.stderr.write(line);
  if (handleSignals) {
    const stopping = running;
    for (const signal of ["SIGINT", "SIGTERM"] as const) {
      process.once(signal, () => {
        void stopping.stop().then(() => process.exit(0));
      });
    }
  }
  return running;
}

/** A busy port is the usual first failure (a second sandbox, `pnpm start`): say so, and how to pick another. */
export function busyPort({ port, host }: Pick<ServeArgs, "port" | "host">): string {
  return (
    `port ${port} on ${host} is in use (another planky-mock or pnpm start?). Stop that, or choose another port: ` +
    `planky-mock serve --port ${port + 1} (--port 0 picks a free one)`
  );
}

/** Whether something already listens on host:port (probed by listening on it for a moment). */
function portInUse({ port, host }: Pick<ServeArgs, "port" | "host">): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.once("error", (error: NodeJS.ErrnoException) => resolve(error.code === "EADDRINUSE"));
    probe.listen(port, host, () => probe.close(() => resolve(false)));
  });
}
