import type { Transporter } from 'nodemailer';
import { boardOperations } from '@roster/shared';
import type { Sql } from '../db/client.ts';
import type { ApplyOperation } from '../collab/applyOperation.ts';
import type { Logger } from '../log.ts';
import { fromHeader, smtpError, smtpTransport, type SmtpSettings } from './SmtpSettings.ts';

export interface SenderOptions {
  /** How often each instance looks for messages to send when idle (OUTREACH_POLL_MS). */
  pollMs: number;
  /**
   * The longest one message may take to hand over (OUTREACH_SEND_TIMEOUT_MS). A message claimed
   * longer ago than twice this, still not sent or failed, was interrupted (the process died).
   */
  sendTimeoutMs: number;
}

interface Claimed {
  id: string;
  jobId: string;
  workspaceId: string;
  boardId: string;
  creatorId: string;
  toAddress: string;
  subject: string;
  body: string;
  createdBy: string | null;
  createdByName: string;
}

const INTERRUPTED =
  'The server stopped while this message was being handed to the SMTP server, so it may or may not have been sent. Check the sent mail before sending it again.';
const LOG_EVERY_MS = 1000;
const TIMED_OUT =
  'The SMTP server did not answer in time, so this message may or may not have been sent. Check the sent mail before sending it again.';

/**
 * Sends the queued messages of outreach jobs, on every instance, from PostgreSQL:
 *
 * 1. claim: one statement marks the next pending message `sending` (with a lease) and moves the
 *    workspace's `next_send_at` on by 60 s / rate — committed before the SMTP conversation starts;
 * 2. send it with nodemailer;
 * 3. mark it `sent` (or `failed` with the SMTP server's answer);
 * 4. log it on the creator and move them to Contacted (applyOperation, in batches), then mark it
 *    `logged`.
 *
 * A message is handed to SMTP only from `pending`, and only the claim moves it out of `pending`,
 * so no job sends a creator twice — across instances and restarts. If the process dies between 1
 * and 3, the message stays `sending`; once its lease is over it becomes `unknown` and is NOT sent
 * again by itself (it may have been accepted just before the crash): the board lists it, and
 * "Send again" needs a person to say so. At most once, not at least once: a duplicate email to a
 * creator is worse than a missing one the team is told about. If it dies between 3 and 4, the
 * next pass logs it (step 4 is idempotent per message).
 */
export class OutreachSender {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private stopped = true;
  private again = false;
  private readonly transports = new Map<string, { key: string; transport: Transporter }>();

  constructor(
    private readonly sql: Sql,
    private readonly smtp: SmtpSettings,
    private readonly applyOperation: ApplyOperation,
    private readonly log: Logger,
    private readonly options: SenderOptions,
  ) {}

  start(): void {
    this.stopped = false;
    this.schedule(0);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.running;
    for (const { transport } of this.transports.values()) transport.close();
    this.transports.clear();
  }

  /** A job has new work: look now rather than at the next poll. */
  wake(): void {
    if (this.stopped) return;
    if (this.running) this.again = true;
    else this.schedule(0);
  }

