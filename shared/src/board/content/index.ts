// Content approval (issue 12): drafts per deliverable, their comments and decisions, and what a
// share link may reach. Stored shapes: docs/board-format.md "Content".
export * from './linkedFiles.ts';
