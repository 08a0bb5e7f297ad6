import { isRecord } from '../document/guards.ts';
import { PLATFORMS, type Platform } from '../creators/creator.ts';
import type { CreatorCells } from '../creators/creatorFields.ts';
import { number } from '../creators/readProfile.ts';
import { MAX_DELIVERABLES, MAX_TERMS_TEXT } from './dealFields.ts';
import {
  isDealDate,
  type ContractAcceptance,
  type Deal,
  type DealTerms,
  type Deliverable,
  type FileRef,
} from './deal.ts';

/**
 * A creator's deal from its cells. Any client can write anything into a cell, so every value is
 * repaired or read as not set: a bad date is null, a deliverable without a format is skipped, a
 * `javascript:` link is no link.
 */
export function readDeal(cells: CreatorCells): Deal {
  const v = cells.values as Record<string, unknown>;
  return {
    deliverables: readDeliverables(cells.members.deliverables),
    usageRights: readTerms(v.usageRights),
    exclusivity: readTerms(v.exclusivity),
    contractUrl: webUrl(v.contractUrl),
    contractFile: readFileRef(v.contractFile),
    contractSentAt: date(v.contractSentAt),
    contractSignedAt: date(v.contractSignedAt),
    contractAcceptance: readAcceptance(v.contractAcceptance),
  };
}

/** A stored deliverable (the member's value), or null when it cannot be read. */
export function readDeliverable(id: string, value: unknown): Deliverable | null {
  if (!isRecord(value) || !id) return null;
  const format = typeof value.format === 'string' ? value.format.trim().slice(0, 60) : '';
  if (!format) return null;
  const count = number(value.count, 1, 100);
  return {
    id: id.slice(0, 64),
    platform: PLATFORMS.includes(value.platform as Platform) ? (value.platform as Platform) : 'other',
    format,
    count: count === undefined ? 1 : Math.round(count),
    dueDate: date(value.dueDate),
    briefUrl: webUrl(value.briefUrl),
    order: typeof value.order === 'number' && Number.isFinite(value.order) ? value.order : 0,
  };
}

function readDeliverables(members: Map<string, unknown> | undefined): Deliverable[] {
  if (!members) return [];
  const list: Deliverable[] = [];
  for (const [id, value] of members) {
    const deliverable = readDeliverable(id, value);
    if (deliverable) list.push(deliverable);
  }
  return list
    .sort((a, b) => a.order - b.order || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    .slice(0, MAX_DELIVERABLES * 2);
}

function readTerms(value: unknown): DealTerms | null {
  if (!isRecord(value)) return null;
  const text = typeof value.text === 'string' ? value.text.slice(0, MAX_TERMS_TEXT) : '';
  const from = date(value.from);
  const until = date(value.until);
  if (!text && !from && !until) return null;
  return { text, from, until };
}

function readFileRef(value: unknown): FileRef | null {
  if (!isRecord(value) || typeof value.fileId !== 'string' || !/^[A-Za-z0-9_-]{1,64}$/.test(value.fileId)) return null;
  return {
    fileId: value.fileId,
    name: typeof value.name === 'string' && value.name ? value.name.slice(0, 200) : 'contract',
    size: number(value.size, 0, 1e9) ?? 0,
    type: typeof value.type === 'string' ? value.type.slice(0, 120) : '',
  };
}

function readAcceptance(value: unknown): ContractAcceptance | null {
  if (!isRecord(value) || typeof value.name !== 'string' || !value.name.trim()) return null;
  const accepted = date(value.date);
  if (!accepted) return null;
  return {
    name: value.name.slice(0, 120),
    date: accepted,
    at: number(value.at, 0, 1e15) ?? 0,
    linkId: typeof value.linkId === 'string' ? value.linkId.slice(0, 64) : '',
  };
}

function date(value: unknown): string | null {
  return typeof value === 'string' && isDealDate(value) ? value : null;
}

function webUrl(value: unknown): string | null {
  if (typeof value !== 'string' || value.length > 500) return null;
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:' ? value : null;
  } catch {
    return null;
  }
}
