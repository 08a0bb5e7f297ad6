import { z } from 'zod';
import { can, WEBHOOK_EVENTS, type WebhookEvent } from '@roster/shared';
import type { Sql } from '../db/client.ts';
import { isId, newId, newToken } from '../ids.ts';
import type { Workspaces } from '../domain/workspaces.ts';
import { denied, fail, parseInput, type Result } from '../validation.ts';

export const MAX_WEBHOOKS_PER_WORKSPACE = 20;

export interface WebhookSummary {
  id: string;
  url: string;
  events: WebhookEvent[];
  createdAt: Date;
}

export interface DeliveryLogEntry {
  id: string;
  webhookId: string;
  event: string;
  state: 'pending' | 'delivered' | 'failed';
  attempts: number;
  lastStatus: number | null;
  lastError: string | null;
  createdAt: Date;
}

export const webhookSchema = z.object({
  url: z
    .url({ protocol: /^https?$/, message: 'must be an http(s) address' })
    .max(500, { message: 'must be at most 500 characters' }),
  events: z
    .array(z.enum(WEBHOOK_EVENTS, { message: 'is not an event Roster sends' }))
    .min(1, { message: 'must include at least one event' })
    .max(WEBHOOK_EVENTS.length),
});

/** A workspace's webhooks and their delivery log; the owner's (policy `webhooks.manage`). */
export class Webhooks {
  /** Called after a webhook was added or removed (app.ts: the outbox forgets its targets at once). */
  changed: () => void = () => {};

  constructor(
    private readonly sql: Sql,
    private readonly workspaces: Workspaces,
  ) {}

  private async check(actorId: string, workspaceId: string): Promise<Result<object>> {
    const role = await this.workspaces.roleOf(workspaceId, actorId);
    if (!role) return fail(404, 'workspace_not_found', 'Workspace not found.');
    if (!can(role, 'webhooks.manage')) return denied('webhooks.manage');
    return { ok: true };
  }

  /** Adds a webhook; its signing secret is returned (and shown) this once. */
  async create(
    actorId: string,
    workspaceId: string,
    input: unknown,
  ): Promise<Result<{ webhook: WebhookSummary; secret: string }>> {
    const allowed = await this.check(actorId, workspaceId);
    if (!allowed.ok) return allowed;
    const parsed = parseInput(webhookSchema, input, { url: 'URL', events: 'Events' });
    if (!parsed.ok) return parsed;
    const [live] = await this.sql<{ count: number }[]>`
      select count(*)::int as count from webhooks where workspace_id = ${workspaceId} and deleted_at is null`;
    if (live!.count >= MAX_WEBHOOKS_PER_WORKSPACE)
      return fail(409, 'too_many_webhooks', `A workspace can have at most ${MAX_WEBHOOKS_PER_WORKSPACE} webhooks.`);
    const id = newId();
    const secret = `whsec_${newToken()}`;
    const events = [...new Set(parsed.value.events)];
    const [row] = await this.sql<{ created_at: Date }[]>`
      insert into webhooks (id, workspace_id, url, secret, events, created_by)
      values (${id}, ${workspaceId}, ${parsed.value.url}, ${secret}, ${events}, ${actorId})
      returning created_at`;
    this.changed();
    return { ok: true, secret, webhook: { id, url: parsed.value.url, events, createdAt: row!.created_at } };
  }

  async list(
    actorId: string,
    workspaceId: string,
  ): Promise<Result<{ webhooks: WebhookSummary[]; deliveries: DeliveryLogEntry[] }>> {
    const allowed = await this.check(actorId, workspaceId);
    if (!allowed.ok) return allowed;
    const webhooks = await this.sql<WebhookSummary[]>`
      select id, url, events, created_at as "createdAt" from webhooks
      where workspace_id = ${workspaceId} and deleted_at is null order by created_at, id`;
    const deliveries = await this.sql<DeliveryLogEntry[]>`
      select d.id::text, d.webhook_id as "webhookId", d.event, d.state, d.attempts,
             d.last_status as "lastStatus", d.last_error as "lastError", d.created_at as "createdAt"
      from webhook_deliveries d join webhooks w on w.id = d.webhook_id
      where w.workspace_id = ${workspaceId} and w.deleted_at is null
      order by d.id desc limit 50`;
    return { ok: true, webhooks, deliveries };
  }

  /** Deletes a webhook: nothing more is sent to it, queued deliveries included. */
  async remove(actorId: string, workspaceId: string, webhookId: string): Promise<Result<object>> {
    const allowed = await this.check(actorId, workspaceId);
    if (!allowed.ok) return allowed;
    if (!isId(webhookId)) return fail(404, 'webhook_not_found', 'This webhook does not exist.');
    const deleted = await this.sql`
      update webhooks set deleted_at = now() where id = ${webhookId} and workspace_id = ${workspaceId} and deleted_at is null
      returning id`;
    if (deleted.length === 0) return fail(404, 'webhook_not_found', 'This webhook does not exist.');
    this.changed();
    await this.sql`delete from webhook_deliveries where webhook_id = ${webhookId} and state = 'pending'`;
    return { ok: true };
  }
}
