// The board model: schema, readBoard and pure operations on a Y.Doc (see docs/board-format.md).
export * from './meta.ts';
export * from './schema.ts';
export * from './readBoard.ts';
export * from './creatorCount.ts';
export * from './creators.ts';
export * from './statuses.ts';
export * from './handles.ts';
export * from './fees.ts';
export * from './aqs.ts';
export * from './demo.ts';
export * from './migrate.ts';
export * from './numberInput.ts';
export { ACTIVITY_LIMIT, activityEntries, readActivity } from './activity.ts';
export { boardTypes, type BoardTypes } from './boardTypes.ts';
export * from './creatorFields.ts';
export { type FieldChange } from './profileWrites.ts';
export { KeyValueArray, readEntry, type EntryFormat, type KeyValueEntry } from './keyValueArray.ts';
export { rankBetween } from './rank.ts';
