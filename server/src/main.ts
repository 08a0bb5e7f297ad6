import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { PROTOCOL_HEADER, startRoster, type RequestHandler } from './app.ts';
import { loadConfig } from './config.ts';
import { createLogger } from './log.ts';

const config = loadConfig();
const log = createLogger(config.LOG_LEVEL);
const handlerPath = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../web/build/handler.js');
if (!existsSync(handlerPath)) {
  log.error('The web app is not built: run `pnpm build` (`pnpm start` builds it when needed).');
  process.exit(1);
}

// adapter-node reads these when its handler loads. With ORIGIN set (same variable as ours) it
// uses that; otherwise it builds the origin from the Host header and the protocol we pass.
process.env.PROTOCOL_HEADER = PROTOCOL_HEADER;

const app = await startRoster(config, {
  log,
  loadWebHandler: async () => ((await import(pathToFileURL(handlerPath).href)) as { handler: RequestHandler }).handler,
}).catch((error: unknown) => {
  log.error('Roster could not start', { error: error instanceof Error ? error.message : String(error) });
  process.exit(1);
});
log.info(`Roster is running at ${app.url}`);

let stopping = false;
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    log.info(`${signal}: storing open boards and stopping`);
    app.close().then(
      () => process.exit(0),
      (error: unknown) => {
        log.error('shutdown failed', { error: String(error) });
        process.exit(1);
      },
    );
  });
}
