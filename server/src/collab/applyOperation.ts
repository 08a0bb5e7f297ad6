import type { Hocuspocus } from '@hocuspocus/server';
import {
  activityDocumentName,
  boardDocumentName,
  can,
  POLICY,
  refused,
  runOperation,
  type Action,
  type AnyOperation,
  type InputOf,
  type ResultOf,
  type Role,
} from '@roster/shared';
import type { Boards } from '../domain/boards.ts';
import { ServerWrite } from './ServerWrite.ts';

/** Who an operation applied on the server is done by: a member, or a job or API token acting for one. */
export interface Actor {
  id: string;
  /** Shown in the board's activity history. */
  name: string;
  /** The actor's role on the board's workspace; the policy table decides what it may do. */
  role: Role;
}

/**
 * Runs a shared operation on a board's live document, as a client's edit would: people with the
 * board open see it at once, its activity entries name the actor, and it resolves only once the
 * change is stored in PostgreSQL (in the update log). Refuses, as a Problem, an actor whose role
 * may not do the operation's action, and a board that does not exist or is archived.
 */
export type ApplyOperation = <Op extends AnyOperation>(
  boardId: string,
  operation: Op,
  input: InputOf<Op>,
  actor: Actor,
) => Promise<ResultOf<Op>>;

/**
 * Server-side writes (the HTTP API, bulk email jobs, payment reminders, restores) go through
 * Hocuspocus' direct connections: the board document is loaded if nobody has it open, and its
 * changes are broadcast to the connections that do. Persistence logs the updates of a direct
 * connection once applied (a client's are logged as they arrive), and reports them to the
 * ServerWrite origin this waits on.
 */
export function createApplyOperation(
  hocuspocus: Hocuspocus,
  boards: Pick<Boards, 'get'>,
  clock: () => number = Date.now,
): ApplyOperation {
  return async function applyOperation<Op extends AnyOperation>(
    boardId: string,
    operation: Op,
    input: InputOf<Op>,
    actor: Actor,
  ): Promise<ResultOf<Op>> {
    if (!can(actor.role, operation.action)) {
      return refused('forbidden', forbiddenMessage(actor.role, operation.action)) as ResultOf<Op>;
    }
    const board = await boards.get(boardId);
    if (!board || board.archivedAt) {
      return refused('board_not_found', 'This board does not exist, or it was archived.') as ResultOf<Op>;
    }
    const write = new ServerWrite({ id: actor.id, name: actor.name });
    // Hooks that read a connection's context (onDisconnect) get an object, as with a socket.
    const context = { actor };
    const boardConnection = await hocuspocus.openDirectConnection(boardDocumentName(boardId), context);
    try {
      const activityConnection = await hocuspocus.openDirectConnection(activityDocumentName(boardId), context);
      try {
        const activity = activityConnection.document!;
        let result!: ResultOf<Op>;
        await boardConnection.transact((doc) => {
          // One transaction per document with this origin, whatever origin the operation passes on:
          // persistence reports every update of `write` to it.
          activity.transact(() => {
            doc.transact(() => {
              result = runOperation(doc, operation, input, {
                actor: write.actor,
                now: clock(),
                origin: write,
                activity,
              });
            }, write);
          }, write);
        });
        await write.stored();
        return result;
      } finally {
        await activityConnection.disconnect();
      }
    } finally {
      await boardConnection.disconnect();
    }
  };
}

/** "Only owners and editors may do this; you are a viewer." */
function forbiddenMessage(role: Role, action: Action): string {
  const allowed = (POLICY[action] as readonly Role[]).map((allowedRole) => `${allowedRole}s`);
  const who = allowed.length > 1 ? `${allowed.slice(0, -1).join(', ')} and ${allowed.at(-1)}` : allowed[0];
  return `Only ${who} may do this; you are ${role === 'owner' ? 'an' : 'a'} ${role}.`;
}
