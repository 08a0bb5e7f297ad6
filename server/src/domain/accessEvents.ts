import type { Role } from '@roster/shared';

/**
 * What the live board server must react to when access (or a board's name) changes over HTTP. The composition
 * root wires these to the collab server (and, with Redis, to every instance).
 */
export interface AccessEvents {
  memberRemoved(workspaceId: string, userId: string): void;
  roleChanged(workspaceId: string, userId: string, role: Role): void;
  boardArchived(boardId: string): void;
  /** The board's name changed: everyone who has it open re-reads it. */
  boardRenamed(boardId: string): void;
  /** Sessions ended by logout or a password change: their sockets must close. */
  sessionsEnded(sessionIds: string[]): void;
}

/** Forwards to a target set later: the collab server is built after the domain services. */
export class AccessEventRelay implements AccessEvents {
  target: AccessEvents | null = null;
  memberRemoved(workspaceId: string, userId: string): void {
    this.target?.memberRemoved(workspaceId, userId);
  }
  roleChanged(workspaceId: string, userId: string, role: Role): void {
    this.target?.roleChanged(workspaceId, userId, role);
  }
  boardArchived(boardId: string): void {
    this.target?.boardArchived(boardId);
  }
  boardRenamed(boardId: string): void {
    this.target?.boardRenamed(boardId);
  }
  sessionsEnded(sessionIds: string[]): void {
    this.target?.sessionsEnded(sessionIds);
  }
}
