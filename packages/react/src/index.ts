"use client";

/**
 * `@planky-kit/react`: headless hooks for the connect-bank screen Planky's web component used to be, over
 * `@planky-kit/client/connect-bank`. No markup, no styles: the hooks return data and typed outcomes.
 */
export type {
  ConnectBank,
  ConnectBankClient,
  ConnectBankFailure,
  ConnectBankOptions,
  ConnectBankOutcome,
  ConnectBankStart,
  ConsentScreen,
  ConsentStatus,
  WebflowBank,
} from "@planky-kit/client/connect-bank";
export { CONNECT_BANK_STORAGE_KEY } from "@planky-kit/client/connect-bank";
export { PlankyProvider, type PlankyProviderProps, usePlanky } from "./provider";
export { useBanks, useConsentScreen, useConsentStatus } from "./reads";
export { type BankReturn, useBankReturn } from "./use-bank-return";
export { type ConnectBankControl, useConnectBank } from "./use-connect-bank";
export type { PlankyRead } from "./use-read";
