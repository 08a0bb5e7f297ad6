import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Actor } from '@roster/server';
import type { BoardOperationName } from '@roster/shared';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const SCRIPT = path.join(ROOT, 'tests/integration/support/serverProcess.ts');
const MAIN = path.join(ROOT, 'server/src/main.ts');

export interface ServerProcess {
  url: string;
  child: ChildProcess;
  output(): string;
  /** Resolves with the exit code once the process ends. */
  exited: Promise<number | null>;
}

/** Starts the server in a child process and waits until it listens. */
export function spawnServer(env: Record<string, string>, options: { ipc?: boolean } = {}): Promise<ServerProcess> {
  return spawnScript(SCRIPT, /LISTENING (\S+)/, { LOG_LEVEL: 'warn', ...env }, options.ipc);
}

/**
 * Starts the production entry (server/src/main.ts: the server with the built web app) in a child
 * process, as `pnpm start` does. Build the web app first (scripts/buildIfNeeded.mjs).
 */
export function spawnWebApp(env: Record<string, string>): Promise<ServerProcess> {
  // LOG_LEVEL info: main.ts says where it listens at info.
  return spawnScript(MAIN, /Roster is running at (\S+)/, { LOG_LEVEL: 'info', ...env });
}

async function spawnScript(
  script: string,
  ready: RegExp,
  env: Record<string, string>,
  ipc = false,
): Promise<ServerProcess> {
  // node --import tsx (not the tsx CLI) so signals reach our handlers directly.
  const child = spawn(process.execPath, ['--import', 'tsx', script], {
    cwd: ROOT,
    env: { ...process.env, PORT: '0', ...env },
    stdio: ipc ? ['ignore', 'pipe', 'pipe', 'ipc'] : ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${output}`)), 30_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = ready.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code}:\n${output}`));
    });
  });
  return { url, child, output: () => output, exited };
}

/** What a test asks a server process spawned with `ipc` to apply. */
export interface ApplyRequest {
  id: number;
  boardId: string;
  operation: BoardOperationName;
  input: unknown;
  actor: Actor;
}

let requests = 0;

/** Has a server process (spawned with `ipc`) apply an operation; resolves with its result once applyOperation resolved there. */
export function applyInProcess(
  server: ServerProcess,
  boardId: string,
  operation: BoardOperationName,
  input: unknown,
  actor: Actor,
): Promise<unknown> {
  const id = ++requests;
  return new Promise((resolve, reject) => {
    const onMessage = (answer: { id: number; result?: unknown; error?: string }) => {
      if (answer.id !== id) return;
      server.child.off('message', onMessage);
      if (answer.error) reject(new Error(answer.error));
      else resolve(answer.result);
    };
    server.child.on('message', onMessage);
    server.child.send({ id, boardId, operation, input, actor } satisfies ApplyRequest);
  });
}
