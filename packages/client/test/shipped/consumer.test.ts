/**
 * The consumer-facing behaviour (test/consumer/behaviour.ts) against the built package: `@planky-kit/client`
 * resolves through the package's own `exports` to `dist/`, as in a consumer's project. Run `pnpm build` first (the
 * test task depends on it).
 */

import type { ClientModules } from "../consumer/behaviour";
import { consumerBehaviour } from "../consumer/behaviour";

consumerBehaviour(
  async () =>
    ({
      main: await import("@planky-kit/client"),
      webflow: await import("@planky-kit/client/webflow"),
      otel: await import("@planky-kit/client/otel"),
      validate: await import("@planky-kit/client/validate"),
    }) as unknown as ClientModules,
);
