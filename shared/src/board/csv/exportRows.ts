import { BRAND_SAFETY_RISK_LABELS, type Creator } from '../creators/creator.ts';
import { aqsBand, type AqsBand } from '../screening/aqs.ts';
import type { Status, StatusGroup } from '../statuses/status.ts';
import { EXPORT_COLUMNS, type CsvField } from './csvColumns.ts';
import { formatCsvHandle, formatPairs, LIST_SEPARATOR } from './csvValues.ts';
import { escapeFormula } from './formulas.ts';

/** What an export needs besides the creators: status names, member names, the board's AQS bands. */
export interface ExportContext {
  statuses: Readonly<Record<StatusGroup, readonly Pick<Status, 'id' | 'name'>[]>>;
  members: readonly { id: string; name: string }[];
  aqsBands?: readonly AqsBand[];
}

/**
 * The rows of a CSV export: a header of `EXPORT_COLUMNS` labels, then one row per creator with
 * every field, written so `mapRow` reads it back to the same data (see csvValues.ts), and every
 * cell escaped against formula injection (see formulas.ts). Quoting is the CSV writer's job.
 */
export function exportRows(creators: readonly Creator[], ctx: ExportContext): string[][] {
  const statusNames = new Map(
    Object.values(ctx.statuses).flatMap((statuses) => statuses.map((status) => [status.id, status.name] as const)),
  );
  const memberNames = new Map(ctx.members.map((member) => [member.id, member.name]));
  const write = (creator: Creator, field: CsvField): string => {
    const audience = creator.audience ?? {};
    switch (field) {
      case 'name':
        return creator.name;
      case 'handles':
        return creator.handles.map(formatCsvHandle).join(' ');
      case 'profileUrl':
      case 'email':
      case 'country':
      case 'language':
        return creator[field] ?? '';
      case 'categories':
      case 'brandSafety':
      case 'tags':
        return creator[field].join(LIST_SEPARATOR);
      case 'followers':
      case 'engagementRate':
      case 'avgViews':
      case 'aqs':
        return creator[field] === undefined ? '' : String(creator[field]);
      case 'aqsBand':
        return aqsBand(creator.aqs, ctx.aqsBands)?.label ?? '';
      case 'audience.countries':
      case 'audience.ages':
      case 'audience.education':
      case 'audience.income':
        return formatPairs(Object.entries(audience[field.slice('audience.'.length) as 'countries'] ?? {}));
      case 'audience.gender':
        return formatPairs(Object.entries(audience.gender ?? {}));
      case 'audience.interests':
        return (audience.interests ?? []).join(LIST_SEPARATOR);
      case 'followerHistory':
        return formatPairs(creator.followerHistory.map((p) => [p.date, p.followers]));
      case 'brandSafetyRisk':
        return creator.brandSafetyRisk ? BRAND_SAFETY_RISK_LABELS[creator.brandSafetyRisk] : '';
      case 'fee':
        return creator.fee ? String(creator.fee.amount) : '';
      case 'currency':
        return creator.fee?.currency ?? '';
      case 'assignee':
        return creator.assignee ? (memberNames.get(creator.assignee) ?? '') : '';
      case 'status.influencer':
      case 'status.contract':
      case 'status.payment': {
        const id = creator.statuses[field.slice('status.'.length) as StatusGroup];
        return statusNames.get(id) ?? id;
      }
      case 'addedAt':
        return Number.isFinite(creator.createdAt) && creator.createdAt > 0
          ? new Date(creator.createdAt).toISOString().slice(0, 10)
          : '';
      default:
        return '';
    }
  };
  return [
    EXPORT_COLUMNS.map((column) => column.label),
    ...creators.map((creator) => EXPORT_COLUMNS.map((column) => escapeFormula(write(creator, column.field)))),
  ];
}
