export * from './documentName.ts';
export * from './closeCodes.ts';
export * from './roles.ts';
export * from './board/index.ts';
export * from './presence.ts';
export * from './accessMessage.ts';
export * from './boardSignals.ts';
export * from './saved/storedQuery.ts';
export * from './saved/SavedTracker.ts';
export * from './problem.ts';
export * from './policy.ts';
// OperationResult moves here from board/schema.ts with the operations (issue 17).
export {
  defineOperation,
  refuse,
  runOperation,
  type AnyOperation,
  type InputOf,
  type Operation,
  type Refusal,
  type ResultOf,
} from './operations/operation.ts';
export * from './names.ts';
export * from './color.ts';
