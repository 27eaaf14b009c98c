/** Starts the sandbox (control API + Prism proxy + stateful API, one origin) or the static Prism mock. */
import type { Server } from "node:http";
import { type SandboxBehaviour, SandboxContext } from "./context";
import { handleControlRequest } from "./control-api";
import { applyFault } from "./faults";
import { startFrontServer } from "./front-server";
import { close, type FetchHandler, serveFetchHandler } from "./node-http";
import { handleApiRequest } from "./planky-api";
import { type PrismProcess, startPrism } from "./prism";
import { StateStore } from "./state-file";

export interface SandboxOptions extends SandboxBehaviour {
  /** Interface to listen on. Default `127.0.0.1`. */
  host?: string;
  /** Port of the public origin. Default: a free port (see `url`). */
  port?: number;
  /** Keep the state in this JSON file (read at start, written after every change). Default: memory only. */
  stateFile?: string;
  /** Receives Prism's log lines (by default they are dropped). */
  log?: (line: string) => void;
}

export interface RunningSandbox {
  /** The origin to use as the client's `baseUrl`, e.g. `http://127.0.0.1:4010`. */
  url: string;
  stop(): Promise<void>;
}

/** The sandbox: every `/public/v3` and `/oauth` call goes through Prism (`proxy --errors`) to the stateful API. */
export function startSandbox(options: SandboxOptions = {}): Promise<RunningSandbox> {
  return launchSandbox(options, (api) => api);
}

/** `startSandbox`, with a hook for this package's own tests to change the API behind Prism (e.g. break an answer). */
export async function launchSandbox(
  options: SandboxOptions,
  wrapApi: (api: FetchHandler) => FetchHandler,
): Promise<RunningSandbox> {
  const host = options.host ?? "127.0.0.1";
  const store = await StateStore.open(options.stateFile);
  const context = new SandboxContext(store, { clientId: options.clientId, clientSecret: options.clientSecret }, "");
  const started: { servers: Server[]; prism?: PrismProcess } = { servers: [] };
  const stop = async () => {
    await Promise.all(started.servers.map(close));
    await started.prism?.stop();
  };
  try {
    const api = await serveFetchHandler(
      wrapApi((request) => handleApiRequest(context, request)),
      { host: "127.0.0.1" },
    );
    started.servers.push(api.server);
    started.prism = await startPrism({ mode: "proxy", upstream: api.url }, { log: options.log });
    const front = await startFrontServer({
      host,
      port: options.port ?? 0,
      control: (request) => handleControlRequest(context, request),
      prismUrl: started.prism.url,
      intercept: (incoming, outgoing, body) => applyFault(context, incoming, outgoing, body),
    });
    started.servers.push(front.server);
    context.publicUrl = front.url;
    return { url: front.url, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** Today's static mock: Prism answering the bundled spec's examples, no state. */
export async function startStaticMock(
  options: Pick<SandboxOptions, "host" | "port" | "log"> = {},
): Promise<RunningSandbox> {
  const prism = await startPrism({ mode: "mock" }, options);
  return { url: prism.url, stop: () => prism.stop() };
}
