import {
  activeFilterKinds,
  BRAND_SAFETY_RISK_LABELS,
  GROUP_LABELS,
  PLATFORM_LABELS,
  UNASSIGNED,
  type CreatorFilter,
  type FilterKind,
  type NumberRange,
  type Status,
  type StatusGroup,
} from '@roster/shared';
import { formatCount } from '$lib/board/format';

/** What a chip needs to name a filter's values. */
export interface LabelContext {
  statuses: Record<StatusGroup, Status[]>;
  memberName: (userId: string) => string;
}

/** One active filter as people read it: "AQS: Good, Very good". */
export interface FilterChip {
  kind: FilterKind;
  label: string;
}

const KIND_LABELS: Record<string, string> = {
  aqsBands: 'AQS',
  followers: 'Followers',
  engagementRate: 'Engagement',
  platforms: 'Platform',
  countries: 'Country',
  tags: 'Tag',
  assignees: 'Assignee',
  risks: 'Risk',
  match: 'Match',
};

/** A range as text: "10K–100K", "≥ 10K", "≤ 5%". */
export function rangeText(range: NumberRange, format: (n: number) => string): string {
  if (range.min !== undefined && range.max !== undefined) return `${format(range.min)}–${format(range.max)}`;
  return range.min !== undefined ? `≥ ${format(range.min)}` : `≤ ${format(range.max!)}`;
}

/** Three values, then "+N": a chip stays one short line. */
function values(list: string[]): string {
  return list.length > 3 ? `${list.slice(0, 2).join(', ')} +${list.length - 2}` : list.join(', ');
}

export function filterChips(filter: CreatorFilter, ctx: LabelContext): FilterChip[] {
  return activeFilterKinds(filter).map((kind) => {
    if (kind.startsWith('statuses.')) {
      const group = kind.slice('statuses.'.length) as StatusGroup;
      const names = new Map(ctx.statuses[group].map((s) => [s.id, s.name]));
      return {
        kind,
        label: `${GROUP_LABELS[group]}: ${values(filter.statuses[group].map((id) => names.get(id) ?? 'Deleted status'))}`,
      };
    }
    const name = KIND_LABELS[kind] ?? kind;
    switch (kind) {
      case 'followers':
        return { kind, label: `${name}: ${rangeText(filter.followers, formatCount)}` };
      case 'engagementRate':
        return { kind, label: `${name}: ${rangeText(filter.engagementRate, (n) => `${n}%`)}` };
      case 'match':
        return { kind, label: `${name}: ${rangeText(filter.match, (n) => `${n}%`)}` };
      case 'risks':
        return { kind, label: `${name}: ${values(filter.risks.map((r) => BRAND_SAFETY_RISK_LABELS[r]))}` };
      case 'platforms':
        return { kind, label: `${name}: ${values(filter.platforms.map((p) => PLATFORM_LABELS[p]))}` };
      case 'assignees':
        return {
          kind,
          label: `${name}: ${values(filter.assignees.map((id) => (id === UNASSIGNED ? 'Unassigned' : ctx.memberName(id))))}`,
        };
      default:
        return { kind, label: `${name}: ${values(filter[kind as 'aqsBands' | 'countries' | 'tags'])}` };
    }
  });
}
