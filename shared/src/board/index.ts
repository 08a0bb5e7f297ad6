// The board model, one folder per feature (see README): each holds its stored shape, its reader,
// its operations and their tests. The document format is docs/board-format.md.
export * from './document/meta.ts';
export * from './document/readBoard.ts';
export * from './document/migrate.ts';
export { boardTypes, type BoardTypes } from './document/boardTypes.ts';
export { KeyValueArray, keyOf, readEntry, type EntryFormat, type KeyValueEntry } from './document/keyValueArray.ts';
export { rankBetween, byRank } from './document/rank.ts';
export { isRecord } from './document/guards.ts';

export * from './creators/creator.ts';
export * from './creators/operations.ts';
export * from './creators/creatorFields.ts';
export * from './creators/handles.ts';
export * from './creators/fees.ts';
export * from './creators/creatorCount.ts';
export * from './creators/demo.ts';
export { readProfile } from './creators/readProfile.ts';
export { migrateCreator } from './creators/migrateCreator.ts';
export { type FieldChange } from './creators/profileWrites.ts';

export * from './statuses/status.ts';
export * from './statuses/operations.ts';
export { readStatus, readStatuses } from './statuses/readStatuses.ts';
export { creatorsIn } from './statuses/creatorStatuses.ts';

export {
  ACTIVITY_LIMIT,
  activityEntries,
  readActivity,
  type ActivityEntry,
  type ActivityKind,
} from './activity/activity.ts';
export * from './activity/movesSince.ts';
export * from './standup/index.ts';

export * from './screening/aqs.ts';
export * from './screening/numberInput.ts';
export * from './screening/filters.ts';
export * from './screening/columns.ts';
export * from './screening/views.ts';
export * from './screening/screen.ts';
export * from './screening/growth.ts';
export * from './screening/targetAudience.ts';
export * from './screening/audienceMatch.ts';
export * from './screening/budget.ts';
export * from './screening/costs.ts';

export * from './csv/index.ts';
export * from './results/index.ts';

export * from './deals/index.ts';
export * from './payments/index.ts';
export * from './content/index.ts';
export * from './preview/boardPreview.ts';
export * from './outreach/index.ts';

export * from './boardOperations.ts';

export * from './history/restoreSnapshot.ts';
export * from './history/diffBoards.ts';
