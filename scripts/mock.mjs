// `pnpm mock`: the Prism mock of spec/openapi.yaml on 127.0.0.1:4010 (static examples; `--dynamic` for generated data).
import { startPrism } from "../packages/mock/src/prism-launcher.mjs";

const port = Number(process.env.PORT ?? 4010);
const prism = await startPrism({ port, dynamic: process.argv.includes("--dynamic") });
console.log(`Prism mock of spec/openapi.yaml: ${prism.url}  (Ctrl+C to stop)`);
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => prism.stop().then(() => process.exit(0)));
