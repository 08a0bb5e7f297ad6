import type { JobProgress, Template } from '@roster/server';
import { postJson, requestJson } from '$lib/sessionApi';

// The web app's side of outreach: the session API under /api/boards/:boardId/outreach and
// /api/workspaces/:workspaceId/templates.

export type JobView = Omit<JobProgress, 'createdAt' | 'finishedAt'> & { createdAt: string; finishedAt: string | null };
export type TemplateView = Omit<Template, 'updatedAt'> & { updatedAt: string };
export interface SentMessage {
  to: string;
  subject: string;
  body: string;
  state: string;
  sentAt: string | null;
}

export const listJobs = (boardId: string) =>
  requestJson<{ jobs: JobView[] }>(`/api/boards/${boardId}/outreach`).then((r) => r.jobs);

export const listTemplates = (workspaceId: string) =>
  requestJson<{ templates: TemplateView[]; email: { fromAddress: string; ratePerMinute: number } | null }>(
    `/api/workspaces/${workspaceId}/templates`,
  );

export const startJob = (
  boardId: string,
  input: {
    kind: 'outreach' | 'follow_up';
    templateName: string | null;
    messages: { creatorId: string; subject: string; body: string }[];
  },
) => requestJson<{ jobId: string }>(`/api/boards/${boardId}/outreach`, postJson(input));

export const retryJob = (boardId: string, jobId: string, input: { creatorIds?: string[]; includeUnknown?: boolean }) =>
  requestJson<{ queued: number }>(`/api/boards/${boardId}/outreach/${jobId}`, postJson({ action: 'retry', ...input }));

export const cancelJob = (boardId: string, jobId: string) =>
  requestJson<{ cancelled: true }>(`/api/boards/${boardId}/outreach/${jobId}`, postJson({ action: 'cancel' }));

export const readMessage = (boardId: string, jobId: string, creatorId: string) =>
  requestJson<{ message: SentMessage }>(
    `/api/boards/${boardId}/outreach/${jobId}?creatorId=${encodeURIComponent(creatorId)}`,
  ).then((r) => r.message);
