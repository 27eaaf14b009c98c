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
}

export async function loadPeers(options: PeerOptions, include: (info: PeerInfo) => boolean): Promise<LoadedPeer[]> {
  const loaded: LoadedPeer[] = [];
  for (const info of PEERS.filter(include)) {
    const module = (await import(`./peers/${info.id}.ts`)) as { createPeer(options: PeerOptions): Peer };
    loaded.push({ info, peer: module.createPeer(options) });
  }
  return loaded;
}

/** A peer that returns the wrong body would make its numbers meaningless: fail loudly instead. */
export async function verifyPeers(peers: LoadedPeer[]): Promise<void> {
  for (const { info, peer } of peers) {
    deepStrictEqual(await peer.consentStatus(), examples.consentStatus, `${info.id}: consentStatus body`);
    deepStrictEqual(await peer.createInvitation(), examples.invitation, `${info.id}: createInvitation body`);
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
