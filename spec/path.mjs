// Where the spec is on disk, for the workspace's tests and tools that hand it to a program (Prism, Redocly).
import { fileURLToPath } from "node:url";

export const specPath = fileURLToPath(new URL("./openapi.yaml", import.meta.url));
