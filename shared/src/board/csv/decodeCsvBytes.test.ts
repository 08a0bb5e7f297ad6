import { describe, expect, it } from 'vitest';
import { decodeCsvBytes } from '../../index.ts';

const utf8 = (text: string) => new TextEncoder().encode(text);

function utf16le(text: string, bom = true): Uint8Array {
  const bytes = new Uint8Array((bom ? 2 : 0) + text.length * 2);
  if (bom) bytes.set([0xff, 0xfe]);
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    bytes[(bom ? 2 : 0) + i * 2] = code & 0xff;
    bytes[(bom ? 2 : 0) + i * 2 + 1] = code >> 8;
  }
  return bytes;
}

describe('reading a CSV file’s bytes', () => {
  it('reads UTF-8 text and drops a byte-order mark', () => {
    expect(decodeCsvBytes(utf8('\uFEFFName\nRenée\n'))).toEqual({ ok: true, text: 'Name\nRenée\n', encoding: 'UTF-8' });
  });

  it('reads UTF-16 text with a byte-order mark (Excel’s “Unicode text”)', () => {
    expect(decodeCsvBytes(utf16le('Name\tCountry\nRenée\tFR\n'))).toEqual({
      ok: true,
      text: 'Name\tCountry\nRenée\tFR\n',
      encoding: 'UTF-16',
    });
  });

  it('refuses Windows-1252 text with the line it fails on and how to save it as UTF-8', () => {
    const bytes = new Uint8Array([...utf8('Name\nMia\nRen'), 0xe9, ...utf8('e\n')]);
    const result = decodeCsvBytes(bytes);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.message).toMatch(/^This file is not UTF-8 text \(line 3 /);
    expect(!result.ok && result.message).toContain('CSV UTF-8');
  });

  it('refuses UTF-16 without a byte-order mark as binary data rather than showing NUL characters', () => {
    const result = decodeCsvBytes(utf16le('Name\nMia\n', false));
    expect(!result.ok && result.message).toMatch(/^This file holds binary data/);
  });

  it('refuses an Excel workbook with a sentence that says how to export CSV', () => {
    const result = decodeCsvBytes(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]));
    expect(!result.ok && result.message).toMatch(/^This is a spreadsheet \(\.xlsx\)/);
  });

  it('refuses an empty file, also one of only blank lines or a byte-order mark', () => {
    for (const bytes of [new Uint8Array(), utf8('\n\n  \r\n'), new Uint8Array([0xef, 0xbb, 0xbf])]) {
      expect(decodeCsvBytes(bytes)).toEqual({ ok: false, message: 'This file is empty: there is nothing to import.' });
    }
  });
});
