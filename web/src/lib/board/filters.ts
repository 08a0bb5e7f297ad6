import { compareByFee, type Creator, type StatusGroup } from '@roster/shared';

/** The table's quick filters. Empty values mean "any". */
export interface CreatorFilter {
  text: string;
  status: string;
  statusGroup: StatusGroup;
  platform: string;
  tag: string;
  assignee: string;
}

export const NO_FILTER: CreatorFilter = {
  text: '',
  status: '',
  statusGroup: 'influencer',
  platform: '',
  tag: '',
  assignee: '',
};

/** Creators matching every filter. Text matches name, handles, email, country and categories. */
export function filterCreators(creators: Creator[], filter: CreatorFilter): Creator[] {
  const text = filter.text.trim().toLowerCase();
  return creators.filter((c) => {
    if (filter.status && c.statuses[filter.statusGroup] !== filter.status) return false;
    if (filter.platform && !c.handles.some((h) => h.platform === filter.platform)) return false;
    if (filter.tag && !c.tags.includes(filter.tag)) return false;
    if (filter.assignee && (filter.assignee === 'none' ? c.assignee !== null : c.assignee !== filter.assignee))
      return false;
    if (!text) return true;
    const haystack = [c.name, c.email, c.country, ...c.handles.map((h) => h.handle), ...c.categories, ...c.tags]
      .filter(Boolean)
      .join(' ')
      .toLowerCase();
    return haystack.includes(text);
  });
}

export type SortKey = 'name' | 'followers' | 'engagementRate' | 'aqs' | 'fee' | 'status' | 'country';

/** Sorts a copy; missing values last. Fees sort by currency, then amount (see `compareByFee`). */
export function sortCreators(
  creators: Creator[],
  key: SortKey,
  direction: 1 | -1,
  group: StatusGroup,
  statusOrder: Map<string, number>,
): Creator[] {
  if (key === 'fee') return [...creators].sort(compareByFee(creators, direction));
  const value = (c: Creator): string | number | undefined => {
    switch (key) {
      case 'name':
        return c.name.toLowerCase();
      case 'status':
        return statusOrder.get(c.statuses[group]);
      case 'country':
        return c.country?.toLowerCase();
      default:
        return c[key];
    }
  };
  return [...creators].sort((a, b) => {
    const x = value(a);
    const y = value(b);
    if (x === undefined || y === undefined) return x === y ? 0 : x === undefined ? 1 : -1;
    return (x < y ? -1 : x > y ? 1 : 0) * direction;
  });
}
