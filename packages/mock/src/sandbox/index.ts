export type { SandboxBehaviour } from "./context";
export type { RunningSandbox, SandboxOptions } from "./start";
export { startSandbox, startStaticMock } from "./start";
