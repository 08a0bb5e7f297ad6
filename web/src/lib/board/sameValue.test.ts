import { describe, expect, it } from 'vitest';
import { sameValue } from './sameValue';

describe('sameValue', () => {
  it('returns the earlier object while the contents stay the same', () => {
    const same = sameValue<{ id: string }[]>();
    const first = [{ id: 'a' }];
    same(first);
    expect(same([{ id: 'a' }])).toBe(first);
  });

  it('returns the new object once the contents change', () => {
    const same = sameValue<{ id: string }[]>();
    same([{ id: 'a' }]);
    const changed = [{ id: 'b' }];
    expect(same(changed)).toBe(changed);
  });
});
