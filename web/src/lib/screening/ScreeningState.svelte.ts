import {
  chosenColumns,
  DEFAULT_COLUMNS,
  noFilter,
  type CreatorFilter,
  type CreatorSort,
  type InputOf,
  type SavedView,
  type saveView,
  type StatusGroup,
  type ViewType,
} from '@roster/shared';

/** What a saved view holds, as the page shows it now. */
export type ViewSettings = Omit<InputOf<typeof saveView>, 'viewId' | 'name'>;

const columnsKey = (boardId: string) => `roster:columns:${boardId}`;

/**
 * What the board shows and how: view type, the status group of the kanban, filters, sort and the
 * table's columns, and the saved view they came from. Choosing a saved view copies its settings
 * here; changing any of them afterwards makes the view "modified" (it can be saved again). The
 * last columns used on a board are kept in this browser, so the table opens as it was left.
 */
export class ScreeningState {
  view = $state<ViewType>('kanban');
  group = $state<StatusGroup>('influencer');
  filter = $state.raw<CreatorFilter>(noFilter());
  sort = $state.raw<CreatorSort | null>(null);
  columns = $state.raw<string[]>([...DEFAULT_COLUMNS]);
  /** The saved view last chosen (or saved), or null. */
  viewId = $state<string | null>(null);

  constructor(private readonly boardId: string) {
    try {
      const stored = JSON.parse(localStorage.getItem(columnsKey(boardId)) ?? 'null') as unknown;
      if (Array.isArray(stored)) this.columns = chosenColumns(stored.filter((id) => typeof id === 'string'));
    } catch {
      // No storage (private mode) or junk in it: the default columns.
    }
  }

  setColumns(ids: string[]): void {
    this.columns = chosenColumns(ids);
    try {
      localStorage.setItem(columnsKey(this.boardId), JSON.stringify(this.columns));
    } catch {
      // Storage full or refused: the columns still apply to this visit.
    }
  }

  setFilter(filter: CreatorFilter): void {
    this.filter = filter;
  }

  clearFilters(): void {
    this.filter = { ...noFilter(), text: this.filter.text };
  }

  /** Shows a saved view: its filters, sort, view type, group and columns. */
  apply(saved: SavedView): void {
    this.viewId = saved.id;
    this.view = saved.view;
    this.group = saved.group;
    this.filter = saved.filter;
    this.sort = saved.sort;
    this.setColumns(saved.columns);
  }

  settings(): ViewSettings {
    return { view: this.view, group: this.group, filter: this.filter, sort: this.sort, columns: this.columns };
  }

  /** Whether what is shown differs from a saved view. */
  differsFrom(saved: SavedView): boolean {
    const { view, group, filter, sort, columns } = saved;
    return JSON.stringify(this.settings()) !== JSON.stringify({ view, group, filter, sort, columns });
  }
}
