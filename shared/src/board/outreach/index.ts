export * from './template.ts';
export * from './conversation.ts';
