/**
 * What each of the four fixture files runs: the review's failing pattern (reset each iteration, the README's
 * `user-42` in every file, list the invitations), now with the file's own client id. Records what it saw in
 * `$FIXTURE_OUT/<client id>.json` for the outer test.
 */
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { createPlankyClient } from "@planky-kit/client";
import { expect, test } from "vitest";
import { plankySandbox } from "../../src/vitest";

export function suite(): void {
  // At collection time, as the README shows it: the same object the tests get.
  const collected = plankySandbox();
  test("reset → customer user-42 → invitation → the list holds exactly this file's invitation, 8 times", async () => {
    const sandbox = plankySandbox();
    expect(sandbox).toBe(collected);
    const planky = createPlankyClient({
      baseUrl: sandbox.url,
      clientId: sandbox.clientId,
      clientSecret: "s",
      maxRetries: 0,
    });
    const seen: string[][] = [];
    for (let i = 0; i < 8; i++) {
      await sandbox.reset();
      await planky.customers.create({ user_reference: "user-42" });
      const invitation = await planky.invitations.create({ email: `${i}@example.com`, reference: "user-42" });
      const listed: string[] = [];
      for await (const item of planky.invitations.list()) listed.push(item.id);
      expect(listed).toEqual([invitation.id]);
      seen.push(listed);
    }
    const out = process.env.FIXTURE_OUT;
    if (out) await writeFile(join(out, `${sandbox.clientId}.json`), JSON.stringify({ url: sandbox.url, seen }));
  });
}
