/** The peers, in report order. `module` is the file under src/peers/ that defines the two calls. */
export interface PeerInfo {
  id: string;
  label: string;
  /** Runs only in Node (no browser bundle). */
  nodeOnly?: boolean;
  /** Cannot take a stubbed `fetch`, so it is left out of the no-network CPU run. */
  noFetchStub?: boolean;
  /** Not a real alternative: openapi-fetch plus some of our request loop's steps, only in the CPU run. */
  ablation?: boolean;
  /**
   * A feature-class peer for another API (a Stainless-generated SDK): only in the stubbed-fetch CPU run, where its
   * GET and POST stand in for our two calls (the stub answers every client with the same bytes).
   */
  otherApi?: boolean;
  /** Passes `PeerOptions.signal` to every call (the reused-signal heap run). */
  passesSignal?: boolean;
}

export const PEERS: PeerInfo[] = [
  { id: "fetch", label: "raw fetch", passesSignal: true },
  { id: "undici", label: "undici.request", nodeOnly: true, noFetchStub: true },
  { id: "openapi-fetch", label: "openapi-fetch" },
  { id: "planky", label: "@planky-kit/client", passesSignal: true },
  { id: "hey-api", label: "hey-api (generated)" },
  { id: "orval", label: "orval fetch (generated)" },
  { id: "axios", label: "axios (hand-written)" },
  { id: "anthropic", label: "@anthropic-ai/sdk (Stainless)", otherApi: true },
  { id: "openai", label: "openai (Stainless)", otherApi: true },
  { id: "openapi-fetch-timed", label: "openapi-fetch + per-attempt timeout", ablation: true },
  { id: "openapi-fetch-timed-text", label: "… + text, then JSON.parse", ablation: true },
];

/** The real alternatives for Planky's API (no ablations, no SDKs for other APIs): latency, bundle, cold start. */
export const CLIENTS = PEERS.filter((peer) => !peer.ablation && !peer.otherApi);

/** The Stainless-generated SDKs: the feature-class peers of the CPU targets. */
export const STAINLESS = PEERS.filter((peer) => peer.otherApi).map((peer) => peer.id);

export const BASELINE = "fetch";
