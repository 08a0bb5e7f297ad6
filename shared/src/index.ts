export * from './documentName.ts';
export * from './closeCodes.ts';
export * from './roles.ts';
export * from './board/index.ts';
export * from './presence.ts';
export * from './accessMessage.ts';
export * from './boardSignals.ts';
