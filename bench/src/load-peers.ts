/** Imports every peer module and checks that both calls return exactly the spec's examples. */
import { deepStrictEqual } from "node:assert/strict";
import examples from "../generated/examples.json" with { type: "json" };
import type { Peer, PeerOptions } from "./peers/fixtures";
import { PEERS, type PeerInfo } from "./peers/index";

export type Operation = "consentStatus" | "createInvitation";
export const OPERATIONS: Operation[] = ["consentStatus", "createInvitation"];

export interface LoadedPeer {
  info: PeerInfo;
  peer: Peer;
  /** The bodies both calls must return. */
  expected: Record<Operation, unknown>;
}

const SPEC_EXAMPLES: Record<Operation, unknown> = {
  consentStatus: examples.consentStatus,
  createInvitation: examples.invitation,
};

/** `expected`: what the server (or stub) answers, the spec's examples unless told otherwise. */
export async function loadPeers(
  options: PeerOptions,
  include: (info: PeerInfo) => boolean,
  expected: Record<Operation, unknown> = SPEC_EXAMPLES,
): Promise<LoadedPeer[]> {
  const loaded: LoadedPeer[] = [];
  for (const info of PEERS.filter(include)) {
    const module = (await import(`./peers/${info.id}.ts`)) as { createPeer(options: PeerOptions): Peer };
    loaded.push({ info, peer: module.createPeer(options), expected });
  }
  return loaded;
}

/** A peer that returns the wrong body would make its numbers meaningless: fail loudly instead. */
export async function verifyPeers(peers: LoadedPeer[]): Promise<void> {
  for (const { info, peer, expected } of peers) {
    // JSON round trip: SDKs may hand back class instances or extra non-enumerable fields; the data must match.
    const data = async (call: () => Promise<unknown>) => JSON.parse(JSON.stringify(await call())) as unknown;
    deepStrictEqual(await data(peer.consentStatus), expected.consentStatus, `${info.id}: consentStatus body`);
    deepStrictEqual(await data(peer.createInvitation), expected.createInvitation, `${info.id}: createInvitation body`);
  }
}

/** Round `round` starts at a different peer, so no peer always runs right after the same neighbour. */
export function rotate<T>(items: T[], round: number): T[] {
  const shift = round % items.length;
  return [...items.slice(shift), ...items.slice(0, shift)];
}

export function collectGarbage(): void {
  (globalThis as { gc?: () => void }).gc?.();
}
