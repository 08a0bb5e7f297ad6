export * from './deal.ts';
export * from './dealFields.ts';
export * from './readDeal.ts';
export * from './operations.ts';
export * from './contractMove.ts';
export * from './dealFigures.ts';
export * from './acceptanceTerms.ts';
