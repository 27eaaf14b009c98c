/**
 * Where a call's credential comes from: a cache of issued tokens (the access token from client credentials), a
 * fixed token, or the caller's own async provider (an access token, or a front end's customer token).
 * The cache is single-flight: concurrent callers share one in-flight token request. Nothing here knows how a token
 * is issued: the client-credentials request lives in `client-credentials.ts`, so a bundle without it has none.
 */

/** A token as the token endpoint returns it; `expiresIn` is in seconds, `undefined` when the server gave none. */
export interface IssuedToken {
  accessToken: string;
  expiresIn: number | undefined;
}

export interface TokenSource {
  /**
   * A token that is ready now, already checked (a fixed token, a fresh cached one), or `undefined` when the
   * caller must wait for `get()`. Saves the wait on the common path.
   */
  ready(): string | undefined;
  /** A token to send now. */
  get(): Promise<string>;
  /**
   * The server rejected `token` with 401: forget it. Returns whether the next `get()` may return a different
   * token, i.e. whether replaying the request is worth it.
   */
  invalidate(token: string): boolean;
}

/** Stop using a token this long before the server says it expires (clock skew, request latency). */
export const EXPIRY_MARGIN_MS = 30_000;
/** Within this window before expiry a request still uses the current token but triggers a background refresh. */
const REFRESH_WINDOW_MS = 5 * 60_000;

export interface TokenCacheOptions {
  /** Fetches a new token (e.g. the client-credentials request). */
  issue: () => Promise<IssuedToken>;
  /** Clock in ms; injectable for tests. */
  now?: () => number;
  /** Called once when a 401 drops the cached token (a shared store drops it for every process). */
  forget?: (token: string) => void;
}

export class TokenCache implements TokenSource {
  #token: string | undefined;
  /** After this instant a call still gets the cached token but starts a refresh in the background. */
  #refreshAt = 0;
  /** After this instant the cached token is not used: calls wait for a new one. */
  #expiresAt = 0;
  #inflight: Promise<string> | undefined;
  readonly #issue: () => Promise<IssuedToken>;
  readonly #now: () => number;
  readonly #forget: ((token: string) => void) | undefined;

  constructor(options: TokenCacheOptions) {
    this.#issue = options.issue;
    this.#now = options.now ?? Date.now;
    this.#forget = options.forget;
  }

  ready(): string | undefined {
    const now = this.#now();
    if (this.#token === undefined || now >= this.#expiresAt) return undefined;
    if (now >= this.#refreshAt && this.#inflight === undefined) {
      // A failed background refresh is not the caller's problem yet (the token still works; the logger saw the
      // failed token request). Try again halfway to expiry rather than on every call: the endpoint may be down.
      this.#refresh().catch(() => {
        this.#refreshAt = now + (this.#expiresAt - now) / 2;
      });
    }
    return this.#token;
  }

  get(): Promise<string> {
    const token = this.ready();
    return token === undefined ? this.#refresh() : Promise.resolve(token);
  }

  invalidate(token: string): boolean {
    if (token === this.#token) {
      this.#token = undefined;
      this.#expiresAt = 0;
      this.#forget?.(token);
    }
    return true;
  }

  #refresh(): Promise<string> {
    if (this.#inflight) return this.#inflight;
    const requestedAt = this.#now();
    this.#inflight = this.#issue()
      .then(({ accessToken, expiresIn }) => {
        this.#token = accessToken;
        if (expiresIn === undefined || !(expiresIn > 0)) {
          // No lifetime given: keep the token until the server rejects it with 401 (the documented signal).
          this.#expiresAt = this.#refreshAt = Number.POSITIVE_INFINITY;
        } else {
          const lifetimeMs = expiresIn * 1000;
          // Short-lived tokens: keep at least half their life usable instead of expiring them at once.
          const usableMs = Math.max(lifetimeMs - EXPIRY_MARGIN_MS, lifetimeMs / 2);
          this.#expiresAt = requestedAt + usableMs;
          this.#refreshAt = this.#expiresAt - Math.min(REFRESH_WINDOW_MS, usableMs / 2);
        }
        return accessToken;
      })
      .finally(() => {
        this.#inflight = undefined;
      });
    return this.#inflight;
  }
}

/**
 * A front end's customer token from its server: asked for once and kept until a 401 (Planky documents no lifetime),
 * so any number of calls, concurrent ones included, share one ask. A failed ask is not kept.
 */
export class KeptToken implements TokenSource {
  #token: string | undefined;
  #inflight: Promise<string> | undefined;
  readonly #ask: () => Promise<string>;

  constructor(ask: () => Promise<string>) {
    this.#ask = ask;
  }

  ready(): string | undefined {
    return this.#token;
  }

  get(): Promise<string> {
    this.#inflight ??= this.#ask()
      .then((token) => {
        this.#token = token;
        return token;
      })
      .finally(() => {
        this.#inflight = undefined;
      });
    return this.#inflight;
  }

  invalidate(token: string): boolean {
    if (token === this.#token) this.#token = undefined;
    return true;
  }
}

/** The caller manages tokens: a fixed string or an async provider called for every request. */
export class ProvidedToken implements TokenSource {
  readonly #provide: () => string | Promise<string>;
  readonly #isProvider: boolean;
  /** A fixed token, checked when the client was created. */
  readonly #fixed: string | undefined;

  constructor(token: string | (() => string | Promise<string>)) {
    this.#isProvider = typeof token === "function";
    this.#provide = typeof token === "function" ? token : () => token;
    this.#fixed = typeof token === "function" ? undefined : token;
  }

  ready(): string | undefined {
    return this.#fixed;
  }

  async get(): Promise<string> {
    return this.#provide();
  }

  invalidate(): boolean {
    // Nothing cached here. A provider may return a fresh token on the next call; a fixed string cannot change.
    return this.#isProvider;
  }
}
