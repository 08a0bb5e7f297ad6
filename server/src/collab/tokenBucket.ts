/**
 * A token bucket: holds up to `capacity` tokens and refills `ratePerSecond` of them every second.
 * A rate of 0 means no limit.
 */
export class TokenBucket {
  private tokens: number;
  private refilledAt = performance.now();

  constructor(
    private readonly ratePerSecond: number,
    private readonly capacity: number,
  ) {
    this.tokens = capacity;
  }

  /** Takes `amount` tokens if the bucket holds them; false (and takes none) otherwise. */
  take(amount: number): boolean {
    if (this.ratePerSecond <= 0) return true;
    const now = performance.now();
    this.tokens = Math.min(this.capacity, this.tokens + ((now - this.refilledAt) / 1000) * this.ratePerSecond);
    this.refilledAt = now;
    if (this.tokens < amount) return false;
    this.tokens -= amount;
    return true;
  }
}
