/** Starts the sandbox (control API + Prism proxy + stateful API, one origin) or the static Prism mock. */
import type { Server } from "node:http";
import { handleApiRequest } from "./api/planky-api";
import { handleControlRequest } from "./control/control-api";
import { applyFault } from "./front/faults";
import { startFrontServer } from "./front/front-server";
import { waitUntilHealthy } from "./front/health";
import { close, type FetchHandler, serveFetchHandler } from "./http/node-http";
import { SupervisedPrism } from "./prism/prism-supervisor";
import { type SandboxBehaviour, SandboxContext } from "./state/context";
import { StateStore } from "./state/state-file";

export interface SandboxOptions extends SandboxBehaviour {
  /** Interface to listen on. Default `127.0.0.1`. */
  host?: string;
  /** Port of the public origin. Default: a free port (see `url`). */
  port?: number;
  /** Keep the state in this JSON file (read at start, written after every change). Default: memory only. */
  stateFile?: string;
  /** Receives Prism's log lines (by default they are dropped). */
  log?: (line: string) => void;
  /**
   * Called if Prism keeps exiting and the sandbox gives up restarting it (from then on every API call is a 503
   * naming why). The CLI exits with this message. Default: the message is only logged.
   */
  onPrismGaveUp?: (message: string) => void;
}

export interface RunningSandbox {
  /** The origin to use as the client's `baseUrl`, e.g. `http://127.0.0.1:4010`. */
  url: string;
  stop(): Promise<void>;
}

/**
 * The sandbox: every `/public/v3` and `/oauth` call goes through Prism (`proxy --errors`) to the stateful API.
 * Resolves once it is ready, i.e. `GET /_sandbox/health` answers 200.
 */
export async function startSandbox(options: SandboxOptions = {}): Promise<RunningSandbox> {
  const { url, stop } = await launchSandbox(options, (api) => api);
  return { url, stop };
}

/** What this package's own tests look at besides `url` and `stop()`. */
export interface SandboxInternals extends RunningSandbox {
  prism: SupervisedPrism;
}

/** `startSandbox`, with a hook for this package's own tests to change the API behind Prism (e.g. break an answer). */
export async function launchSandbox(
  options: SandboxOptions,
  wrapApi: (api: FetchHandler) => FetchHandler,
  timeouts: { apiAnswerMs?: number; prismAnswerMs?: number; maxPrismRestarts?: number } = {},
): Promise<SandboxInternals> {
  const host = options.host ?? "127.0.0.1";
  const store = await StateStore.open(options.stateFile);
  const context = new SandboxContext(store, { clientId: options.clientId, clientSecret: options.clientSecret }, "");
  const started: { servers: Server[]; prism?: SupervisedPrism } = { servers: [] };
  const stop = async () => {
    await Promise.all(started.servers.map(close));
    await started.prism?.stop();
  };
  try {
    const api = await serveFetchHandler(
      wrapApi((request) => handleApiRequest(context, request)),
      { host: "127.0.0.1", ...(timeouts.apiAnswerMs ? { answerTimeoutMs: timeouts.apiAnswerMs } : {}) },
    );
    started.servers.push(api.server);
    const prism = await SupervisedPrism.start(
      { mode: "proxy", upstream: api.url },
      {
        ...supervision(options),
        ...(timeouts.maxPrismRestarts === undefined ? {} : { maxRestarts: timeouts.maxPrismRestarts }),
      },
    );
    started.prism = prism;
    const front = await startFrontServer({
      host,
      port: options.port ?? 0,
      control: (request) => handleControlRequest(context, request),
      prism,
      ...(timeouts.prismAnswerMs ? { prismAnswerTimeoutMs: timeouts.prismAnswerMs } : {}),
      intercept: (incoming, outgoing, body, match) => applyFault(context, incoming, outgoing, body, match),
    });
    started.servers.push(front.server);
    context.publicUrl = front.url;
    await waitUntilHealthy(prism);
    return { url: front.url, stop, prism };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** Today's static mock: Prism answering the bundled spec's examples, no state. */
export async function startStaticMock(
  options: Pick<SandboxOptions, "host" | "port" | "log" | "onPrismGaveUp"> = {},
): Promise<RunningSandbox> {
  const prism = await SupervisedPrism.start(
    { mode: "mock" },
    {
      ...supervision(options),
      ...(options.host ? { host: options.host } : {}),
      ...(options.port ? { port: options.port } : {}),
    },
  );
  return { url: prism.url, stop: () => prism.stop() };
}

function supervision(options: Pick<SandboxOptions, "log" | "onPrismGaveUp">) {
  return {
    ...(options.log ? { log: options.log } : {}),
    ...(options.onPrismGaveUp ? { onGiveUp: options.onPrismGaveUp } : {}),
  };
}
