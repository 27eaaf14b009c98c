/** The built site's path: packages/docs/site/index.html. */
export declare const siteIndex: string;
/** Builds the self-contained Redoc site and its Markdown pages (llms.txt, overview.md, operations/*.md); `mockUrl` lists that mock as the first server. Resolves to the file. */
export declare function buildDocs(options?: { output?: string; mockUrl?: string; quiet?: boolean }): Promise<string>;
/** The spec after the planky-docs decorators ran, as parsed JSON. */
// biome-ignore lint/suspicious/noExplicitAny: OpenAPI JSON; callers index into it freely.
export declare function bundleSpec(options?: { mockUrl?: string }): Promise<Record<string, any>>;
