/**
 * `@planky-kit/mock/vitest`: the sandbox of this vitest run (started once by `@planky-kit/mock/vitest-setup`), seen
 * through a client id of this test file's own. The sandbox keeps each client id's data apart (its partition), so
 * test files running at the same time in many workers share one sandbox without seeing each other, and
 * `reset()` forgets this file's data only.
 *
 *     const sandbox = plankySandbox();
 *     const planky = createPlankyClient({ baseUrl: sandbox.url, clientId: sandbox.clientId, clientSecret: "any" });
 *     beforeEach(() => sandbox.reset());
 */
import { randomUUID } from "node:crypto";
import { basename } from "node:path";
import { expect, inject } from "vitest";
import { SANDBOX_URL_KEY } from "./vitest-keys";

export { SANDBOX_URL_KEY };

export interface PlankySandbox {
  /** The sandbox's origin: the client's `baseUrl`. */
  url: string;
  /** This test file's own client id (pass it as the client's `clientId`): its partition of the sandbox. */
  clientId: string;
  /** Forgets everything this client id created (customers, tokens, receivers, deliveries, faults), nothing else. */
  reset(): Promise<void>;
  /** Arms a fault for this client id's calls only (see the README's `POST /_sandbox/faults`); returns it. */
  fault(fault: SandboxFault): Promise<Record<string, unknown>>;
  /**
   * Calls the control API (`/_sandbox/<path>`), adding this client id (to the body, or as `?client_id=` when there
   * is none); resolves with the JSON answer, throws `PlankySandboxError` on a non-2xx.
   */
  control(method: string, path: string, body?: Record<string, unknown>): Promise<unknown>;
}

export interface SandboxFault {
  operation_id: string;
  status?: number;
  headers?: Record<string, string>;
  body?: unknown;
  delay_ms?: number;
  drop_connection?: boolean;
  times?: number;
}

export class PlankySandboxError extends Error {
  override name = "PlankySandboxError";
}

const byTestFile = new Map<string, PlankySandbox>();

/** The run's sandbox with this test file's client id (the same object for every call in one file). */
export function plankySandbox(): PlankySandbox {
  const url = inject(SANDBOX_URL_KEY);
  if (!url) {
    throw new PlankySandboxError(
      'No sandbox for this run: add globalSetup: ["@planky-kit/mock/vitest-setup"] to the test config of vitest',
    );
  }
  const testPath = expect.getState().testPath ?? "";
  const known = byTestFile.get(testPath);
  if (known) return known;
  const clientId = `${basename(testPath).replace(/[^\w.-]/g, "_") || "test"}-${randomUUID().slice(0, 8)}`;
  const control = async (method: string, path: string, body?: Record<string, unknown>) => {
    // Every control call names this file's client id: in the body, or (without one) as `?client_id=`.
    const query =
      body === undefined ? `${path.includes("?") ? "&" : "?"}client_id=${encodeURIComponent(clientId)}` : "";
    const response = await fetch(`${url}/_sandbox/${path}${query}`, {
      method,
      headers: { "content-type": "application/json" },
      ...(body === undefined ? {} : { body: JSON.stringify({ ...body, client_id: clientId }) }),
    });
    const answer: unknown = await response.json();
    if (!response.ok) {
      throw new PlankySandboxError(
        `${method} /_sandbox/${path} answered ${response.status}: ${JSON.stringify(answer)}`,
      );
    }
    return answer;
  };
  const sandbox: PlankySandbox = {
    url,
    clientId,
    reset: async () => {
      await control("POST", "reset", {});
    },
    fault: async (fault) =>
      ((await control("POST", "faults", { ...fault })) as { fault: Record<string, unknown> }).fault,
    control,
  };
  byTestFile.set(testPath, sandbox);
  return sandbox;
}
