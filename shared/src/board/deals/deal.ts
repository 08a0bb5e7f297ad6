import { z } from 'zod';
import { PLATFORMS, type Platform } from '../creators/creator.ts';
import { MAX_TERMS_TEXT } from './dealFields.ts';

/** One deliverable of a deal: what the creator posts, where, how many, by when. */
export interface Deliverable {
  id: string;
  platform: Platform;
  /** Reel, Story, Video, Post… (≤ 60 characters). */
  format: string;
  /** 1–100. */
  count: number;
  /** `YYYY-MM-DD`, or null. */
  dueDate: string | null;
  /** The brief for this deliverable (http(s)), or null. */
  briefUrl: string | null;
  order: number;
}

/** Usage rights or exclusivity: free text and an optional period. */
export interface DealTerms {
  text: string;
  from: string | null;
  until: string | null;
}

/** A file kept by the server's file store. */
export interface FileRef {
  fileId: string;
  name: string;
  size: number;
  type: string;
}

/** The creator's acceptance of the terms through an acceptance link. */
export interface ContractAcceptance {
  /** The name the creator typed. */
  name: string;
  /** The date the creator gave, `YYYY-MM-DD`. */
  date: string;
  /** When it was recorded, ms since the epoch. */
  at: number;
  /** The acceptance link it came through. */
  linkId: string;
}

/** A creator's deal as readBoard reads it (the fee is `Creator.fee`). */
export interface Deal {
  /** In `order`, then id. */
  deliverables: Deliverable[];
  usageRights: DealTerms | null;
  exclusivity: DealTerms | null;
  contractUrl: string | null;
  contractFile: FileRef | null;
  contractSentAt: string | null;
  contractSignedAt: string | null;
  contractAcceptance: ContractAcceptance | null;
}

export const EMPTY_DEAL: Deal = {
  deliverables: [],
  usageRights: null,
  exclusivity: null,
  contractUrl: null,
  contractFile: null,
  contractSentAt: null,
  contractSignedAt: null,
  contractAcceptance: null,
};

/** A calendar date `YYYY-MM-DD` that exists (no 2026-02-30), from 1970 on. */
export function isDealDate(value: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const parsed = new Date(Date.UTC(year, month - 1, day));
  return (
    year >= 1970 &&
    parsed.getUTCFullYear() === year &&
    parsed.getUTCMonth() === month - 1 &&
    parsed.getUTCDate() === day
  );
}

// Input schemas, shared by the web app, the server and the tests.

export const dealDateSchema = z
  .string()
  .max(10, { message: 'must be a date like 2026-06-01' })
  .refine(isDealDate, { message: 'must be a date like 2026-06-01' });

/** Only web addresses: a `javascript:` link in a contract or brief would run when clicked. */
export const dealUrlSchema = z.url({ protocol: /^https?$/, message: 'must be an http(s) address' }).max(500);

export const deliverableInputSchema = z.object({
  /** Where it is posted. */
  platform: z.enum(PLATFORMS, { message: 'must be one of the platforms' }),
  /** Reel, Story, Video… */
  format: z.string().trim().min(1, { message: 'is required' }).max(60),
  /** How many, 1–100. */
  count: z.number().int({ message: 'must be a whole number' }).min(1).max(100),
  /** Due date `YYYY-MM-DD`, or null. */
  dueDate: dealDateSchema.nullable().default(null),
  /** Link to the brief, or null. */
  briefUrl: dealUrlSchema.nullable().default(null),
});
export type DeliverableInput = z.input<typeof deliverableInputSchema>;

export const termsSchema = z
  .object({
    /** What the brand may do with the content / what the creator may not do (≤ 2000 characters). */
    text: z.string().trim().max(MAX_TERMS_TEXT),
    /** From `YYYY-MM-DD`, or null. */
    from: dealDateSchema.nullable().default(null),
    /** Until `YYYY-MM-DD`, or null. */
    until: dealDateSchema.nullable().default(null),
  })
  .refine((terms) => !terms.from || !terms.until || terms.from <= terms.until, {
    message: 'must end on or after the day it starts',
    path: ['until'],
  });

/** File types a contract may be: PDF and Word (DOCX). */
export const CONTRACT_TYPES = [
  'application/pdf',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
] as const;

export const fileRefSchema = z.object({
  fileId: z.string().min(1).max(64),
  name: z.string().trim().min(1).max(200),
  size: z.number().int().min(0).max(1_000_000_000),
  type: z.string().max(120),
});
