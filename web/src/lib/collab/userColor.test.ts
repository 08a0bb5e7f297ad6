import { describe, expect, it } from 'vitest';
import { initials, presenceColors, userColor } from './userColor.ts';

describe('initials', () => {
  it('a name starting with an emoji shows the letters of its words, never half an emoji', () => {
    expect(initials('🎉 Carla Diaz')).toBe('CD');
    expect(initials('🎉Carla')).toBe('C');
  });

  it('a name of emoji only shows its first emoji whole', () => {
    expect(initials('👩‍💻 🎉')).toBe('👩‍💻');
  });

  it('takes the first and last words, accented letters whole', () => {
    expect(initials('Émile de la Tour')).toBe('ÉT');
    expect(initials('  mia  ')).toBe('M');
  });
});

describe('presenceColors', () => {
  // Ids whose hashed colours collide: the hash alone gave both the same colour.
  const colliding = (() => {
    const byColor = new Map<string, string>();
    for (let i = 0; ; i++) {
      const id = `user${i}`;
      const other = byColor.get(userColor(id));
      if (other) return [other, id];
      byColor.set(userColor(id), id);
    }
  })();

  it('gives people present together different colours even when their ids hash to the same one', () => {
    const colors = presenceColors(colliding);
    expect(new Set(colors.values()).size).toBe(2);
  });

  it('gives everyone the same colours whatever order each browser lists the people in', () => {
    const ids = [...colliding, 'anna', 'bruno', 'chen'];
    expect(presenceColors(ids)).toEqual(presenceColors([...ids].reverse()));
  });
});
