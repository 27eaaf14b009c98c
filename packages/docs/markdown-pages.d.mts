/** Writes llms.txt, overview.md, operations/<operationId>.md and openapi.json into `dir`; resolves to their paths. */
// biome-ignore lint/suspicious/noExplicitAny: bundled OpenAPI JSON.
export declare function writeMarkdownPages(spec: Record<string, any>, dir: string): Promise<string[]>;
