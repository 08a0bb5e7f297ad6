import { z } from 'zod';
import { can, hasPlaceholder, TEMPLATE_LIMITS, type Role } from '@roster/shared';
import type { Sql } from '../db/client.ts';
import type { Boards, BoardSummary } from '../domain/boards.ts';
import type { ReadLiveBoard } from '../collab/readLiveBoard.ts';
import { isId, newId } from '../ids.ts';
import { denied, fail, parseInput, type Result } from '../validation.ts';
import type { SmtpSettings } from './SmtpSettings.ts';

/** The most recipients one job may have. */
export const MAX_JOB_MESSAGES = 2000;

export type JobKind = 'outreach' | 'follow_up';
export type MessageState = 'pending' | 'sending' | 'sent' | 'failed' | 'unknown';

/** A job as the board's progress bar shows it. */
export interface JobProgress {
  id: string;
  kind: JobKind;
  templateName: string | null;
  createdByName: string;
  state: 'running' | 'done' | 'cancelled';
  createdAt: Date;
  finishedAt: Date | null;
  total: number;
  sent: number;
  failed: number;
  unknown: number;
  /** Messages that did not go (failed) or may not have (unknown), with the SMTP server's answer. */
  problems: { creatorId: string; creatorName: string; to: string; state: 'failed' | 'unknown'; error: string | null }[];
}

const ID = z.string().refine(isId, { message: 'is not a valid id' });
// eslint-disable-next-line no-control-regex
const LINE_BREAKS = /[\u0000-\u001f\u007f]/;

export const jobInputSchema = z.object({
  kind: z.enum(['outreach', 'follow_up']).default('outreach'),
  templateName: z.string().trim().max(TEMPLATE_LIMITS.name).nullable().optional(),
  messages: z
    .array(
      z.object({
        creatorId: z.string().min(1).max(64),
        subject: z
          .string()
          .trim()
          .min(1, { message: 'must not be empty' })
          .max(TEMPLATE_LIMITS.subject)
          .refine((s) => !LINE_BREAKS.test(s), { message: 'must be one line' }),
        body: z.string().trim().min(1, { message: 'must not be empty' }).max(TEMPLATE_LIMITS.body),
      }),
    )
    .min(1, { message: 'must include at least one creator' })
    .max(MAX_JOB_MESSAGES, { message: `can include at most ${MAX_JOB_MESSAGES} creators` }),
});

export const retryInputSchema = z.object({
  /** Only these creators' messages; all failed ones when absent. */
  creatorIds: z.array(z.string().min(1).max(64)).max(MAX_JOB_MESSAGES).optional(),
  /**
   * Also messages whose outcome is unknown (the server stopped while handing them over): they may
   * have been delivered, so they are sent again only when asked for explicitly.
   */
  includeUnknown: z.boolean().optional(),
});

/** Bulk email jobs of a board: created by owners and editors, watched by everyone on the board. */
export class OutreachJobs {
  /** Called when a job has work (the sender looks at once instead of at its next poll). */
  onWork: () => void = () => {};

  constructor(
    private readonly sql: Sql,
    private readonly boards: Boards,
    private readonly smtp: SmtpSettings,
    private readonly readLiveBoard: ReadLiveBoard,
  ) {}

  private async access(actorId: string, boardId: string): Promise<Result<{ board: BoardSummary; role: Role }>> {
    const access = isId(boardId) ? await this.boards.access(boardId, actorId) : null;
    if (!access || !can(access.role, 'board.view') || access.board.archivedAt)
      return fail(404, 'board_not_found', 'This board does not exist or was archived.');
    return { ok: true, ...access };
  }

  /**
   * Queues a job: one message per creator, as reviewed (rendered and maybe edited) in the browser.
   * The address is the creator's email on the live board, not one the request names; a message
   * that still holds a {{placeholder}} is refused, so no hole is ever sent.
   */
  async create(
    actor: { id: string; name: string },
    boardId: string,
    input: unknown,
  ): Promise<Result<{ jobId: string }>> {
    const allowed = await this.access(actor.id, boardId);
    if (!allowed.ok) return allowed;
    if (!can(allowed.role, 'outreach.send')) return denied('outreach.send');
    const parsed = parseInput(jobInputSchema, input, { messages: 'Messages' });
    if (!parsed.ok) return parsed;
    const { messages, kind, templateName } = parsed.value;
    const account = await this.smtp.account(allowed.board.workspaceId);
    if (!account.ok) return account;
    const board = await this.readLiveBoard.board(boardId);
    const creators = new Map(board.creators.map((c) => [c.id, c]));
    const seen = new Set<string>();
    for (const [index, message] of messages.entries()) {
      const creator = creators.get(message.creatorId);
      const field = `messages.${index}`;
      if (!creator) return fail(400, 'creator_not_found', 'A creator in this send is no longer on the board.', field);
      if (seen.has(creator.id)) return fail(400, 'duplicate_creator', `${creator.name} is in this send twice.`, field);
      seen.add(creator.id);
      if (!creator.email) return fail(400, 'no_email', `${creator.name} has no email address.`, field);
      if (hasPlaceholder(message.subject) || hasPlaceholder(message.body))
        return fail(
          400,
          'unfilled_variable',
          `The message to ${creator.name} still has a {{variable}} in it; fill it in or fix the template.`,
          field,
        );
    }
    const jobId = newId();
    await this.sql.begin(async (tx) => {
      await tx`
        insert into outreach_jobs (id, workspace_id, board_id, kind, template_name, created_by, created_by_name)
        values (${jobId}, ${allowed.board.workspaceId}, ${boardId}, ${kind}, ${templateName ?? null}, ${actor.id}, ${actor.name})`;
      const rows = messages.map((message, position) => {
        const creator = creators.get(message.creatorId)!;
        return {
          job_id: jobId,
          creator_id: creator.id,
          creator_name: creator.name,
          position,
          to_address: creator.email!,
          subject: message.subject,
          body: message.body,
        };
      });
      for (let i = 0; i < rows.length; i += 500) await tx`insert into outreach_messages ${tx(rows.slice(i, i + 500))}`;
    });
    this.onWork();
    return { ok: true, jobId };
  }

