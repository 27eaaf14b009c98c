/** The key under which `@planky-kit/mock/vitest-setup` provides the sandbox's URL to the tests. */
export const SANDBOX_URL_KEY = "plankySandboxUrl";

declare module "vitest" {
  export interface ProvidedContext {
    /** The URL of the sandbox `@planky-kit/mock/vitest-setup` started for this run. */
    plankySandboxUrl: string;
  }
}