  private schedule(ms: number): void {
    if (this.stopped) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      this.running ??= this.pass()
        .catch((error: unknown) => this.log.error('outreach sender failed', { error: String(error) }))
        .then((waitMs) => {
          this.running = null;
          const next = this.again ? 0 : (waitMs ?? this.options.pollMs);
          this.again = false;
          this.schedule(next);
        });
    }, ms);
    this.timer.unref();
  }

  /** One pass: recover interrupted messages, log unlogged sends, send what is due; returns how long to wait. */
  async pass(): Promise<number> {
    await this.markInterrupted();
    await this.logUnlogged();
    let logged = Date.now();
    while (!this.stopped) {
      const message = await this.claim();
      if (!message) break;
      await this.send(message);
      // Sends go onto the board in batches (one board write for many creators), at least every second.
      if (Date.now() - logged >= LOG_EVERY_MS) {
        await this.logUnlogged();
        logged = Date.now();
      }
    }
    await this.logUnlogged();
    await this.finishJobs();
    return this.untilNextSend();
  }

  private async markInterrupted(): Promise<void> {
    const rows = await this.sql`
      update outreach_messages set state = 'unknown', error = ${INTERRUPTED}, lease_until = null
      where state = 'sending' and lease_until < now() returning id`;
    if (rows.length) this.log.warn('outreach messages interrupted while sending', { count: rows.length });
  }

  private async claim(): Promise<Claimed | null> {
    const leaseMs = this.options.sendTimeoutMs * 2;
    const [row] = await this.sql<Claimed[]>`
      with ws as (
        select s.workspace_id, s.rate_per_minute from smtp_settings s
        where s.next_send_at <= now() and exists (
          select 1 from outreach_jobs j join outreach_messages m on m.job_id = j.id
          where j.workspace_id = s.workspace_id and j.state = 'running' and m.state = 'pending')
        order by s.next_send_at limit 1
        for update of s skip locked
      ), msg as (
        select m.id from outreach_messages m
        join outreach_jobs j on j.id = m.job_id join ws on ws.workspace_id = j.workspace_id
        where j.state = 'running' and m.state = 'pending'
        order by j.created_at, m.position limit 1
        for update of m skip locked
      ), claimed as (
        update outreach_messages m set state = 'sending', attempts = m.attempts + 1,
          lease_until = now() + ${leaseMs} * interval '1 millisecond'
        from msg where m.id = msg.id
        returning m.id, m.job_id, m.creator_id, m.to_address, m.subject, m.body
      ), paced as (
        update smtp_settings s set next_send_at = now() + (60000.0 / ws.rate_per_minute) * interval '1 millisecond'
        from ws, claimed where s.workspace_id = ws.workspace_id
        returning s.workspace_id
      )
      select c.id::text, c.job_id as "jobId", j.workspace_id as "workspaceId", j.board_id as "boardId",
             c.creator_id as "creatorId", c.to_address as "toAddress", c.subject, c.body,
             j.created_by as "createdBy", j.created_by_name as "createdByName"
      from claimed c join outreach_jobs j on j.id = c.job_id, paced`;
    return row ?? null;
  }

  private async send(message: Claimed): Promise<void> {
    const account = await this.smtp.account(message.workspaceId);
    if (!account.ok) {
      await this.finish(message.id, 'failed', account.error.message, null);
      return;
    }
    const key = JSON.stringify({ ...account.account, password: account.account.password });
    let cached = this.transports.get(message.workspaceId);
    if (!cached || cached.key !== key) {
      cached?.transport.close();
      cached = {
        key,
        transport: smtpTransport(account.account, { stepMs: Math.ceil(this.options.sendTimeoutMs / 3) }),
      };
      this.transports.set(message.workspaceId, cached);
    }
    let timer: NodeJS.Timeout | undefined;
    let sending: Promise<{ messageId?: string }> | null = null;
    try {
      sending = cached.transport.sendMail({
        from: fromHeader(account.account),
        to: message.toAddress,
        subject: message.subject,
        text: message.body,
        // One Message-ID per (job, creator), so a mail system that sees it twice can tell.
        messageId: `<${message.jobId}.${message.id}@roster.outreach>`,
        headers: { 'X-Roster-Job': message.jobId },
      });
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new TimeoutError()), this.options.sendTimeoutMs);
      });
      const info = (await Promise.race([sending, timeout])) as { messageId?: string };
      await this.finish(message.id, 'sent', null, info.messageId ?? null);
    } catch (error) {
      if (error instanceof TimeoutError) {
        await this.finish(message.id, 'unknown', TIMED_OUT, null);
        // A late answer still tells the truth: accepted after all, it is marked sent and logged.
        void sending?.then(
          (info) => this.finish(message.id, 'sent', null, info.messageId ?? null),
          () => {},
        );
      } else await this.finish(message.id, 'failed', smtpError(error), null);
    } finally {
      clearTimeout(timer);
    }
  }

  private async finish(id: string, state: 'sent' | 'failed' | 'unknown', error: string | null, smtpId: string | null) {
    // From 'unknown' too: another instance may have given up on it while the SMTP server answered.
    await this.sql`
      update outreach_messages set state = ${state}, error = ${error}, lease_until = null,
        sent_at = ${state === 'sent' ? this.sql`now()` : null}, smtp_message_id = ${smtpId}
      where id = ${id} and state in ('sending', 'unknown')`;
  }

  /**
   * Logs sent messages on their creators (conversation log, Contacted) through the live boards, one
   * board write per job: after each batch of sends, and for sends a stopped process did not log.
   */
  private async logUnlogged(): Promise<void> {
    const rows = await this.sql<
      {
        id: string;
        jobId: string;
        boardId: string;
        creatorId: string;
        subject: string;
        createdBy: string | null;
        createdByName: string;
      }[]
    >`
      select m.id::text, m.job_id as "jobId", j.board_id as "boardId", m.creator_id as "creatorId", m.subject,
             j.created_by as "createdBy", j.created_by_name as "createdByName"
      from outreach_messages m join outreach_jobs j on j.id = m.job_id
      where m.state = 'sent' and not m.logged order by m.id limit 500`;
    const byJob = new Map<string, (typeof rows)[number][]>();
    for (const row of rows) byJob.set(row.jobId, [...(byJob.get(row.jobId) ?? []), row]);
    for (const [jobId, sends] of byJob) {
      const { boardId, createdBy, createdByName } = sends[0]!;
      try {
        // The job was allowed when it was created; it writes as the person who started it.
        const result = await this.applyOperation(
          boardId,
          boardOperations.recordOutreachSent,
          {
            jobId,
            date: new Date().toISOString().slice(0, 10),
            sends: sends.map((send) => ({
              creatorId: send.creatorId,
              entryId: `m${send.id}`,
              subject: send.subject.slice(0, 300),
            })),
          },
          { id: createdBy ?? 'outreach', name: createdByName, role: 'editor' },
        );
        // An archived or deleted board: there is nothing to log them on, and never will be.
        if (!result.ok) this.log.info('outreach sends not logged on the board', { reason: result.error.code });
        await this
          .sql`update outreach_messages set logged = true where id in ${this.sql(sends.map((send) => send.id))}`;
      } catch (error) {
        this.log.warn('outreach sends not yet logged on the board', { error: String(error) });
      }
    }
  }

  private async finishJobs(): Promise<void> {
    await this.sql`
      update outreach_jobs j set state = 'done', finished_at = now()
      where j.state = 'running' and not exists (
        select 1 from outreach_messages m where m.job_id = j.id and m.state in ('pending', 'sending'))`;
  }

  /** Until the next workspace with work may send again (at most the poll interval). */
  private async untilNextSend(): Promise<number> {
    const [row] = await this.sql<{ wait: number | null }[]>`
      select extract(epoch from (min(s.next_send_at) - now())) * 1000 as wait from smtp_settings s
      where exists (
        select 1 from outreach_jobs j join outreach_messages m on m.job_id = j.id
        where j.workspace_id = s.workspace_id and j.state = 'running' and m.state = 'pending')`;
    const wait = row?.wait === null || row?.wait === undefined ? this.options.pollMs : Number(row.wait);
    return Math.max(0, Math.min(this.options.pollMs, Math.ceil(wait)));
  }
}

class TimeoutError extends Error {}