  /** The board's running jobs and those that finished in the last day (newest first, at most 5). */
  async list(actorId: string, boardId: string): Promise<Result<{ jobs: JobProgress[] }>> {
    const allowed = await this.access(actorId, boardId);
    if (!allowed.ok) return allowed;
    const jobs = await this.sql<Omit<JobProgress, 'problems'>[]>`
      select j.id, j.kind, j.template_name as "templateName", j.created_by_name as "createdByName", j.state,
             j.created_at as "createdAt", j.finished_at as "finishedAt",
             count(m.id)::int as total,
             count(m.id) filter (where m.state = 'sent')::int as sent,
             count(m.id) filter (where m.state = 'failed')::int as failed,
             count(m.id) filter (where m.state = 'unknown')::int as unknown
      from outreach_jobs j join outreach_messages m on m.job_id = j.id
      where j.board_id = ${boardId} and (j.state = 'running' or j.finished_at > now() - interval '1 day')
      group by j.id order by j.created_at desc limit 5`;
    const ids = jobs.map((job) => job.id);
    const problems = ids.length
      ? await this.sql<(JobProgress['problems'][number] & { jobId: string })[]>`
          select job_id as "jobId", creator_id as "creatorId", creator_name as "creatorName", to_address as "to",
                 state, error
          from outreach_messages where job_id in ${this.sql(ids)} and state in ('failed', 'unknown')
          order by position limit 1000`
      : [];
    return {
      ok: true,
      jobs: jobs.map((job) => ({
        ...job,
        problems: problems.filter((p) => p.jobId === job.id).map(({ jobId: _jobId, ...problem }) => problem),
      })),
    };
  }

  /** Puts failed messages (and, when asked, those of unknown outcome) back in the queue. */
  async retry(actorId: string, boardId: string, jobId: string, input: unknown): Promise<Result<{ queued: number }>> {
    const allowed = await this.access(actorId, boardId);
    if (!allowed.ok) return allowed;
    if (!can(allowed.role, 'outreach.send')) return denied('outreach.send');
    const parsed = parseInput(retryInputSchema, input);
    if (!parsed.ok) return parsed;
    if (!isId(jobId)) return fail(404, 'job_not_found', 'This send does not exist.');
    const states = parsed.value.includeUnknown ? ['failed', 'unknown'] : ['failed'];
    const only = parsed.value.creatorIds;
    const queued = await this.sql.begin(async (tx) => {
      const [job] = await tx`select id from outreach_jobs where id = ${jobId} and board_id = ${boardId} for update`;
      if (!job) return null;
      const rows = await tx`
        update outreach_messages set state = 'pending', error = null, lease_until = null
        where job_id = ${jobId} and state in ${tx(states)}
          ${only ? tx`and creator_id in ${tx(only.length ? only : [''])}` : tx``}
        returning id`;
      if (rows.length) await tx`update outreach_jobs set state = 'running', finished_at = null where id = ${jobId}`;
      return rows.length;
    });
    if (queued === null) return fail(404, 'job_not_found', 'This send does not exist.');
    if (queued) this.onWork();
    return { ok: true, queued };
  }

  /** Stops a job: the messages not yet sent are not sent (the ones being sent finish). */
  async cancel(actorId: string, boardId: string, jobId: string): Promise<Result<object>> {
    const allowed = await this.access(actorId, boardId);
    if (!allowed.ok) return allowed;
    if (!can(allowed.role, 'outreach.send')) return denied('outreach.send');
    if (!isId(jobId)) return fail(404, 'job_not_found', 'This send does not exist.');
    const rows = await this.sql`
      update outreach_jobs set state = 'cancelled', finished_at = now()
      where id = ${jobId} and board_id = ${boardId} and state = 'running' returning id`;
    if (!rows.length) return fail(404, 'job_not_found', 'This send is not running.');
    return { ok: true };
  }

  /** One sent (or queued) message in full, for the conversation log. */
  async message(
    actorId: string,
    boardId: string,
    jobId: string,
    creatorId: string,
  ): Promise<
    Result<{ message: { to: string; subject: string; body: string; state: MessageState; sentAt: Date | null } }>
  > {
    const allowed = await this.access(actorId, boardId);
    if (!allowed.ok) return allowed;
    if (!isId(jobId) || !ID.safeParse(jobId).success || creatorId.length > 64)
      return fail(404, 'message_not_found', 'This message does not exist.');
    const [message] = await this.sql<
      { to: string; subject: string; body: string; state: MessageState; sentAt: Date | null }[]
    >`
      select m.to_address as "to", m.subject, m.body, m.state, m.sent_at as "sentAt"
      from outreach_messages m join outreach_jobs j on j.id = m.job_id
      where m.job_id = ${jobId} and j.board_id = ${boardId} and m.creator_id = ${creatorId}`;
    return message ? { ok: true, message } : fail(404, 'message_not_found', 'This message does not exist.');
  }
}
