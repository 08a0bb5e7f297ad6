// The preview worker's entry. The server's code is TypeScript, run through tsx: the main thread
// gets it from `--import tsx` (or vitest's own transform), but on Node 20 a worker thread does not
// inherit that, so the worker registers tsx itself before loading its code.
import { register } from 'tsx/esm/api';

register();
await import('./previewWorker.ts');
