// What the web app and the tests import. The web app imports types only (see services.ts).
export { startRoster, type RosterApp, type RequestHandler } from './app.ts';
export { parseConfig, loadConfig, type Config } from './config.ts';
export { createLogger, type Logger } from './log.ts';
export type { Services } from './services.ts';
export type { Actor, ApplyOperation } from './collab/applyOperation.ts';
export { SESSION_LIFETIME_MS, type SessionUser, type ValidSession } from './auth/sessions.ts';
export type { WorkspaceSummary, Member, PendingInvite } from './domain/workspaces.ts';
export type { BoardSummary } from './domain/boards.ts';
export type { Failure, Result } from './validation.ts';
export type { ApiTokenSummary, TokenIdentity } from './domain/apiTokens.ts';
export type { IdempotencyStart } from './api/idempotency.ts';
export type { WebhookSummary, DeliveryLogEntry } from './webhooks/Webhooks.ts';
export { verifySignature } from './webhooks/signature.ts';
export type { SnapshotSummary, SnapshotReason } from './history/Snapshots.ts';
export type { StoredFile } from './files/Files.ts';
export { LINK_MESSAGES, type ShareLinkScope, type ShareLinkSummary } from './shareLinks/ShareLinks.ts';
export type { DuePayment } from './payments/PaymentIndex.ts';
