import { describe, expect, it } from 'vitest';
import { ACTIONS, boardOperation, boardOperations } from '../index.ts';

const registered = Object.entries(boardOperations);

describe('the board operations registry', () => {
  it.each(registered)('registers %s under its own name', (key, operation) => {
    expect(operation.name).toBe(key);
  });

  it.each(registered)('gives every failure of %s a sentence for people', (_key, operation) => {
    for (const [code, sentence] of Object.entries(operation.failures as Record<string, string>)) {
      expect(code, 'a code is for programs').toMatch(/^[a-z]+(_[a-z]+)*$/);
      expect(sentence, code).toMatch(/^[A-Z].*[.!?]$/);
      expect(sentence, code).not.toContain(code);
    }
  });

  it.each(registered)('asks the policy table about %s', (_key, operation) => {
    expect(ACTIONS).toContain(operation.action);
  });

  it('finds an operation by the name a request carries, and nothing for other names', () => {
    expect(boardOperation('setStatus')).toBe(boardOperations.setStatus);
    expect(boardOperation('toString')).toBeNull();
    expect(boardOperation('dropBoard')).toBeNull();
  });
});
