// CSV import and export of a board (issue 11). The CSV text itself is parsed and written by the
// web app (papaparse); everything here works on rows of cells, so it is tested without a browser.
export * from './csvLimits.ts';
export * from './formulas.ts';
export * from './csvColumns.ts';
export * from './csvValues.ts';
export * from './guessMapping.ts';
export * from './mapRow.ts';
export * from './exportRows.ts';
export * from './decodeCsvBytes.ts';
export * from './importCreators.ts';
