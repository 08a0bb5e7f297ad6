/** A file's text, or why it cannot be read as a CSV file (a sentence for the person who chose it). */
export type DecodedCsv = { ok: true; text: string; encoding: 'UTF-8' | 'UTF-16' } | { ok: false; message: string };

const SAVE_AS_UTF8 =
  'In Excel choose File → Save a copy → “CSV UTF-8 (comma delimited)”; Google Sheets and Numbers always export UTF-8.';

/**
 * Reads a file's bytes as text, refusing with a sentence what is not text Roster can trust:
 * UTF-8 (with or without a byte-order mark) and UTF-16 with a byte-order mark (Excel's "Unicode
 * text") are read; invalid UTF-8 — a file saved as Windows-1252 or Latin-1, whose "é" would
 * silently become "�" — is refused with the line it fails on, and so are spreadsheets and other
 * binary files. Decoding is strict (`fatal`), never a guess.
 */
export function decodeCsvBytes(bytes: Uint8Array): DecodedCsv {
  if (bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04) {
    return {
      ok: false,
      message: `This is a spreadsheet (.xlsx) or other zipped file, not a CSV file. ${SAVE_AS_UTF8}`,
    };
  }
  let decoded: { text: string; encoding: 'UTF-8' | 'UTF-16' };
  try {
    if (bytes[0] === 0xff && bytes[1] === 0xfe) decoded = { text: strict('utf-16le', bytes), encoding: 'UTF-16' };
    else if (bytes[0] === 0xfe && bytes[1] === 0xff) decoded = { text: strict('utf-16be', bytes), encoding: 'UTF-16' };
    else decoded = { text: strict('utf-8', bytes), encoding: 'UTF-8' };
  } catch {
    const utf16 = bytes[0] === 0xff || bytes[0] === 0xfe;
    return {
      ok: false,
      message: utf16
        ? 'This file says it is UTF-16 text but is not valid UTF-16; it may be damaged. Export it again as CSV.'
        : `This file is not UTF-8 text (line ${firstInvalidLine(bytes)} has a character in another encoding, such as Windows-1252 or Latin-1). ${SAVE_AS_UTF8}`,
    };
  }
  // A NUL character never appears in CSV text: this is a binary file, or UTF-16 without its mark.
  if (decoded.text.includes('\u0000')) {
    return {
      ok: false,
      message: `This file holds binary data, not CSV text (it may be UTF-16 without a byte-order mark, or not a CSV file at all). ${SAVE_AS_UTF8}`,
    };
  }
  if (decoded.text.trim() === '') return { ok: false, message: 'This file is empty: there is nothing to import.' };
  return { ok: true, ...decoded };
}

function strict(encoding: string, bytes: Uint8Array): string {
  // ignoreBOM false (the default): the decoder drops the byte-order mark itself.
  return new TextDecoder(encoding, { fatal: true }).decode(bytes);
}

/** The 1-based line of the first byte sequence that is not UTF-8. */
function firstInvalidLine(bytes: Uint8Array): number {
  let line = 1;
  let i = 0;
  while (i < bytes.length) {
    const byte = bytes[i]!;
    if (byte === 0x0a) line++;
    const length =
      byte < 0x80
        ? 1
        : byte >= 0xc2 && byte < 0xe0
          ? 2
          : byte >= 0xe0 && byte < 0xf0
            ? 3
            : byte >= 0xf0 && byte < 0xf5
              ? 4
              : 0;
    if (length === 0) return line;
    for (let k = 1; k < length; k++) if (((bytes[i + k] ?? 0) & 0xc0) !== 0x80) return line;
    i += length;
  }
  return line;
}
