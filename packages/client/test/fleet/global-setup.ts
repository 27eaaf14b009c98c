/** Vitest global setup: makes sure a redis-server exists for the fleet tests (installed with apt when missing). */
import { ensureRedisServer } from "./redis-server";

export default function setup(): void {
  ensureRedisServer();
}
