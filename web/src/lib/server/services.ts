import { error } from '@sveltejs/kit';
import type { Services } from '@roster/server';
import { SERVICES_KEY } from '@roster/shared';

// Set by the server's composition root (server/src/services.ts `provideServices`) before this app
// loads. Type-only import above: server code must not be bundled into the web app a second time.

/** The domain services, or a 503 when the app runs without the Roster server (e.g. `vite dev`). */
export function services(): Services {
  const found = (globalThis as Record<symbol, unknown>)[SERVICES_KEY] as Services | undefined;
  if (!found) error(503, 'The Roster server is not running. Start the app with `pnpm start`.');
  return found;
}
