/**
 * Names that two separately built parts of Roster must spell the same way. Each is defined only
 * here; the server, the web app, the tests and the benchmarks import it.
 */

/** The cookie that holds the session token: set by the web app, read by it and by the WebSocket upgrade. */
export const SESSION_COOKIE = 'roster_session';

/** The path on the app's one port where WebSocket upgrades go to Hocuspocus (`/collab?token=…` for scripts). */
export const COLLAB_PATH = '/collab';

/**
 * The global under which the server's composition root leaves the domain services for the
 * SvelteKit app: the app is a separate bundle with its own module instances, so a registry symbol
 * (`Symbol.for`) is the one thing both can reach.
 */
export const SERVICES_KEY = Symbol.for('roster.services');
