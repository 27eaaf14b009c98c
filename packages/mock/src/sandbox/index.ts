export type { RunningSandbox, SandboxOptions } from "./start";
export { startSandbox, startStaticMock } from "./start";
export type { SandboxBehaviour } from "./state/context";
