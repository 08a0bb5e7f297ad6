// `pnpm start`: builds the web app if needed, then runs the one Roster process.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { buildIfNeeded, ROOT } from './buildIfNeeded.mjs';
import { SERVER_NODE_ARGS } from './serverNodeArgs.mjs';

buildIfNeeded();
const child = spawn(process.execPath, [...SERVER_NODE_ARGS, '--import', 'tsx', path.join(ROOT, 'server/src/main.ts')], {
  cwd: process.cwd(),
  stdio: 'inherit',
});
// Pass signals on so the server can store open boards before it exits.
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
