/**
 * `--state <file>`: an append-only log. A failed write fails only the requests waiting for it (defect 4); a write
 * costs the size of the change, not of the state (defect 5); no acknowledged write is lost to `kill -9`; a file of
 * the wrong shape is refused at start naming the field (defect 13); expired access tokens are forgotten.
 */
import { spawn } from "node:child_process";
import { mkdir, mkdtemp, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { build } from "tsdown";
import { afterAll, afterEach, beforeAll, describe, expect, test, vi } from "vitest";
import { StateFileError, StateStore } from "../../src/sandbox/state/state-file";
import { sandboxCore } from "./support";

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "planky-state-file-"));
});
afterAll(() => rm(dir, { recursive: true, force: true }));
afterEach(() => vi.useRealTimers());

async function customers(core: Awaited<ReturnType<typeof sandboxCore>>, clientId = "id") {
  return core.context.state
    .partition(clientId)
    .values("customers")
    .map((c) => c.user_reference);
}

test("a failed write fails only its own request; once the folder is back every change is on disk again", async () => {
  const folder = join(dir, "gone");
  await mkdir(folder);
  const stateFile = join(folder, "state.json");
  const core = await sandboxCore({ stateFile });
  const bearer = await core.accessToken();
  const create = (ref: string) =>
    core.call("POST", "/public/v3/customers", { auth: bearer, body: { user_reference: ref } });
  expect((await create("before")).status).toBe(200);

  await rm(folder, { recursive: true });
  await expect(create("during")).rejects.toThrow(StateFileError);
  await mkdir(folder);
  expect((await create("after")).status).toBe(200);
  expect((await create("later")).status).toBe(200);

  // The file was rewritten whole from memory: a restart has everything, the token included.
  const restarted = await sandboxCore({ stateFile });
  expect(await customers(restarted)).toEqual(["before", "during", "after", "later"]);
  expect((await restarted.call("GET", "/public/v3/customers", { auth: bearer })).status).toBe(200);
});

test("a create appends one short line, the same at 100 and at 2,000 customers (not the whole state)", async () => {
  const stateFile = join(dir, "growth.json");
  const core = await sandboxCore({ stateFile });
  const bearer = await core.accessToken();
  const appendedBy = async (ref: string) => {
    const before = (await stat(stateFile)).size;
    expect(
      (await core.call("POST", "/public/v3/customers", { auth: bearer, body: { user_reference: ref } })).status,
    ).toBe(200);
    return (await stat(stateFile)).size - before;
  };
  const fill = async (from: number, to: number) => {
    for (let i = from; i < to; i++)
      core.context.state.partition("id").put("customers", `f${i}`, { id: `f${i}`, user_reference: `fill-${i}` });
    await core.store.save();
  };
  await fill(0, 100);
  const at100 = await appendedBy("ref-at-0100");
  await fill(100, 2000);
  const at2000 = await appendedBy("ref-at-2000");
  expect(at2000).toBe(at100);
  expect(at2000).toBeLessThan(200);
  expect((await stat(stateFile)).size).toBeGreaterThan(100 * at2000);
  // And the file still reads back to the same state.
  expect(await customers(await sandboxCore({ stateFile }))).toHaveLength(2002);
});

