export declare const specPath: string;
export declare function freePort(): Promise<number>;
export declare function startPrism(options?: {
  port?: number;
  host?: string;
  dynamic?: boolean;
  stdio?: "pipe" | "inherit";
}): Promise<{ url: string; port: number; stop: () => Promise<void> }>;
