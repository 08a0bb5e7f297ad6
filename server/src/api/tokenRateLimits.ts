import { TokenBucket } from '../collab/tokenBucket.ts';

/** Requests per second a token may make on average, and in a burst (per server instance). */
export const API_REQUESTS_PER_SECOND = 20;
export const API_REQUEST_BURST = 60;
const MAX_TRACKED_TOKENS = 10_000;

/** Rate limits of the HTTP API, one token bucket per API token. */
export class TokenRateLimits {
  private readonly buckets = new Map<string, TokenBucket>();

  constructor(
    private readonly ratePerSecond = API_REQUESTS_PER_SECOND,
    private readonly burst = API_REQUEST_BURST,
  ) {}

  /** Whether the token may make one more request now. */
  take(tokenId: string): boolean {
    let bucket = this.buckets.get(tokenId);
    if (!bucket) {
      // Forget the oldest bucket rather than grow without bound (a forgotten one starts full).
      if (this.buckets.size >= MAX_TRACKED_TOKENS) this.buckets.delete(this.buckets.keys().next().value!);
      bucket = new TokenBucket(this.ratePerSecond, this.burst);
      this.buckets.set(tokenId, bucket);
    }
    return bucket.take(1);
  }
}
