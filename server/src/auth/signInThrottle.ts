import { RateLimiter } from './rateLimiter.ts';

const MINUTE = 60 * 1000;
const DAY = 24 * 60 * MINUTE;

/** The budgets of wrong passwords. Successful sign-ins never spend any of them. */
export const SIGN_IN_LIMITS = {
  /** Wrong passwords for one account from one address (or IPv6 /64): the owner mistyping, or one guesser. */
  perAccountAddress: { limit: 10, windowMs: 10 * MINUTE },
  /** Wrong passwords from one address for any accounts: one guesser trying many accounts. */
  perAddress: { limit: 30, windowMs: 10 * MINUTE },
  /**
   * Wrong passwords for one account from all addresses: many machines guessing one password.
   * Addresses that signed in to the account before are exempt, so such an attack cannot lock out
   * its owner at their usual place.
   */
  perAccount: { limit: 50, windowMs: 60 * MINUTE },
  /** How long a successful sign-in makes an address known for the account. */
  knownAddressMs: 30 * DAY,
  /** Known account+address pairs kept in memory; the oldest are forgotten first. */
  maxKnownAddresses: 100_000,
} as const;

/** One attempt that passed the throttle: settle it once the password has been checked. */
export interface SignInAttempt {
  /** The password was right: gives the attempt back to every budget and remembers the address. */
  succeeded(): void;
}

/**
 * Decides whether a sign-in may check a password. Each attempt is counted before the (slow)
 * password check, so parallel guesses cannot all pass at once; a right password gives it back.
 * So a shared office address can sign in any number of times, while guessing stays bounded per
 * account+address, per address and per account. In memory: each instance limits on its own.
 */
export class SignInThrottle {
  private readonly perAccountAddress: RateLimiter;
  private readonly perAddress: RateLimiter;
  private readonly perAccount: RateLimiter;
  private readonly knownAddresses = new Map<string, number>();

  constructor(private readonly now: () => number = Date.now) {
    const limiter = ({ limit, windowMs }: { limit: number; windowMs: number }) => new RateLimiter(limit, windowMs, now);
    this.perAccountAddress = limiter(SIGN_IN_LIMITS.perAccountAddress);
    this.perAddress = limiter(SIGN_IN_LIMITS.perAddress);
    this.perAccount = limiter(SIGN_IN_LIMITS.perAccount);
  }

  /**
   * Counts an attempt to sign in to `account` (a normalised email) from `clientAddress`.
   * Returns null when a budget is spent: refuse without checking the password.
   */
  begin(account: string, clientAddress: string): SignInAttempt | null {
    const address = addressKey(clientAddress);
    const pair = `${account}\n${address}`;
    const known = (this.knownAddresses.get(pair) ?? 0) > this.now();
    const counted: [RateLimiter, string][] = [];
    const spend = (limiter: RateLimiter, key: string) => {
      if (!limiter.attempt(key)) return false;
      counted.push([limiter, key]);
      return true;
    };
    const allowed =
      spend(this.perAddress, address) &&
      spend(this.perAccountAddress, pair) &&
      (known || spend(this.perAccount, account));
    if (!allowed) return null;
    return {
      succeeded: () => {
        for (const [limiter, key] of counted) limiter.refund(key);
        // The owner's own mistakes at this address are forgiven; the address budget is not reset
        // (a guesser with an account of their own could otherwise reset it at will).
        this.perAccountAddress.reset(pair);
        this.remember(pair);
      },
    };
  }

  private remember(pair: string): void {
    this.knownAddresses.delete(pair);
    this.knownAddresses.set(pair, this.now() + SIGN_IN_LIMITS.knownAddressMs);
    if (this.knownAddresses.size > SIGN_IN_LIMITS.maxKnownAddresses) {
      // Maps iterate in insertion order, and remember() re-inserts: the first key is the oldest.
      const oldest = this.knownAddresses.keys().next().value;
      if (oldest !== undefined) this.knownAddresses.delete(oldest);
    }
  }
}

/**
 * The key an address is limited by. An IPv6 client usually holds a whole /64 and can pick a new
 * address in it for every request, so IPv6 addresses count by their /64; IPv4-mapped ones as IPv4.
 */
export function addressKey(address: string): string {
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(address);
  if (mapped) return mapped[1]!;
  if (!address.includes(':')) return address;
  const [head = '', tail] = address.split('%')[0]!.toLowerCase().split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const groups =
    tail === undefined ? left : [...left, ...Array<string>(8 - left.length - right.length).fill('0'), ...right];
  return `${groups
    .slice(0, 4)
    .map((group) => (Number.parseInt(group, 16) || 0).toString(16))
    .join(':')}::/64`;
}
