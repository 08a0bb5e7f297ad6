// Runs the real server (without the web app) in its own process, for tests that kill it.
// Prints `LISTENING <url>` once ready. Config comes from the environment, as in production.
// Spawned with an IPC channel, it applies board operations the test sends (applyInProcess).
import { createLogger, loadConfig, startRoster } from '@roster/server';
import { boardOperations } from '@roster/shared';
import type { ApplyRequest } from './processes.ts';

const config = loadConfig();
const app = await startRoster(config, { log: createLogger(config.LOG_LEVEL) });
console.log(`LISTENING ${app.url}`);
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.on(signal, () => {
    app.close().then(() => process.exit(0));
  });
}

process.on('message', (request: ApplyRequest) => {
  const operation = boardOperations[request.operation];
  app.services.applyOperation(request.boardId, operation, request.input as never, request.actor).then(
    (result) => process.send!({ id: request.id, result }),
    (error: unknown) => process.send!({ id: request.id, error: String(error) }),
  );
});
