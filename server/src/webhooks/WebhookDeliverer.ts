import type { Sql } from '../db/client.ts';
import type { Logger } from '../log.ts';
import { signatureHeader } from './signature.ts';

/** After this many failed attempts a delivery is given up (state `failed`, shown in the log). */
export const MAX_ATTEMPTS = 8;
const TIMEOUT_MS = 10_000;
const BATCH = 20;

export interface DelivererOptions {
  /** First retry after this; each next one waits twice as long (WEBHOOK_RETRY_BASE_MS). */
  retryBaseMs: number;
  /** How often the outbox is checked (WEBHOOK_POLL_MS). */
  pollMs: number;
}

interface Due {
  id: string;
  url: string;
  secret: string;
  event: string;
  payload: unknown;
  attempts: number;
}

/**
 * Sends queued webhook deliveries: POST of the JSON payload with `Roster-Event`,
 * `Roster-Delivery` and `Roster-Signature` headers; a 2xx answer delivers, anything else (or no
 * answer in 10 s) retries with exponential backoff. Several instances share the outbox: each
 * claims due rows for 30 s (`for update skip locked`), so one delivery goes out from one instance.
 */
export class WebhookDeliverer {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;

  constructor(
    private readonly sql: Sql,
    private readonly log: Logger,
    private readonly options: DelivererOptions,
  ) {}

  start(): void {
    this.timer = setInterval(() => {
      this.running ??= this.deliverDue().finally(() => (this.running = null));
    }, this.options.pollMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running;
  }

  /** Sends every delivery that is due now (one batch at a time). */
  async deliverDue(): Promise<void> {
    try {
      for (;;) {
        const due = await this.claim();
        if (due.length === 0) return;
        await Promise.all(due.map((delivery) => this.send(delivery)));
      }
    } catch (error) {
      this.log.error('webhook deliveries failed', { error: String(error) });
    }
  }

  private claim(): Promise<Due[]> {
    return this.sql<Due[]>`
      update webhook_deliveries d set locked_until = now() + interval '30 seconds'
      from webhooks w
      where w.id = d.webhook_id and d.id in (
        select id from webhook_deliveries
        where state = 'pending' and next_attempt_at <= now() and (locked_until is null or locked_until < now())
        order by id limit ${BATCH} for update skip locked)
      returning d.id, w.url, w.secret, d.event, d.payload, d.attempts`;
  }

  private async send(delivery: Due): Promise<void> {
    const body = JSON.stringify(delivery.payload);
    let status: number | null = null;
    let error: string | null = null;
    try {
      const response = await fetch(delivery.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'user-agent': 'Roster-Webhooks/1',
          'roster-event': delivery.event,
          'roster-delivery': String(delivery.id),
          'roster-signature': signatureHeader(delivery.secret, body, new Date()),
        },
        body,
        redirect: 'manual',
        signal: AbortSignal.timeout(TIMEOUT_MS),
      });
      status = response.status;
      await response.body?.cancel();
    } catch (cause) {
      error = cause instanceof Error ? cause.message : String(cause);
    }
    const attempts = delivery.attempts + 1;
    const delivered = status !== null && status >= 200 && status < 300;
    const state = delivered ? 'delivered' : attempts >= MAX_ATTEMPTS ? 'failed' : 'pending';
    const wait = this.options.retryBaseMs * 2 ** (attempts - 1);
    await this.sql`
      update webhook_deliveries set
        attempts = ${attempts}, state = ${state}, last_status = ${status}, last_error = ${error?.slice(0, 500) ?? null},
        locked_until = null, delivered_at = ${delivered ? new Date() : null},
        next_attempt_at = ${new Date(Date.now() + wait)}
      where id = ${delivery.id}`;
  }
}