test("no acknowledged create is lost when the process is killed with SIGKILL mid-burst", async () => {
  const stateFile = join(dir, "killed.json");
  // Bundled next to the package (not in the temp folder) so its dependencies (ajv, …) resolve from node_modules.
  const outDir = fileURLToPath(new URL("../../test-artifacts/state-writer", import.meta.url));
  await build({
    entry: [fileURLToPath(new URL("./fixtures/state-writer.ts", import.meta.url))],
    outDir,
    format: "esm",
    platform: "node",
    dts: false,
    config: false,
    logLevel: "silent",
  });
  const child = spawn(process.execPath, [join(outDir, "state-writer.js"), stateFile], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  const acked: string[] = [];
  const exited = new Promise((resolve) => child.once("exit", (_code, signal) => resolve(signal)));
  for await (const line of createInterface({ input: child.stdout })) {
    if (line.startsWith("acked ")) acked.push(line.slice(6));
    if (acked.length === 300) {
      child.kill("SIGKILL");
      break;
    }
  }
  // The writer really ran and was killed mid-burst (not exited on its own).
  expect(await exited).toBe("SIGKILL");
  expect(acked).toHaveLength(300);
  const store = await StateStore.open(stateFile);
  const stored = new Set(
    store.state
      .partition("kill")
      .values("customers")
      .map((c) => c.user_reference),
  );
  expect(acked.filter((ref) => !stored.has(ref))).toEqual([]);
  // Ids stay unique and the counter is past all of them.
  const ids = store.state
    .partition("kill")
    .values("customers")
    .map((c) => Number(c.id));
  expect(new Set(ids).size).toBe(ids.length);
  expect(store.state.currentNextId).toBeGreaterThan(Math.max(...ids));
}, 60_000);

describe("a state file of the wrong shape is refused at start, naming the field", () => {
  test.each([
    [
      '{"version":2,"nextId":1001,"partitions":{"ci":{"customers":null}}}',
      'line 1: partitions["ci"].customers must be an object',
    ],
    [
      '{"version":2,"nextId":1001,"partitions":{"ci":{"customers":{"1":{"id":1}}}}}',
      'line 1: partitions["ci"].customers["1"].id must be a string',
    ],
    ['{"version":2,"nextId":"x","partitions":{}}', "line 1: nextId must be a whole number"],
    ['{"version":1,"customers":[]}', "line 1: version must be 2"],
    ['{"version":2,"nextId":1001,"partitions":[]}', "line 1: partitions must be an object"],
    [
      '{"version":2,"nextId":1001,"partitions":{}}\n{"n":1002,"p":"ci","c":"pets","k":"1","v":{}}\n{}',
      'line 2: c must be one of the collections, got "pets"',
    ],
    ['{"version":2,"nextId":1001,"partitions":{}}\nnot json\n{"n":1002,"reset":null}', "line 2: is not JSON"],
    [
      '{"version":2,"nextId":1001,"partitions":{"ci":{"feedUpdates":{"1001:barclays":{"updates":[{"count":2,"at":1},{"remove":"t-1","at":2}]}}}}}',
      'line 1: partitions["ci"].feedUpdates["1001:barclays"].updates[1].remove must be an array of transaction ids',
    ],
    [
      '{"version":2,"nextId":1001,"partitions":{}}\n{"n":1002,"p":"ci","c":"feedUpdates","k":"1001:barclays","v":{"updates":[{"count":1,"at":1,"status":"Settled"}]}}\n{}',
      'line 2: v.updates[0].status must be "Pending" if given',
    ],
  ])("%s", async (text, message) => {
    const stateFile = join(dir, "shape.json");
    await writeFile(stateFile, text);
    await expect(StateStore.open(stateFile)).rejects.toThrow(`${stateFile} ${message}`);
  });

  test("a last line torn by a kill is skipped, the rest is read", async () => {
    const stateFile = join(dir, "torn.json");
    const line = '{"n":1002,"p":"ci","c":"customers","k":"1001","v":{"id":"1001","user_reference":"u"}}';
    await writeFile(stateFile, `{"version":2,"nextId":1001,"partitions":{}}\n${line}\n{"n":1003,"p":"ci","c":"cust`);
    const store = await StateStore.open(stateFile);
    expect(store.state.partition("ci").values("customers")).toEqual([{ id: "1001", user_reference: "u" }]);
    // Opening rewrote it as one snapshot, without the torn line.
    expect((await readFile(stateFile, "utf8")).trim().split("\n")).toHaveLength(1);
  });
});

describe("expired access tokens are forgotten", () => {
  test("one shown after its hour is refused (401) and forgotten", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    const core = await sandboxCore();
    const bearer = await core.accessToken();
    vi.setSystemTime(Date.now() + 3601_000);
    expect((await core.call("GET", "/public/v3/customers", { auth: bearer })).status).toBe(401);
    expect(Object.keys(core.context.state.partition("id").data.accessTokens)).toEqual([]);
  });

  test("ones never shown again are dropped when a later token is issued", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    const core = await sandboxCore();
    await core.accessToken();
    await core.accessToken();
    vi.setSystemTime(Date.now() + 3601_000);
    const fresh = (await core.accessToken()).slice("Bearer ".length);
    expect(Object.keys(core.context.state.partition("id").data.accessTokens)).toEqual([fresh]);
  });
});
