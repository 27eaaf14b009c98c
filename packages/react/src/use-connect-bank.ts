/** Starts the trip to the bank from a click: creates the bank flow URL, keeps its `state`, leaves for the bank. */
import type { ConnectBankFailure, ConnectBankStart } from "@planky-kit/client/connect-bank";
import { useCallback, useState } from "react";
import { usePlanky } from "./provider";

export interface ConnectBankControl {
  /** Sends the customer to `bankSlug`'s bank; resolves with the result (never rejects). */
  start: (bankSlug: string) => Promise<ConnectBankStart>;
  /** A start is under way, or succeeded and the browser is leaving for the bank: disable the button. */
  starting: boolean;
  /** Why the last start failed, if it did. */
  failure: ConnectBankFailure | undefined;
}

export function useConnectBank(): ConnectBankControl {
  const flow = usePlanky();
  const [state, setState] = useState<{ starting: boolean; failure?: ConnectBankFailure }>({ starting: false });
  const start = useCallback(
    async (bankSlug: string) => {
      setState({ starting: true });
      const result = await flow.start({ bankSlug });
      // On `redirect` the page is being left: `starting` stays true, so a second click cannot start a second flow.
      if (result.kind !== "redirect") setState({ starting: false, failure: result });
      return result;
    },
    [flow],
  );
  return { start, starting: state.starting, failure: state.failure };
}
