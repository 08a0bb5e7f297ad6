import { z } from 'zod';

export const STATUS_GROUPS = ['influencer', 'contract', 'payment'] as const;
export type StatusGroup = (typeof STATUS_GROUPS)[number];

export const GROUP_LABELS: Record<StatusGroup, string> = {
  influencer: 'Influencer',
  contract: 'Contract',
  payment: 'Payment',
};

/** A status as stored and as read: one column of a group. */
export interface Status {
  id: string;
  group: StatusGroup;
  name: string;
  color: string;
  /** Fractional index: statuses of a group sort by it. */
  rank: string;
  archived: boolean;
  /** For an archived status: where its creators went (and where late arrivals are shown). */
  movedTo?: string;
  /** True for the statuses every board starts with (`DEFAULT_STATUSES`); they can be renamed and archived too. */
  builtIn: boolean;
}

const DEFAULT_NAMES: Record<StatusGroup, [string, string][]> = {
  influencer: [
    ['Prospect', '#94a3b8'],
    ['Shortlisted', '#60a5fa'],
    ['Selected', '#818cf8'],
    ['Rejected', '#f87171'],
    ['Contacted', '#38bdf8'],
    ['Not replied', '#cbd5e1'],
    ['Needs follow-up', '#fbbf24'],
    ['Negotiating', '#f59e0b'],
    ['Brief sent', '#a78bfa'],
    ['Waiting for draft', '#c084fc'],
    ['Draft approved', '#34d399'],
    ['Content posted', '#10b981'],
  ],
  contract: [
    ['No contract', '#cbd5e1'],
    ['Contract sent', '#fbbf24'],
    ['Contract signed', '#10b981'],
  ],
  payment: [
    ['Not paid', '#cbd5e1'],
    ['Pre-payment made', '#60a5fa'],
    ['50% paid', '#818cf8'],
    ['Payment pending', '#fbbf24'],
    ['Paid fully', '#10b981'],
  ],
};

/** `"Needs follow-up"` in group influencer → `"influencer.needs-follow-up"`. */
export function builtInStatusId(group: StatusGroup, name: string): string {
  return `${group}.${name
    .toLowerCase()
    .replace(/%/g, 'pct')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')}`;
}

/** The statuses every board starts with, in order, with stable ids (`builtInStatusId`). */
export const DEFAULT_STATUSES: readonly Status[] = STATUS_GROUPS.flatMap((group) =>
  DEFAULT_NAMES[group].map(([name, color], index) => ({
    id: builtInStatusId(group, name),
    group,
    name,
    color,
    // a0, a1, … a9, aA…: valid fractional-indexing keys in order.
    rank: `a${'0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ'[index]}`,
    archived: false,
    builtIn: true,
  })),
);

/** The status a new creator starts in, per group (Prospect, No contract, Not paid). */
export const INITIAL_STATUS: Record<StatusGroup, string> = {
  influencer: builtInStatusId('influencer', 'Prospect'),
  contract: builtInStatusId('contract', 'No contract'),
  payment: builtInStatusId('payment', 'Not paid'),
};

export const statusNameSchema = z.string().trim().max(40).min(1, { message: 'is required' });
