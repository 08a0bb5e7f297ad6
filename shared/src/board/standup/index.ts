export * from './standups.ts';
export * from './standupPresence.ts';
