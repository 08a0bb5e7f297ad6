/** What a typed number may be. */
export interface NumberRule {
  /** Whole numbers only (followers, views, AQS). */
  integer?: boolean;
  min?: number;
  max?: number;
}

export type ParsedNumber = { ok: true; value: number } | { ok: false; message: string };

const SUFFIXES: Record<string, number> = { k: 1_000, m: 1_000_000 };

/**
 * Reads a number as people type it in a form or a CSV cell: `48200`, `48,200`, `48 200`, `48.2k`,
 * `1.5M`, `3,4` (decimal comma). Refuses what `Number()` would let through by accident: `0x1F`,
 * `1e3`, `Infinity`, and fractions where a whole number is meant.
 */
export function parseNumberInput(text: string, rule: NumberRule = {}): ParsedNumber {
  const compact = text.trim().replace(/[\s\u00a0\u202f_']/g, '');
  const match = /^(\d+(?:[.,]\d+)*)([kKmM]?)$/.exec(compact);
  if (!match) return { ok: false, message: 'must be a number like 48200 or 48.2k' };
  const [, digits, suffix] = match as unknown as [string, string, string];
  const value = readDigits(digits, rule.integer === true && !suffix) * (SUFFIXES[suffix.toLowerCase()] ?? 1);
  if (!Number.isFinite(value)) return { ok: false, message: 'must be a number like 48200 or 48.2k' };
  const rounded = Math.round(value * 1e6) / 1e6;
  if (rule.integer && !Number.isInteger(rounded)) return { ok: false, message: 'must be a whole number' };
  if (rule.min !== undefined && rounded < rule.min) return { ok: false, message: `must be at least ${rule.min}` };
  if (rule.max !== undefined && rounded > rule.max) return { ok: false, message: `must be at most ${rule.max}` };
  return { ok: true, value: rounded };
}

/**
 * `1,234,567` and `1.234.567` are thousands; one separator followed by other than three digits
 * (`3,4`, `12.50`) is a decimal point. For whole-number fields, one separator followed by three
 * digits is thousands (`48,200`); elsewhere it is read as a decimal point only if it is a dot.
 */
function readDigits(digits: string, wholeNumber: boolean): number {
  const groups = digits.split(/[.,]/);
  if (groups.length === 1) return Number(digits);
  const separators = digits.replace(/\d/g, '');
  const thousands =
    groups.slice(1).every((g) => g.length === 3) &&
    groups[0]!.length <= 3 &&
    (groups.length > 2 ? new Set(separators).size === 1 : wholeNumber || separators === ',');
  if (thousands) return Number(groups.join(''));
  if (groups.length > 2) return NaN;
  return Number(`${groups[0]}.${groups[1]}`);
}
