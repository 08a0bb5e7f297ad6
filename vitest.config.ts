import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['shared/src/**/*.test.ts', 'web/src/**/*.test.ts', 'tests/integration/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // Vitest's default on a 2-core machine is one file at a time; the integration tests spend most of
    // their time waiting on sockets and PostgreSQL, and each file has its own database.
    maxWorkers: Number(process.env.VITEST_WORKERS ?? 2),
    expect: { poll: { timeout: 5000, interval: 20 } },
  },
});
