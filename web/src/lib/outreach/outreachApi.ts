import type { JobProgress, Template } from '@roster/server';

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

async function call<T>(url: string, init?: RequestInit): Promise<T> {
  const response = await fetch(url, init);
  const body = (await response.json().catch(() => null)) as (T & { error?: { message: string } }) | null;
  if (!response.ok) throw new Error(body?.error?.message ?? 'The server did not answer. Try again.');
  return body as T;
}

const post = (body: unknown): RequestInit => ({
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify(body),
});

export const listJobs = (boardId: string) =>
  call<{ jobs: JobView[] }>(`/api/boards/${boardId}/outreach`).then((r) => r.jobs);

export const listTemplates = (workspaceId: string) =>
  call<{ templates: TemplateView[]; email: { fromAddress: string; ratePerMinute: number } | null }>(
    `/api/workspaces/${workspaceId}/templates`,
  );

export const startJob = (
  boardId: string,
  input: {
    kind: 'outreach' | 'follow_up';
    templateName: string | null;
    messages: { creatorId: string; subject: string; body: string }[];
  },
) => call<{ jobId: string }>(`/api/boards/${boardId}/outreach`, post(input));

export const retryJob = (boardId: string, jobId: string, input: { creatorIds?: string[]; includeUnknown?: boolean }) =>
  call<{ queued: number }>(`/api/boards/${boardId}/outreach/${jobId}`, post({ action: 'retry', ...input }));

export const cancelJob = (boardId: string, jobId: string) =>
  call<{ cancelled: true }>(`/api/boards/${boardId}/outreach/${jobId}`, post({ action: 'cancel' }));

export const readMessage = (boardId: string, jobId: string, creatorId: string) =>
  call<{ message: SentMessage }>(
    `/api/boards/${boardId}/outreach/${jobId}?creatorId=${encodeURIComponent(creatorId)}`,
  ).then((r) => r.message);
