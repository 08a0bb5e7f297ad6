import * as Y from 'yjs';
import { runOperation, type AnyOperation, type InputOf, type OperationContext, type ResultOf } from '../index.ts';

/** A context with a deterministic clock and ids, as the operations expect. */
export function context(name = 'Ann', seed = 'a'): OperationContext {
  let counter = 0;
  let now = Date.UTC(2026, 10, 24, 9);
  return {
    actor: { id: `user-${name.toLowerCase()}`, name },
    get now() {
      return (now += 1000);
    },
    newId: () => `${seed}${(counter++).toString(36).padStart(4, '0')}`,
    activity: new Y.Doc(),
  };
}

/** Sends each document's missing updates to the other, both ways, until they are equal. */
export function sync(...docs: Y.Doc[]): void {
  for (const from of docs) {
    for (const to of docs) {
      if (from === to) continue;
      Y.applyUpdate(to, Y.encodeStateAsUpdate(from, Y.encodeStateVector(to)));
    }
  }
}

/** A document with a fixed client id (so concurrent-edit outcomes are reproducible). */
export function newDoc(clientID: number): Y.Doc {
  const doc = new Y.Doc();
  doc.clientID = clientID;
  return doc;
}

/**
 * Runs an operation on input a test builds on purpose wrong (a string for a number, a missing
 * id), as a request or a foreign client could send it: such input does not type-check.
 */
export function runUnchecked<Op extends AnyOperation>(
  doc: Y.Doc,
  operation: Op,
  input: unknown,
  ctx: OperationContext,
): ResultOf<Op> {
  return runOperation(doc, operation, input as InputOf<Op>, ctx);
}
