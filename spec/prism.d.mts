import type { ChildProcess } from "node:child_process";

export declare const specPath: string;
export declare function freePort(host?: string): Promise<number>;

export interface PrismOptions {
  /** `mock` (default): answers from the spec's examples. `proxy`: forwards to `upstream`, validating both ways. */
  mode?: "mock" | "proxy";
  /** The spec file Prism reads. Default: this package's openapi.yaml. */
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
  /** Folders Prism's process removes when it exits (Prism always exits with the process that started it). */
  removeOnExit?: string[];
}

export interface PrismProcess {
  url: string;
  port: number;
  child: ChildProcess;
  stop(): Promise<void>;
}

export declare function startPrism(options?: PrismOptions): Promise<PrismProcess>;
