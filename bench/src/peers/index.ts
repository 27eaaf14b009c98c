/** The peers, in report order. `module` is the file under src/peers/ that defines the two calls. */
export interface PeerInfo {
  id: string;
  label: string;
  /** Runs only in Node (no browser bundle). */
  nodeOnly?: boolean;
  /** Cannot take a stubbed `fetch`, so it is left out of the no-network CPU run. */
  noFetchStub?: boolean;
}

export const PEERS: PeerInfo[] = [
  { id: "fetch", label: "raw fetch" },
  { id: "undici", label: "undici.request", nodeOnly: true, noFetchStub: true },
  { id: "openapi-fetch", label: "openapi-fetch" },
  { id: "planky", label: "@planky-kit/client" },
  { id: "hey-api", label: "hey-api (generated)" },
  { id: "orval", label: "orval fetch (generated)" },
  { id: "axios", label: "axios (hand-written)" },
];

export const BASELINE = "fetch";
