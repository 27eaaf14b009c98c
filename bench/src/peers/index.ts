/** The peers, in report order. `module` is the file under src/peers/ that defines the two calls. */
export interface PeerInfo {
  id: string;
  label: string;
  /** Runs only in Node (no browser bundle). */
  nodeOnly?: boolean;
  /** Cannot take a stubbed `fetch`, so it is left out of the no-network CPU run. */
  noFetchStub?: boolean;
  /** Not a real alternative: openapi-fetch plus one of our transport's steps, only in the CPU run. */
  ablation?: boolean;
}

export const PEERS: PeerInfo[] = [
  { id: "fetch", label: "raw fetch" },
  { id: "undici", label: "undici.request", nodeOnly: true, noFetchStub: true },
  { id: "openapi-fetch", label: "openapi-fetch" },
  { id: "planky", label: "@planky-kit/client" },
  { id: "hey-api", label: "hey-api (generated)" },
  { id: "orval", label: "orval fetch (generated)" },
  { id: "axios", label: "axios (hand-written)" },
  { id: "openapi-fetch-buffered", label: "openapi-fetch + buffered response", ablation: true },
  { id: "openapi-fetch-rebuilt", label: "… + rebuilt request", ablation: true },
  { id: "openapi-fetch-timed", label: "… + timeout signal", ablation: true },
];

/** The real alternatives (everything but the ablations). */
export const CLIENTS = PEERS.filter((peer) => !peer.ablation);

export const BASELINE = "fetch";
