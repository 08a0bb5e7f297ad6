// Distinct, readable colours for people on a board.
const PALETTE = ['#4f46e5', '#0891b2', '#059669', '#d97706', '#db2777', '#7c3aed', '#dc2626', '#2563eb', '#65a30d'];

/** The colour a person gets when no one present already has it (a hash of the id). */
export function userColor(userId: string): string {
  return PALETTE[preferredIndex(userId)]!;
}

function preferredIndex(userId: string): number {
  let hash = 0;
  for (const char of userId) hash = (hash * 31 + char.charCodeAt(0)) >>> 0;
  return hash % PALETTE.length;
}

/**
 * Colours for the people present on a board, distinct while there are fewer than the palette's
 * nine: the hash alone gave two of three people the same colour now and then. Each person, in
 * order of id, keeps their hashed colour unless it is taken, else the next free one. The result
 * depends only on the set of ids, so every browser showing the same people shows the same colours.
 */
export function presenceColors(userIds: Iterable<string>): Map<string, string> {
  const ids = [...new Set(userIds)].sort();
  const taken = new Set<number>();
  const colors = new Map<string, string>();
  for (const id of ids) {
    let index = preferredIndex(id);
    if (taken.size < PALETTE.length) while (taken.has(index)) index = (index + 1) % PALETTE.length;
    taken.add(index);
    colors.set(id, PALETTE[index]!);
  }
  return colors;
}

const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });
const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;

/** The first letter or digit of a word as a whole character (grapheme), or null when it has none. */
function firstLetter(word: string): string | null {
  for (const { segment } of graphemes.segment(word)) if (LETTER_OR_DIGIT.test(segment)) return segment;
  return null;
}

/**
 * Up to two initials of a name: the first letters of its first and last words that have one. Read
 * by characters, not UTF-16 units: "🎉 Carla" showed half an emoji ("�C"). A name without any
 * letter shows its first character (an emoji stays whole).
 */
export function initials(name: string): string {
  const letters = name
    .trim()
    .split(/\s+/)
    .map(firstLetter)
    .filter((letter) => letter !== null);
  if (letters.length === 0) return graphemes.segment(name.trim())[Symbol.iterator]().next().value?.segment ?? '?';
  const pair = letters.length > 1 ? letters[0]! + letters[letters.length - 1]! : letters[0]!;
  return pair.toLocaleUpperCase();
}
