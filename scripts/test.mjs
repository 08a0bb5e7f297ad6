// `pnpm test`: every test — vitest (unit + integration, real PostgreSQL and Redis) and Playwright
// (the built app in Debian's Chromium). Ends with one line read from both JSON reports:
// `N passed, N failed`.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { buildIfNeeded, ROOT } from './buildIfNeeded.mjs';

const OUT = path.join(ROOT, '.ci-out');
rmSync(OUT, { recursive: true, force: true });
mkdirSync(OUT, { recursive: true });
const vitestReport = path.join(OUT, 'vitest.json');
const playwrightReport = path.join(OUT, 'playwright.json');

buildIfNeeded();

const bin = (name) => path.join(ROOT, 'node_modules/.bin', name);
const vitest = spawnSync(
  bin('vitest'),
  ['run', '--reporter=default', '--reporter=json', `--outputFile.json=${vitestReport}`],
  {
    cwd: ROOT,
    stdio: 'inherit',
  },
);
const playwright = spawnSync(bin('playwright'), ['test', '--reporter=list,json'], {
  cwd: ROOT,
  stdio: 'inherit',
  env: { ...process.env, PLAYWRIGHT_JSON_OUTPUT_NAME: playwrightReport },
});

let passed = 0;
let failed = 0;
const problems = [];
if (existsSync(vitestReport)) {
  const report = JSON.parse(readFileSync(vitestReport, 'utf8'));
  passed += report.numPassedTests;
  failed += report.numFailedTests;
  if (!report.success && report.numFailedTests === 0) problems.push('vitest reported errors outside tests');
} else problems.push('vitest wrote no report');
if (existsSync(playwrightReport)) {
  const { stats, errors = [] } = JSON.parse(readFileSync(playwrightReport, 'utf8'));
  passed += stats.expected + stats.flaky;
  failed += stats.unexpected;
  if (errors.length) problems.push(`playwright: ${errors.length} error(s) outside tests`);
} else problems.push('playwright wrote no report');

for (const problem of problems) console.error(`problem: ${problem}`);
const ok = vitest.status === 0 && playwright.status === 0 && failed === 0 && problems.length === 0 && passed > 0;
console.log(`${passed} passed, ${failed} failed`);
process.exit(ok ? 0 : 1);
