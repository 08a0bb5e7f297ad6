import { SERVICES_KEY } from '@roster/shared';
import { Accounts } from './domain/accounts.ts';
import { AccessEventRelay } from './domain/accessEvents.ts';
import type { WorkspaceAqsBands } from './domain/aqsBands.ts';
import { Boards } from './domain/boards.ts';
import { Workspaces } from './domain/workspaces.ts';
import { SessionStore } from './auth/sessions.ts';
import type { Sql } from './db/client.ts';
import type { ApplyOperation } from './collab/applyOperation.ts';
import type { ReadLiveBoard } from './collab/readLiveBoard.ts';
import { ApiTokens } from './domain/apiTokens.ts';
import { IdempotencyKeys } from './api/idempotency.ts';
import { TokenRateLimits } from './api/tokenRateLimits.ts';
import { Webhooks } from './webhooks/Webhooks.ts';
import type { Snapshots } from './history/Snapshots.ts';
import type { Files } from './files/Files.ts';
import type { ShareLinks } from './shareLinks/ShareLinks.ts';
import type { ContentReview } from './shareLinks/ContentReview.ts';
import type { OverdueCheck } from './payments/OverdueCheck.ts';
import type { PaymentIndex } from './payments/PaymentIndex.ts';
import type { CollabServer } from './collab/createCollabServer.ts';
import type { Logger } from './log.ts';
import type { Outreach } from './outreach/outreach.ts';
import type { BoardPreviews } from './previews/BoardPreviews.ts';
import type { PreviewBuilder } from './previews/PreviewBuilder.ts';

/** The domain services the web app and the HTTP API call. */
export interface Services {
  sql: Sql;
  log: Logger;
  sessions: SessionStore;
  accounts: Accounts;
  workspaces: Workspaces;
  boards: Boards;
  collab: CollabServer;
  /**
   * Runs a shared board operation on the live board for an actor, as the actor's own edit would
   * (see collab/applyOperation.ts): for the routes, the HTTP API and jobs.
   */
  applyOperation: ApplyOperation;
  /** Reads a board (or its activity) as the people who have it open see it. */
  readLiveBoard: ReadLiveBoard;
  /** The HTTP API's tokens, idempotency keys and per-token rate limits. */
  apiTokens: ApiTokens;
  idempotencyKeys: IdempotencyKeys;
  apiRateLimits: TokenRateLimits;
  /** The workspace's AQS bands, kept in step with every board of the workspace (domain/aqsBands.ts). */
  aqsBands: WorkspaceAqsBands;
  webhooks: Webhooks;
  /** Board history: snapshots, browse and restore (history/Snapshots.ts). */
  snapshots: Snapshots;
  /** Stored files: contract documents, content drafts (files/Files.ts). */
  files: Files;
  /** No-account links for one creator: client review, creator acceptance (shareLinks/ShareLinks.ts). */
  shareLinks: ShareLinks;
  /** A client's review of one creator's drafts through a review link (shareLinks/ContentReview.ts). */
  contentReview: ContentReview;
  /** The payment index (due and overdue payments of every board) and the scheduled overdue check. */
  payments: { index: PaymentIndex; overdueCheck: OverdueCheck };
  /** What each board page shows before its board is loaded (previews/BoardPreviews.ts); read by the board page. */
  boardPreviews: BoardPreviews;
  /** Builds those previews in a worker thread (previews/PreviewBuilder.ts). */
  previewBuilder: PreviewBuilder;
  /** Outreach: message templates, the SMTP server, bulk email jobs and their sender (outreach/). */
  outreach: Outreach;
}

/** Builds the domain services; access events reach the collab server once it is attached. */
export function createDomain(sql: Sql) {
  const accessEvents = new AccessEventRelay();
  const sessions = new SessionStore(sql, accessEvents);
  const workspaces = new Workspaces(sql, accessEvents);
  const accounts = new Accounts(sql, sessions, workspaces);
  const boards = new Boards(sql, workspaces, accessEvents);
  const apiTokens = new ApiTokens(sql, workspaces);
  const idempotencyKeys = new IdempotencyKeys(sql);
  const apiRateLimits = new TokenRateLimits();
  const webhooks = new Webhooks(sql, workspaces);
  return { accessEvents, sessions, workspaces, accounts, boards, apiTokens, idempotencyKeys, apiRateLimits, webhooks };
}

/**
 * Hands the services to the SvelteKit app. The app is a separate bundle with its own module
 * instances, so a global (set once by the composition root) is the one shared place.
 */
export function provideServices(services: Services): void {
  (globalThis as Record<symbol, unknown>)[SERVICES_KEY] = services;
}
