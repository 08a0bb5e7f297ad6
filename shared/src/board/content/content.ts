import { z } from 'zod';
import type { FileRef } from '../deals/deal.ts';
import { MAX_COMMENT_LENGTH } from './contentFields.ts';

export const DRAFT_DECISIONS = ['pending', 'changes_requested', 'approved'] as const;
export type DraftDecision = (typeof DRAFT_DECISIONS)[number];

/** One version of a draft for a deliverable: a link or an uploaded file, and what was decided. */
export interface Draft {
  id: string;
  /** The deliverable (`deliverables:<id>`) it is a draft of. */
  deliverableId: string;
  /** 1, 2, … per deliverable: a new version after changes were requested. */
  version: number;
  url: string | null;
  file: FileRef | null;
  submittedAt: number;
  submittedBy: string;
  decision: DraftDecision;
  /** Who approved or asked for changes ("Client (review link)" for a client). */
  decidedBy: string | null;
  decidedAt: number | null;
}

export interface DraftComment {
  id: string;
  draftId: string;
  body: string;
  author: string;
  /** Written through a client's review link. */
  byClient: boolean;
  at: number;
}

/** A creator's drafts (newest version first per deliverable) and their comments (oldest first). */
export interface CreatorContent {
  drafts: Draft[];
  comments: DraftComment[];
}

/** What a decision reads as. */
export const DECISION_LABELS: Record<DraftDecision, string> = {
  pending: 'Waiting for review',
  changes_requested: 'Changes requested',
  approved: 'Approved',
};

export const draftUrlSchema = z
  .url({ protocol: /^https?$/, message: 'must be an http(s) address' })
  .max(2000, { message: 'must be at most 2000 characters' });

export const commentBodySchema = z
  .string()
  .trim()
  .min(1, { message: 'is required' })
  .max(MAX_COMMENT_LENGTH, { message: `must be at most ${MAX_COMMENT_LENGTH} characters` });

/** Actors whose id starts with this act through a share link (not a member). */
export const LINK_ACTOR_PREFIX = 'link:';

/** The name a client's review-link actions are recorded under. */
export const CLIENT_ACTOR_NAME = 'Client (review link)';

/** The latest version of each deliverable's draft. */
export function latestDrafts(drafts: Draft[]): Map<string, Draft> {
  const latest = new Map<string, Draft>();
  for (const draft of drafts) {
    const current = latest.get(draft.deliverableId);
    if (!current || draft.version > current.version) latest.set(draft.deliverableId, draft);
  }
  return latest;
}
