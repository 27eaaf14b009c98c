/** What the API and the control API share: the state, the options the sandbox was started with, its public URL. */
import { FaultRegistry } from "./fault-registry";
import type { StateStore } from "./state-file";

export interface SandboxBehaviour {
  /** When set, the token endpoint accepts only this `client_id` (anything else: `400 invalid_client`). */
  clientId?: string;
  /** When set, the token endpoint accepts only this `client_secret`. */
  clientSecret?: string;
}

export class SandboxContext {
  /** Faults armed through `POST /_sandbox/faults` (in memory only: they are for the run that armed them). */
  readonly faults = new FaultRegistry();

  constructor(
    readonly store: StateStore,
    readonly options: SandboxBehaviour,
    /** Where users reach the sandbox, e.g. `http://127.0.0.1:4010` (invitation URLs point there). */
    public publicUrl: string,
  ) {}

  get state() {
    return this.store.state;
  }

  save(): Promise<void> {
    return this.store.save();
  }
}
