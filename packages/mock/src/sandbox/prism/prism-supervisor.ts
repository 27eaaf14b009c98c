/**
 * Keeps Prism running behind the sandbox. If Prism exits on its own (it has died on one bad request), the sandbox
 * says so in one line and starts it again on the same port; requests meanwhile get a 503 naming the restart, never
 * a silent 502 loop. After `MAX_RESTARTS` exits within `RESTART_WINDOW_MS` it gives up and reports that instead.
 */
import { type PrismMode, type PrismProcess, startPrism } from "./prism";

const MAX_RESTARTS = 3;
const RESTART_WINDOW_MS = 60_000;

export type PrismState =
  | { state: "running" }
  | { state: "restarting"; reason: string }
  | { state: "failed"; reason: string }
  | { state: "stopped"; reason: string };

export interface SupervisorOptions {
  host?: string;
  port?: number;
  log?: (line: string) => void;
  /** Called once when Prism cannot be kept running (the CLI exits with this message). */
  onGiveUp?: (message: string) => void;
  /** Restarts allowed within `RESTART_WINDOW_MS`; default `MAX_RESTARTS` (this package's tests lower it). */
  maxRestarts?: number;
}

export class SupervisedPrism {
  #current: PrismProcess;
  #status: PrismState = { state: "running" };
  #exits: number[] = [];
  #waiting: (() => void)[] = [];

  private constructor(
    first: PrismProcess,
    private readonly how: PrismMode,
    private readonly options: SupervisorOptions,
  ) {
    this.#current = first;
    this.#watch(first);
  }

  static async start(how: PrismMode, options: SupervisorOptions = {}): Promise<SupervisedPrism> {
    const first = await startPrism(how, {
      ...(options.host ? { host: options.host } : {}),
      ...(options.port ? { port: options.port } : {}),
      ...(options.log ? { log: options.log } : {}),
    });
    return new SupervisedPrism(first, how, options);
  }

  get url(): string {
    return this.#current.url;
  }

  get pid(): number | undefined {
    return this.#current.pid;
  }

  get status(): PrismState {
    return this.#status;
  }

  /** Resolves once Prism is running (at once if it is); never if it was given up on or stopped. */
  running(): Promise<void> {
    if (this.#status.state === "running") return Promise.resolve();
    return new Promise((resolve) => this.#waiting.push(resolve));
  }

  async stop(): Promise<void> {
    this.#status = { state: "stopped", reason: "the sandbox was stopped" };
    await this.#current.stop();
  }

  #watch(prism: PrismProcess): void {
    void prism.exited.then(({ code, signal }) => {
      if (this.#status.state === "stopped" || prism !== this.#current) return;
      const how = signal ? `was killed (${signal})` : `exited with code ${code}`;
      const now = Date.now();
      this.#exits = [...this.#exits.filter((t) => now - t < RESTART_WINDOW_MS), now];
      if (this.#exits.length > (this.options.maxRestarts ?? MAX_RESTARTS)) {
        const exits = this.#exits.length === 1 ? "" : ` (${this.#exits.length} exits within a minute)`;
        this.#giveUp(`Prism ${how}${exits}; the sandbox gave up restarting it`);
        return;
      }
      console.error(`planky sandbox: Prism ${how}; restarting it on ${prism.url}`);
      this.#status = { state: "restarting", reason: `Prism ${how} and is being restarted` };
      void this.#restart(prism);
    });
  }

  async #restart(previous: PrismProcess): Promise<void> {
    const port = Number(new URL(previous.url).port);
    try {
      const next = await startPrism(this.how, {
        ...(this.options.host ? { host: this.options.host } : {}),
        port,
        ...(this.options.log ? { log: this.options.log } : {}),
      });
      if (this.#status.state === "stopped") {
        await next.stop();
        return;
      }
      this.#current = next;
      this.#status = { state: "running" };
      this.#watch(next);
      for (const resolve of this.#waiting.splice(0)) resolve();
    } catch (error) {
      this.#giveUp(`Prism could not be restarted: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  #giveUp(reason: string): void {
    if (this.#status.state === "stopped") return;
    this.#status = { state: "failed", reason };
    console.error(`planky sandbox: ${reason}`);
    this.options.onGiveUp?.(reason);
  }
}
