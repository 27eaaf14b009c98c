/** The consumer-facing behaviour (test/consumer/behaviour.ts) against the source. */
import { consumerBehaviour } from "../consumer/behaviour";

consumerBehaviour(async () => ({
  main: await import("../../src/index"),
  webflow: await import("../../src/webflow"),
  otel: await import("../../src/otel"),
  validate: await import("../../src/validate"),
}));
