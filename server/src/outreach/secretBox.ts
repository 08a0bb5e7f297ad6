import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/**
 * Encrypts secrets kept in PostgreSQL (the SMTP password) with AES-256-GCM under a key from the
 * environment (OUTREACH_SECRET_KEY), so a database dump alone does not give away the mailbox.
 * Stored as `v1:<iv>:<tag>:<ciphertext>` (base64url); the workspace id is bound in as associated
 * data, so a ciphertext copied to another workspace's row does not decrypt.
 */
export class SecretBox {
  private constructor(private readonly key: Buffer) {}

  /** The key from its text form: 32 bytes as 64 hex characters or base64; null when it is not that. */
  static fromKeyText(text: string | undefined): SecretBox | null {
    if (!text) return null;
    const trimmed = text.trim();
    const key = /^[0-9a-fA-F]{64}$/.test(trimmed) ? Buffer.from(trimmed, 'hex') : Buffer.from(trimmed, 'base64');
    return key.length === 32 ? new SecretBox(key) : null;
  }

  encrypt(plain: string, context: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    cipher.setAAD(Buffer.from(context));
    const data = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    const parts = [iv, cipher.getAuthTag(), data].map((part) => part.toString('base64url'));
    return `v1:${parts.join(':')}`;
  }

  /** The plain text, or null when the value was not encrypted with this key (and context). */
  decrypt(stored: string, context: string): string | null {
    const [version, iv, tag, data] = stored.split(':');
    if (version !== 'v1' || !iv || !tag || data === undefined) return null;
    try {
      const decipher = createDecipheriv('aes-256-gcm', this.key, Buffer.from(iv, 'base64url'));
      decipher.setAAD(Buffer.from(context));
      decipher.setAuthTag(Buffer.from(tag, 'base64url'));
      return Buffer.concat([decipher.update(Buffer.from(data, 'base64url')), decipher.final()]).toString('utf8');
    } catch {
      return null;
    }
  }
}
