import { z } from 'zod';

/** A colour as Roster stores it (status, AQS band, presence): `#rrggbb`, nothing CSS could misread. */
export const COLOR_PATTERN = /^#[0-9a-fA-F]{6}$/;

export function isColor(value: unknown): value is string {
  return typeof value === 'string' && COLOR_PATTERN.test(value);
}

export const colorSchema = z.string().regex(COLOR_PATTERN, { message: 'must be a colour like #4f46e5' });
