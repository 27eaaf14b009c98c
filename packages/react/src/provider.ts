/**
 * The provider holds one connect-bank flow (`@planky-kit/client/connect-bank`) over one webflow client for the
 * hooks below it. Created once, when it mounts: a flow re-created per render would lose the return page's
 * in-flight `resume` (and finish the return twice). To start over (another customer), give it a new `key`.
 */
import {
  type ConnectBank,
  type ConnectBankClient,
  type ConnectBankOptions,
  createConnectBank,
} from "@planky-kit/client/connect-bank";
import { createWebflowClient, type WebflowClientOptions } from "@planky-kit/client/webflow";
import { createContext, createElement, type ReactElement, type ReactNode, useContext, useState } from "react";

export type PlankyProviderProps = ConnectBankOptions & {
  children?: ReactNode;
} & (
    | {
        /** A client you made (`createWebflowClient()`), e.g. with your own `timeout` or `fetch`. */
        client: ConnectBankClient;
      }
    | {
        client?: undefined;
        /**
         * The customer token, or (better) an async function that asks your server for one: the client keeps its
         * answer and asks again after a 401 (see `createWebflowClient`).
         */
        customerToken: WebflowClientOptions["customerToken"];
        /** Default: Planky's production API. */
        baseUrl?: string;
      }
  );

const PlankyContext = createContext<ConnectBank | null>(null);

/** Gives the hooks below it a webflow client and the connect-bank flow. Its props are read when it mounts. */
export function PlankyProvider(props: PlankyProviderProps): ReactElement {
  const [flow] = useState(() => {
    const { children: _children, client, ...options } = props;
    const calls =
      client ??
      createWebflowClient({
        customerToken: (props as { customerToken: WebflowClientOptions["customerToken"] }).customerToken,
        ...((props as { baseUrl?: string }).baseUrl !== undefined && {
          baseUrl: (props as { baseUrl: string }).baseUrl,
        }),
      });
    return createConnectBank(calls, options);
  });
  return createElement(PlankyContext.Provider, { value: flow }, props.children);
}

/** The provider's connect-bank flow, for what the hooks do not cover (e.g. `pending()`, `consentScreen()`). */
export function usePlanky(): ConnectBank {
  const flow = useContext(PlankyContext);
  if (!flow) throw new Error("usePlanky and the Planky hooks need a <PlankyProvider> above them");
  return flow;
}
