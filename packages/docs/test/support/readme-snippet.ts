/** A README snippet as a reader copies it, written out as a module that calls this test's mock instead. */
import { mkdir, readFile, writeFile } from "node:fs/promises";

/** The root README (the repository's front page) and the client's (its npm page). */
export const ROOT_README = new URL("../../../../README.md", import.meta.url);
export const CLIENT_README = new URL("../../../client/README.md", import.meta.url);
const scratch = new URL("../../test-artifacts/", import.meta.url);
const PRINTED_BASE_URL = '"http://127.0.0.1:4010"';

/** The first ```ts block after `marker` in a README, and a file holding it with `mockUrl` as its base URL. */
export async function readmeSnippet(marker: string, fileName: string, mockUrl: string, readmeUrl = ROOT_README) {
  const readme = await readFile(readmeUrl, "utf8");
  const at = readme.indexOf(marker);
  if (at === -1) throw new Error(`${readmeUrl.pathname} has no "${marker}"`);
  const snippet = /```ts\n([\s\S]*?)\n```/.exec(readme.slice(at))?.[1] ?? "";
  if (!new RegExp(`baseUrl: (process\\.env\\.PLANKY_BASE_URL \\?\\? )?${PRINTED_BASE_URL}`).test(snippet))
    throw new Error(`the snippet after "${marker}" has no mock baseUrl`);
  await mkdir(scratch, { recursive: true });
  const file = new URL(fileName, scratch);
  await writeFile(file, `${snippet.replace(PRINTED_BASE_URL, JSON.stringify(mockUrl))}\nexport {};\n`);
  return { snippet, file };
}
