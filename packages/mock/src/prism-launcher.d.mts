export declare function freePort(host?: string): Promise<number>;

export interface PrismOptions {
  /** `mock` (default): answers from the spec's examples. `proxy`: forwards to `upstream`, validating both ways. */
  mode?: "mock" | "proxy";
  /** The spec file Prism reads. Default: the repository's spec/openapi.yaml (`@planky-kit/spec`, in the workspace only). */
  spec?: string;
  /** The server behind Prism (mode `proxy` only). */
  upstream?: string;
  /** Generated answers instead of the examples (mode `mock` only). */
  dynamic?: boolean;
  host?: string;
  /** Default (or 0): a free port. */
  port?: number;
  /** `inherit` copies Prism's output to this process' stdout. */
  stdio?: "pipe" | "inherit";
  /** Receives Prism's output. */
  log?: (chunk: string) => void;
  /** Folders Prism's process removes when it exits, even when this process was killed. */
  removeOnExit?: string[];
}

export interface PrismProcess {
  url: string;
  port: number;
  /** Prism's process id (for tests that kill it). */
  pid: number | undefined;
  /** Resolves when Prism exits, whoever ended it, with its exit code or signal. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Stops Prism (SIGTERM, then SIGKILL after 5 s) and waits for it to exit. */
  stop(): Promise<void>;
}

export declare function startPrism(options?: PrismOptions): Promise<PrismProcess>;
