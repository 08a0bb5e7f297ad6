// The app under test for Playwright: a fresh database on the local PostgreSQL, then the real
// server on E2E_PORT. Playwright starts and stops it (see playwright.config.ts).
import { execFileSync, spawn } from 'node:child_process';
import path from 'node:path';
import postgres from 'postgres';
import { ROOT } from './buildIfNeeded.mjs';

const admin = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const name = `roster_e2e_${Date.now().toString(36)}`;
const sql = postgres(admin, { max: 1, onnotice: () => {} });
await sql.unsafe(`create database ${name}`);
await sql.end();
const url = new URL(admin);
url.pathname = `/${name}`;

execFileSync(process.execPath, [path.join(ROOT, 'scripts/buildIfNeeded.mjs')], { stdio: 'inherit' });
const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'server/src/main.ts')], {
  cwd: ROOT,
  stdio: 'inherit',
  env: {
    ...process.env,
    DATABASE_URL: url.toString(),
    PORT: process.env.E2E_PORT ?? '3900',
    STORE_DEBOUNCE_MS: '300',
    // The tests' boards are small; from 10 creators they get a page preview, as big boards do.
    PREVIEW_MIN_CREATORS: '10',
  },
});
const drop = async () => {
  const cleanup = postgres(admin, { max: 1, onnotice: () => {} });
  await cleanup.unsafe(`drop database if exists ${name} with (force)`).catch(() => {});
  await cleanup.end();
};
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', async (code) => {
  await drop();
  process.exit(code ?? 0);
});
