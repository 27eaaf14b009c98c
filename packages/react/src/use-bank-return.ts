/**
 * The return page: finishes the trip to the bank once, after mount (never during a server render). The flow's
 * `resume` returns the same promise for the same URL, so a component mounted twice (React's StrictMode) finishes it
 * once; for the same reason no `AbortSignal` is passed, since an unmount must not abort the second mount's wait.
 */
import type { ConnectBankOutcome } from "@planky-kit/client/connect-bank";
import { useEffect, useState } from "react";
import { usePlanky } from "./provider";

export interface BankReturn {
  /** How it ended (`kind`: `authorised`, `cancelled`, `refused`, `timeout`, `state-mismatch`, …). */
  outcome: ConnectBankOutcome | undefined;
  /** Still checking the return or waiting for the consent's status. */
  pending: boolean;
}

/** `url`: the URL the bank sent the customer back to. Default: `location.href`, read after mount. */
export function useBankReturn(url?: string): BankReturn {
  const flow = usePlanky();
  const [outcome, setOutcome] = useState<ConnectBankOutcome>();
  useEffect(() => {
    let wanted = true;
    flow.resume(url ?? globalThis.location.href).then((settled) => {
      if (wanted) setOutcome(settled);
    });
    return () => {
      wanted = false;
    };
  }, [flow, url]);
  return { outcome, pending: outcome === undefined };
}
