import { json, type RequestEvent } from '@sveltejs/kit';
import type { TokenIdentity } from '@roster/server';
import { can, type Action, type AnyOperation, type InputOf, type Problem } from '@roster/shared';
import { apiError } from './api';
import { isBodyTooLarge } from './results';
import { services } from './services';

/**
 * The HTTP API v1 (README "HTTP API"): every request carries `Authorization: Bearer roster_…`
 * (never the session cookie, so a page on another site cannot make a signed-in browser call it),
 * is rate limited per token, and answers JSON; errors are `{ error: { code, message, field? } }`.
 */

const UNAUTHORIZED: Problem = {
  code: 'unauthorized',
  message: 'Send an API token as "Authorization: Bearer roster_…". Make one in the workspace settings.',
};

/** An Idempotency-Key: 1–200 visible ASCII characters (a UUID fits). */
const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,200}$/;

export const NOT_FOUND_BOARD: Problem = { code: 'board_not_found', message: 'Board not found.' };

/** Runs an API handler for the token's identity; 401 without a valid token, 429 over its rate. */
export async function withToken(
  event: RequestEvent,
  handler: (identity: TokenIdentity) => Promise<Response>,
): Promise<Response> {
  const header = event.request.headers.get('authorization') ?? '';
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  const identity = match ? await services().apiTokens.authenticate(match[1]) : null;
  if (!identity) {
    const response = apiError(401, UNAUTHORIZED);
    response.headers.set('WWW-Authenticate', 'Bearer realm="roster"');
    return response;
  }
  if (!services().apiRateLimits.take(identity.tokenId)) {
    const response = apiError(429, {
      code: 'rate_limited',
      message: 'Too many requests with this token. Wait a second and try again.',
    });
    response.headers.set('Retry-After', '1');
    return response;
  }
  return handler(identity);
}

/** A 403 when the token's role may not do the action (a read token writing). */
export function refuseUnless(identity: TokenIdentity, action: Action): Response | null {
  if (can(identity.actor.role, action)) return null;
  return apiError(403, {
    code: 'forbidden',
    message:
      identity.actor.role === 'viewer'
        ? 'This token can read only. Make a write token to change boards.'
        : 'This token may not do this.',
  });
}

/** The board, when it exists in the token's workspace and is not archived (otherwise null: a 404). */
export async function boardOfToken(identity: TokenIdentity, boardId: string) {
  const board = await services().boards.get(boardId);
  if (!board || board.archivedAt || board.workspaceId !== identity.workspaceId) return null;
  return board;
}

/**
 * Runs a shared board operation for the token on the live board and answers: `status` with the
 * operation's result (minus `ok`) when it succeeded, 400/403/404/409 with its Problem otherwise.
 */
export async function applyForToken<Op extends AnyOperation>(
  identity: TokenIdentity,
  boardId: string,
  operation: Op,
  input: InputOf<Op>,
  status = 200,
): Promise<Response> {
  const result = await services().applyOperation(boardId, operation, input, identity.actor);
  if (result.ok) {
    const { ok: _ok, ...rest } = result as { ok: true } & Record<string, unknown>;
    return json(rest, { status });
  }
  return apiError(problemStatus(result.error), result.error);
}

/** The HTTP status of an operation's refusal. */
export function problemStatus(problem: Problem): number {
  if (problem.code === 'forbidden') return 403;
  if (problem.code.endsWith('_not_found')) return 404;
  if (problem.code === 'invalid_input') return 400;
  return 409;
}

/**
 * A POST with an `Idempotency-Key` header: the first answer (2xx or 4xx) is kept for a day and
 * given again to a retry with the same key and body; the same key with another body is a 422,
 * and while the first request runs a retry gets a 409.
 */
export async function idempotent(
  event: RequestEvent,
  identity: TokenIdentity,
  run: (body: unknown) => Promise<Response>,
): Promise<Response> {
  const key = event.request.headers.get('idempotency-key');
  const read = await readJsonBody(event.request);
  if (read instanceof Response) return read;
  const { raw, body } = read;
  if (key === null) return run(body);
  const keys = services().idempotencyKeys;
  if (!IDEMPOTENCY_KEY.test(key))
    return apiError(400, {
      code: 'invalid_idempotency_key',
      message: 'Idempotency-Key must be 1–200 visible ASCII characters (a UUID, say).',
    });
  const start = await keys.start(identity.tokenId, key, event.request.method, event.url.pathname, raw);
  if (start.kind === 'replay') {
    const replay = json(start.body, { status: start.status });
    replay.headers.set('Idempotent-Replayed', 'true');
    return replay;
  }
  if (start.kind === 'mismatch')
    return apiError(422, {
      code: 'idempotency_key_reused',
      message: 'This Idempotency-Key was used for a different request. Use a new key for a new request.',
    });
  if (start.kind === 'running')
    return apiError(409, {
      code: 'request_in_progress',
      message: 'A request with this Idempotency-Key is still running. Retry in a moment.',
    });
  try {
    const response = await run(body);
    if (response.status >= 500) await keys.abandon(identity.tokenId, key);
    else await keys.finish(identity.tokenId, key, response.status, await response.clone().json());
    return response;
  } catch (cause) {
    await keys.abandon(identity.tokenId, key);
    throw cause;
  }
}

/** The body as text (for the idempotency hash) and as parsed JSON; a 400/413 answer otherwise. */
async function readJsonBody(request: Request): Promise<{ raw: string; body: unknown } | Response> {
  let raw: string;
  try {
    raw = await request.text();
  } catch (cause) {
    if (isBodyTooLarge(cause))
      return apiError(413, { code: 'body_too_large', message: 'The body is larger than the server accepts.' });
    return apiError(400, { code: 'invalid_json', message: 'The body could not be read.' });
  }
  try {
    return { raw, body: JSON.parse(raw) as unknown };
  } catch {
    return apiError(400, { code: 'invalid_json', message: 'The body must be JSON.' });
  }
}
