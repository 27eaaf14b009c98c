/**
 * Access-token management for the Bearer-authenticated endpoints.
 *
 * Three sources: client credentials (fetched from /oauth/v2/token and cached), a fixed token, or the caller's
 * own async provider. The cache is single-flight: concurrent callers share one in-flight token request.
 */

/** A token as the token endpoint returns it; `expiresIn` is in seconds. */
export interface IssuedToken {
  accessToken: string;
  expiresIn: number;
}

export interface AccessTokenSource {
  /** A token to send now. */
  get(): Promise<string>;
  /** The server rejected `token` with 401: forget it so the next `get()` fetches a new one. */
  invalidate(token: string): void;
}

/** Stop using a token this long before the server says it expires (clock skew, request latency). */
const EXPIRY_MARGIN_MS = 30_000;
/** Within this window before expiry a request still uses the current token but triggers a background refresh. */
const REFRESH_WINDOW_MS = 5 * 60_000;

export class TokenCache implements AccessTokenSource {
  #token: string | undefined;
  #expiresAt = 0;
  #inflight: Promise<string> | undefined;
  readonly #issue: () => Promise<IssuedToken>;
  readonly #now: () => number;

  constructor(issue: () => Promise<IssuedToken>, now: () => number = Date.now) {
    this.#issue = issue;
    this.#now = now;
  }

  get(): Promise<string> {
    const remaining = this.#expiresAt - this.#now();
    if (this.#token !== undefined && remaining > 0) {
      if (remaining < REFRESH_WINDOW_MS) this.#refresh().catch(() => {}); // a failed background refresh is retried by the next call
      return Promise.resolve(this.#token);
    }
    return this.#refresh();
  }

  invalidate(token: string): void {
    if (token === this.#token) {
      this.#token = undefined;
      this.#expiresAt = 0;
    }
  }

  #refresh(): Promise<string> {
    this.#inflight ??= this.#issue()
      .then(({ accessToken, expiresIn }) => {
        this.#token = accessToken;
        const lifetimeMs = Math.max(0, expiresIn * 1000);
        // Short-lived tokens: keep at least half their life usable instead of expiring them at once.
        this.#expiresAt = this.#now() + Math.max(lifetimeMs - EXPIRY_MARGIN_MS, lifetimeMs / 2);
        return accessToken;
      })
      .finally(() => {
        this.#inflight = undefined;
      });
    return this.#inflight;
  }
}

/** The caller manages tokens: a fixed string or an async provider called for every request. */
export class ProvidedToken implements AccessTokenSource {
  readonly #provide: () => string | Promise<string>;

  constructor(token: string | (() => string | Promise<string>)) {
    this.#provide = typeof token === "function" ? token : () => token;
  }

  async get(): Promise<string> {
    return this.#provide();
  }

  invalidate(): void {
    // Nothing cached here; the provider decides what the next call returns.
  }
}
