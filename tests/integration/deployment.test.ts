import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

describe('docker-compose.yml', () => {
  it('is a valid compose file with PostgreSQL, Redis, two app instances and a proxy', () => {
    // No Docker engine runs here; Debian's docker-compose can still parse and validate the file.
    const services = execFileSync('docker-compose', ['-f', 'docker-compose.yml', 'config', '--services'], {
      cwd: ROOT,
      encoding: 'utf8',
    });
    expect(services.split('\n').filter(Boolean).sort()).toEqual(['app1', 'app2', 'postgres', 'proxy', 'redis']);
    const config = execFileSync('docker-compose', ['-f', 'docker-compose.yml', 'config'], {
      cwd: ROOT,
      encoding: 'utf8',
    });
    expect(config).toContain('REDIS_URL: redis://redis:6379');
    expect(config).toContain('DATABASE_URL: postgres://roster:roster@postgres:5432/roster');
  });
});

describe('Dockerfile', () => {
  it('runs the server with the same V8 flags as `pnpm start`', async () => {
    const { SERVER_NODE_ARGS } = await import('../../scripts/serverNodeArgs.mjs');
    const cmd = /^CMD (\[.*\])$/m.exec(readFileSync(path.join(ROOT, 'Dockerfile'), 'utf8'))?.[1];
    expect(JSON.parse(cmd ?? '[]')).toEqual(['node', ...SERVER_NODE_ARGS, '--import', 'tsx', 'server/src/main.ts']);
  });
});
