// Runs the real server (without the web app) in its own process, for tests that kill it.
// Prints `LISTENING <url>` once ready. Config comes from the environment, as in production.
import { createLogger, loadConfig, startRoster } from '@roster/server';

const config = loadConfig();
const app = await startRoster(config, { log: createLogger(config.LOG_LEVEL) });
console.log(`LISTENING ${app.url}`);
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.on(signal, () => {
    app.close().then(() => process.exit(0));
  });
}
