// Campaign results (issue 12): posted content per creator, the cost figures (CPM, CPE, cost per
// view), spend vs budget and the board report. docs/results.md says what each figure means.
export * from './posts.ts';
export * from './metrics.ts';
export * from './spend.ts';
export * from './postCsv.ts';
export * from './report.ts';
