/**
 * A platform access token, cached until shortly before it expires. Concurrent callers share one
 * fetch, and a token the platform refused is renewed once however many calls saw it refused.
 */
export class TokenCache {
  private token?: { value: string; renewAt: number };
  private fetching?: Promise<string>;

  /** `fetch` returns the token and its lifetime in seconds. */
  constructor(
    private readonly fetch: () => Promise<{ value: string; ttlSeconds: number }>,
    private readonly now: () => number,
    /** Renew this long before the platform says the token expires. */
    private readonly marginMs = 5 * 60_000,
  ) {}

  get(): Promise<string> {
    if (this.token && this.now() < this.token.renewAt) return Promise.resolve(this.token.value);
    return this.renew();
  }

  /** A fresh token; when `stale` was already replaced by another caller, that replacement. */
  renew(stale?: string): Promise<string> {
    if (stale && this.token && this.token.value !== stale) return Promise.resolve(this.token.value);
    if (!this.fetching) {
      this.fetching = this.fetch()
        .then(({ value, ttlSeconds }) => {
          const ttl = ttlSeconds * 1000;
          this.token = { value, renewAt: this.now() + Math.max(ttl - this.marginMs, ttl / 2) };
          return value;
        })
        .finally(() => (this.fetching = undefined));
    }
    return this.fetching;
  }
}
