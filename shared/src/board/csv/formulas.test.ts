import { describe, expect, it } from 'vitest';
import { escapeFormula, unescapeFormula } from '../../index.ts';

describe('formula injection', () => {
  it.each(['=1+2', '+49 170 1234', '-5', '@SUM(A1)', '\t=cmd', '\r=cmd'])(
    'writes %j with a leading apostrophe so a spreadsheet shows it as text',
    (cell) => {
      expect(escapeFormula(cell)).toBe(`'${cell}`);
    },
  );

  it('leaves ordinary cells as they are', () => {
    for (const cell of ['Mia Hart', '48200', 'https://instagram.com/mia', "O'Brien", '', 'a=b']) {
      expect(escapeFormula(cell)).toBe(cell);
    }
  });

  it('reads an escaped cell back to what was exported, even one that starts with apostrophes', () => {
    for (const cell of ['=HYPERLINK("http://evil","x")', "'=already quoted", "''@twice", "'plain", 'plain']) {
      expect(unescapeFormula(escapeFormula(cell))).toBe(cell);
    }
  });

  it('keeps an apostrophe that does not guard a formula', () => {
    expect(unescapeFormula("'Mia")).toBe("'Mia");
  });
});
