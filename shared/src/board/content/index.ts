// Content approval (issue 12): drafts per deliverable, their comments and decisions, and what a
// share link may reach. Stored shapes: docs/board-format.md "Content".
export * from './content.ts';
export * from './contentFields.ts';
export * from './readContent.ts';
export * from './operations.ts';
export * from './linkedFiles.ts';
