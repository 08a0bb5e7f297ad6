import { describe, expect, it } from 'vitest';
import { parseConfig } from '@roster/server';

describe('configuration', () => {
  it('has working defaults for an empty environment', () => {
    const parsed = parseConfig({});
    expect(parsed).toMatchObject({ ok: true, config: { HOST: '127.0.0.1', PORT: 3000, DATA_DIR: './data' } });
    if (parsed.ok) expect(parsed.config.DATABASE_URL).toBeUndefined();
  });

  it('reports every invalid variable, not only the first', () => {
    const parsed = parseConfig({
      PORT: 'eighty',
      DATABASE_URL: 'mysql://x',
      REDIS_URL: 'http://nope',
      LOG_LEVEL: 'loud',
    });
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) {
      expect(parsed.problems).toHaveLength(4);
      expect(parsed.problems.join('\n')).toMatch(/PORT/);
      expect(parsed.problems.join('\n')).toMatch(/DATABASE_URL: must start with postgres:\/\/ or postgresql:\/\//);
    }
  });

  it('refuses limits that contradict each other', () => {
    const parsed = parseConfig({
      HTTP_HEADERS_TIMEOUT_MS: '5000',
      HTTP_REQUEST_TIMEOUT_MS: '1000',
      MAX_MESSAGE_BYTES: '65536',
      PENDING_MAX_BYTES: '4096',
    });
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) {
      expect(parsed.problems).toEqual([
        'HTTP_HEADERS_TIMEOUT_MS: must not be longer than HTTP_REQUEST_TIMEOUT_MS',
        'PENDING_MAX_BYTES: must be at least MAX_MESSAGE_BYTES (one largest message must fit)',
      ]);
    }
  });

  it('treats an empty DATABASE_URL as unset (the embedded database)', () => {
    const parsed = parseConfig({ DATABASE_URL: '' });
    expect(parsed.ok && parsed.config.DATABASE_URL).toBeUndefined();
  });
});
