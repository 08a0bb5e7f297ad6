import type { Handle } from '../creators/creator.ts';
import { parseNumberInput, type NumberRule } from '../screening/numberInput.ts';

/**
 * How list-like fields are written in one CSV cell, and read back. An export writes exactly what
 * these readers accept, so a board exported and imported again has the same data:
 *
 *   lists (tags, categories, …)   `travel, food`                     separated by commas, semicolons or lines
 *   shares (audience breakdowns)  `DE 60; AT 10.5`                   a name and a share (a % sign may follow)
 *   follower history              `2026-05-01 41000; 2026-06-01 48200`
 *   profiles                      `https://instagram.com/mia tiktok:@mia_tt` separated by spaces: a
 *                                 handle's own URL, or its platform and handle when it has none
 */
export const LIST_SEPARATOR = ', ';
export const PAIR_SEPARATOR = '; ';

/** Items of a list cell: trimmed, blanks dropped, each once. */
export function splitList(cell: string): string[] {
  return [
    ...new Set(
      cell
        .split(/[,;\n\r]+/)
        .map((item) => item.trim())
        .filter(Boolean),
    ),
  ];
}

/**
 * Items of a cell of pairs. A comma separates items only when what follows is not a digit, so
 * `DE 60,5` (a decimal comma) and `41,000` (thousands) stay one item, while `DE 60, AT 10` is two.
 */
export function splitPairs(cell: string): string[] {
  return cell
    .split(/[;\n\r]+|,(?=\s*[^\d\s])/)
    .map((item) => item.trim())
    .filter(Boolean);
}

export type Pair = { ok: true; key: string; value: number } | { ok: false; message: string };

/** `DE 60`, `DE: 60 %`, `18-24 40%`, `2026-05-01 41,000` → key and number. */
export function parsePair(item: string, rule: NumberRule): Pair {
  const match = /^(.*?)\s*[\s:=]\s*(\d[\d.,]*[kKmM]?)\s*%?$/.exec(item);
  if (!match || !match[1]) return { ok: false, message: `“${short(item)}” is not a name and a number like “DE 60”` };
  const value = parseNumberInput(match[2]!, rule);
  if (!value.ok) return { ok: false, message: `“${short(item)}”: the number ${value.message}` };
  return { ok: true, key: match[1].trim(), value: value.value };
}

/** Pairs written as one cell: `DE 60; AT 10`. */
export function formatPairs(pairs: Iterable<[string, number | undefined]>): string {
  return [...pairs]
    .filter(([, value]) => value !== undefined)
    .map(([key, value]) => `${key} ${value}`)
    .join(PAIR_SEPARATOR);
}

/** A value quoted in a sentence, cut to a readable length. */
export function short(text: string, max = 40): string {
  const oneLine = text.replace(/\s+/g, ' ').trim();
  return oneLine.length > max ? `${oneLine.slice(0, max - 1)}…` : oneLine;
}

/**
 * A handle in a Profiles cell: its own profile URL, which names the platform, or
 * `platform:@handle` when it has none (writing a URL made up from the handle would add a URL the
 * creator did not have; a bare `@handle` would lose the platform). Handles on other sites keep
 * only platform and handle: their URL names no handle Roster can read back.
 */
export function formatCsvHandle(handle: Handle): string {
  return handle.url && handle.platform !== 'other' ? handle.url : `${handle.platform}:@${handle.handle}`;
}
