/**
 * One read of the API as component state: loading, the data, or a typed failure (never a thrown error). It reads
 * when the component mounts and when `key` changes, not while `key` is `undefined`; a read that is no longer wanted
 * (unmount, new key) is aborted and its answer dropped. The last data stays while a refresh loads or fails.
 */
import type { ConnectBank, ConnectBankFailure, ConnectBankResult } from "@planky-kit/client/connect-bank";
import { useCallback, useEffect, useRef, useState } from "react";
import { usePlanky } from "./provider";

export interface PlankyRead<T> {
  /** The last data read, if any. */
  data: T | undefined;
  /** Why the last read failed (`kind`: `expired-token`, `network`, `error`, …); `undefined` after a success. */
  failure: ConnectBankFailure | undefined;
  /** A read is under way. */
  loading: boolean;
  /** Reads again (e.g. after the customer connected a bank). */
  refresh: () => void;
}

export function useRead<T>(
  key: string | undefined,
  read: (flow: ConnectBank, signal: AbortSignal) => Promise<ConnectBankResult<T>>,
): PlankyRead<T> {
  const flow = usePlanky();
  const latestRead = useRef(read);
  latestRead.current = read;
  const [round, setRound] = useState(0);
  const [state, setState] = useState<Omit<PlankyRead<T>, "refresh">>({
    data: undefined,
    failure: undefined,
    loading: key !== undefined,
  });

  // biome-ignore lint/correctness/useExhaustiveDependencies: `round` is what `refresh` changes to read again.
  useEffect(() => {
    if (key === undefined) return;
    const controller = new AbortController();
    setState((last) => ({ ...last, loading: true }));
    latestRead.current(flow, controller.signal).then((result) => {
      if (controller.signal.aborted) return;
      setState((last) =>
        result.kind === "ok"
          ? { data: result.data, failure: undefined, loading: false }
          : { data: last.data, failure: result, loading: false },
      );
    });
    return () => controller.abort();
  }, [flow, key, round]);

  const refresh = useCallback(() => setRound((n) => n + 1), []);
  return { ...state, refresh };
}
