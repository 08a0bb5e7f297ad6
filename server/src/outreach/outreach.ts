import type { Config } from '../config.ts';
import type { Sql } from '../db/client.ts';
import type { ApplyOperation } from '../collab/applyOperation.ts';
import type { ReadLiveBoard } from '../collab/readLiveBoard.ts';
import type { Boards } from '../domain/boards.ts';
import type { Workspaces } from '../domain/workspaces.ts';
import type { Logger } from '../log.ts';
import { OutreachJobs } from './OutreachJobs.ts';
import { OutreachSender } from './OutreachSender.ts';
import { SecretBox } from './secretBox.ts';
import { SmtpSettings } from './SmtpSettings.ts';
import { Templates } from './Templates.ts';

export interface Outreach {
  templates: Templates;
  smtp: SmtpSettings;
  jobs: OutreachJobs;
  sender: OutreachSender;
}

/** Builds the outreach services; the composition root starts and stops the sender. */
export function createOutreach(
  config: Config,
  deps: {
    sql: Sql;
    workspaces: Workspaces;
    boards: Boards;
    applyOperation: ApplyOperation;
    readLiveBoard: ReadLiveBoard;
    log: Logger;
  },
): Outreach {
  const box = SecretBox.fromKeyText(config.OUTREACH_SECRET_KEY);
  const smtp = new SmtpSettings(deps.sql, deps.workspaces, box, {
    stepMs: Math.ceil(config.OUTREACH_SEND_TIMEOUT_MS / 3),
  });
  const templates = new Templates(deps.sql, deps.workspaces);
  const jobs = new OutreachJobs(deps.sql, deps.boards, smtp, deps.readLiveBoard);
  const sender = new OutreachSender(deps.sql, smtp, deps.applyOperation, deps.log, {
    pollMs: config.OUTREACH_POLL_MS,
    sendTimeoutMs: config.OUTREACH_SEND_TIMEOUT_MS,
  });
  jobs.onWork = () => sender.wake();
  return { templates, smtp, jobs, sender };
}
