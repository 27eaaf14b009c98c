/**
 * One access token for a fleet: the `TokenCache` of every process with the same base URL and client id asks a
 * shared `TokenStore` (e.g. Redis) before it asks the token endpoint, and only the
 * process holding the store's refresh lock asks the endpoint; the others wait for its token. Each process still
 * keeps the token in memory like the default cache, so a warm call never touches the store. The store is never on
 * the critical path for longer than its `timeout`: a store that fails or is slow is logged and skipped, and the
 * process fetches its own token. Only `@planky-kit/client/token-store` imports this file: the main entry takes a
 * `SharedTokenStore` and carries none of this code.
 */
import type { PlankyLogEvent } from "./request";
import { EXPIRY_MARGIN_MS, type IssuedToken } from "./tokens";

/** A token as a `TokenStore` keeps it. */
export interface StoredToken {
  accessToken: string;
  /** When the token stops being usable, in ms since the epoch; the store drops it then. */
  expiresAt: number;
}

/**
 * Where a fleet of clients shares its access token. `key` names the base URL and client id (never the secret).
 * Every method may reject or be slow: the client then logs a `token-store-error` event and fetches its own token.
 */
export interface TokenStore {
  /** The token stored under `key`, or `undefined` when there is none (or it has expired). */
  read(key: string): Promise<StoredToken | undefined>;
  /** Stores `token` under `key` until `token.expiresAt`, replacing any other. */
  write(key: string, token: StoredToken): Promise<void>;
  /** Deletes the token under `key` if it is still `accessToken` (the server rejected it); a newer one stays. */
  drop(key: string, accessToken: string): Promise<void>;
  /**
   * Takes the refresh lock for `key` unless someone holds it: resolves with the function that releases it, or
   * `undefined` when it is held. The lock must expire on its own, so a holder that dies blocks no one for long.
   */
  lock(key: string): Promise<(() => Promise<void>) | undefined>;
  /** Milliseconds the client waits for any one of these before it gives up on the store. Default: 1 000. */
  timeout?: number;
}

/** How often a process waiting for another's token looks again. */
const POLL_MS = 50;
/** A token the endpoint gave without a lifetime is kept in the store this long (ours to choose). */
const NO_LIFETIME_MS = 3600_000;
/** A wait for another process' token gives up after this long (the lock normally expires far sooner). */
const WAIT_LIMIT_MS = 60_000;

/** What a client's token cache uses instead of calling the token endpoint itself. */
export interface SharedIssue {
  /** A token: the fleet's from the store, or a new one from `fetchToken` when this process holds the lock. */
  issue: () => Promise<IssuedToken>;
  /** The server rejected `token` (401): drop it from the store for everyone. */
  forget: (token: string) => void;
}

/** The client that shares its token: what its key is made of, its token request and its logger. */
export interface SharingClient {
  baseUrl: string;
  clientId: string;
  /** The client-credentials token request. */
  issue: () => Promise<IssuedToken>;
  logger: ((event: PlankyLogEvent) => void) | undefined;
}

/**
 * What `createPlankyClient({ tokenStore })` takes: `redisTokenStore()`, or `sharedTokenStore()` around your own
 * `TokenStore`. `share` is called once per client.
 */
export interface SharedTokenStore {
  share(client: SharingClient): SharedIssue;
}

/** Shares a client's access token through `store`: one token request per expiry for every process using it. */
export function sharedTokenStore(store: TokenStore): SharedTokenStore {
  return {
    share: ({ baseUrl, clientId, issue, logger }) =>
      // The key is the base URL and the client id: the secret is never stored, nor part of the key.
      sharedIssue(store, `${baseUrl} ${clientId}`, issue, (error) => {
        try {
          const url = `POST ${baseUrl}/oauth/v2/token`;
          logger?.({ type: "token-store-error", method: "POST", url, attempt: 1, reason: String(error) });
        } catch {
          // A broken logger must not break the fallback it reports.
        }
      }),
  };
}

function sharedIssue(
  store: TokenStore,
  key: string,
  issue: () => Promise<IssuedToken>,
  onError: (error: unknown) => void,
): SharedIssue {
  const timeout = store.timeout ?? 1000;
  /** The last token this process handed out: the cache asks again when it wants a newer one. */
  let current: string | undefined;
  /** The token the server rejected: never taken from the store again, even if a slow drop left it there. */
  let rejected: string | undefined;
  let dropping: Promise<unknown> | undefined;
  const within = <T>(promise: Promise<T>) =>
    new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`token store: no answer within ${timeout} ms`)), timeout);
      promise.then(resolve, reject).finally(() => clearTimeout(timer));
    });
  const usable = (token: StoredToken | undefined) =>
    token && token.accessToken !== rejected && token.expiresAt - Date.now() > EXPIRY_MARGIN_MS ? token : undefined;
  const take = (token: StoredToken): IssuedToken => {
    current = token.accessToken;
    return { accessToken: token.accessToken, expiresIn: (token.expiresAt - Date.now()) / 1000 };
  };

  return {
    forget(token) {
      rejected = token;
      dropping = within(store.drop(key, token)).catch(onError);
    },
    async issue() {
      let fetching = false;
      try {
        await dropping;
        for (const giveUpAt = Date.now() + WAIT_LIMIT_MS; Date.now() < giveUpAt; ) {
          const stored = usable(await within(store.read(key)));
          // Another process stored a newer token than ours: take it.
          if (stored && stored.accessToken !== current) return take(stored);
          const release = await within(store.lock(key));
          if (release) {
            try {
              // Someone may have stored a token between our read and our lock.
              const again = usable(await within(store.read(key)));
              if (again && again.accessToken !== current) return take(again);
              fetching = true;
              const issued = await issue();
              const lifetimeMs = issued.expiresIn === undefined ? NO_LIFETIME_MS : issued.expiresIn * 1000;
              current = issued.accessToken;
              // A failed write leaves the others to fetch their own; this process has its token either way.
              await within(store.write(key, { accessToken: current, expiresAt: Date.now() + lifetimeMs })).catch(
                onError,
              );
              return issued;
            } finally {
              within(release()).catch(onError);
            }
          }
          // Another process is refreshing: ours (the same token) still works meanwhile.
          if (stored) return take(stored);
          await new Promise((resolve) => setTimeout(resolve, POLL_MS));
        }
        throw new Error(`token store: no token after waiting ${WAIT_LIMIT_MS} ms for the refresh lock`);
      } catch (error) {
        // The token request's own failure is the caller's; the store's is only logged.
        if (fetching) throw error;
        onError(error);
        return issue();
      }
    },
  };
}
