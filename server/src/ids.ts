import { encodeBase32LowerCaseNoPadding, encodeHexLowerCase } from '@oslojs/encoding';
import { sha256 } from '@oslojs/crypto/sha2';

/** A random id for rows and documents: 16 base32 characters (80 bits). */
export function newId(): string {
  return encodeBase32LowerCaseNoPadding(crypto.getRandomValues(new Uint8Array(10)));
}

/** A secret token for cookies, invites and collab tokens: 32 base32 characters (160 bits). */
export function newToken(): string {
  return encodeBase32LowerCaseNoPadding(crypto.getRandomValues(new Uint8Array(20)));
}

/** What we store instead of a token: its SHA-256 in hex. */
export function hashToken(token: string): string {
  return encodeHexLowerCase(sha256(new TextEncoder().encode(token)));
}

// newId/newToken encode 10/20 random bytes as lowercase base32 (a–z, 2–7) without padding.
const ID_FORMAT = /^[a-z2-7]{16}$/;
const TOKEN_FORMAT = /^[a-z2-7]{32}$/;

/**
 * Whether a value has the shape of an id made by `newId`. Checked before any query that takes an
 * id from a client: anything else cannot exist, and PostgreSQL refuses some strings (NUL) outright.
 */
export function isId(value: unknown): value is string {
  return typeof value === 'string' && ID_FORMAT.test(value);
}

/** Whether a value has the shape of a token made by `newToken`. */
export function isToken(value: unknown): value is string {
  return typeof value === 'string' && TOKEN_FORMAT.test(value);
}
