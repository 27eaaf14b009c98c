/**
 * Webhook faults on demand (`POST /_sandbox/faults/webhooks`): the next `times` webhooks of one type (or any), in
 * one client id's partition (or any), are delivered `repeat` more times and/or held back `delay_ms`, so later
 * deliveries overtake them. Planky documents no delivery id, no ordering and no retries; a receiver must cope with
 * repeated and out-of-order deliveries, and these faults let a team rehearse that. Kept in memory only, like the API
 * faults (`fault-registry.ts`): they are for the run that armed them.
 */

export interface WebhookFault {
  id: number;
  /** Only this client id's deliveries; `null`: every partition's. */
  client_id: string | null;
  /** Only webhooks of this `webhook_type`; `null`: any. */
  webhook_type: string | null;
  /** How many extra copies of each delivery are sent (0: none). */
  repeat: number;
  /** How long each delivery (and its copies) is held back, in milliseconds. */
  delay_ms: number;
  /** How many more webhooks it applies to. */
  remaining: number;
}

/** What one webhook gets from the fault that matched it. */
export interface WebhookFaultEffect {
  repeat: number;
  delay_ms: number;
}

export class WebhookFaults {
  #faults: WebhookFault[] = [];
  #nextId = 1;

  /** Arms a fault; the body has been checked against the control API's spec. */
  arm(body: Record<string, unknown>): WebhookFault {
    const fault: WebhookFault = {
      id: this.#nextId++,
      client_id: typeof body.client_id === "string" ? body.client_id : null,
      webhook_type: typeof body.webhook_type === "string" ? body.webhook_type : null,
      repeat: typeof body.repeat === "number" ? body.repeat : 0,
      delay_ms: typeof body.delay_ms === "number" ? body.delay_ms : 0,
      remaining: typeof body.times === "number" ? body.times : 1,
    };
    this.#faults.push(fault);
    return { ...fault };
  }

  /** The effect on one webhook of `webhookType` in `clientId`'s partition (the oldest matching fault), if any. */
  take(clientId: string, webhookType: string): WebhookFaultEffect | undefined {
    const fault = this.#faults.find(
      (f) => (f.client_id === null || f.client_id === clientId) && (f.webhook_type ?? webhookType) === webhookType,
    );
    if (!fault) return undefined;
    fault.remaining -= 1;
    if (fault.remaining === 0) this.#faults = this.#faults.filter((f) => f !== fault);
    return { repeat: fault.repeat, delay_ms: fault.delay_ms };
  }

  /** The armed faults; with `clientId`, that client id's and everyone's. */
  list(clientId?: string): WebhookFault[] {
    return this.#faults.filter((f) => clientId === undefined || f.client_id === null || f.client_id === clientId);
  }

  /** Disarms every fault, or that client id's; answers how many. */
  clear(clientId?: string): number {
    const before = this.#faults.length;
    this.#faults = this.#faults.filter((f) => clientId !== undefined && f.client_id !== clientId);
    return before - this.#faults.length;
  }
}

// One registry per sandbox (per `SandboxContext`), kept beside it rather than on it.
const registries = new WeakMap<object, WebhookFaults>();

export function webhookFaultsOf(context: object): WebhookFaults {
  let registry = registries.get(context);
  if (!registry) {
    registry = new WebhookFaults();
    registries.set(context, registry);
  }
  return registry;
}
