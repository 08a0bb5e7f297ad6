import type * as Y from 'yjs';
import { z } from 'zod';
import { defineOperation } from '../../operations/operation.ts';
import { boardMeta } from '../document/meta.ts';

/** Genders a target may ask for; the creator's `audience.gender` uses the same keys. */
export const TARGET_GENDERS = ['female', 'male', 'other'] as const;
export type TargetGender = (typeof TARGET_GENDERS)[number];

/** Youngest and oldest age a target range may name. */
export const TARGET_AGE_LIMITS = { min: 13, max: 100 } as const;

/** The most target countries a board keeps (the EU has 27; a wider target is "anywhere"). */
export const MAX_TARGET_COUNTRIES = 50;

/**
 * Whom a campaign wants to reach (`meta.targetAudience`). Every part is optional: a target with
 * no countries matches on age and gender only, and so on.
 */
export interface TargetAudience {
  /**
   * Countries by ISO 3166 alpha-2 code (upper case), each with the share of the audience wanted
   * there (1–100) or null for "any share". Shares given add up to at most 100.
   */
  countries: { code: string; share: number | null }[];
  /** Age range in years, both ends inclusive; null when age does not matter. */
  ages: { min: number; max: number } | null;
  /** The gender the campaign is for; null when it does not matter. */
  gender: TargetGender | null;
}

export const EMPTY_TARGET: TargetAudience = { countries: [], ages: null, gender: null };

const countrySchema = z.object({
  /** ISO 3166 alpha-2 country code ("DE"); lower case is accepted and stored upper case. */
  code: z
    .string()
    .trim()
    .regex(/^[A-Za-z]{2}$/, { message: 'must be a two-letter country code like DE' })
    .transform((code) => code.toUpperCase()),
  /** Wanted share of the audience in this country, 1–100; null or absent for "any share". */
  share: z.number().finite().min(1).max(100).nullable().default(null),
});

export const targetAudienceSchema = z
  .object({
    /** Target countries, at most 50, each once. */
    countries: z
      .array(countrySchema)
      .max(MAX_TARGET_COUNTRIES)
      .refine((countries) => new Set(countries.map((c) => c.code)).size === countries.length, {
        message: 'must name each country once',
      })
      .refine((countries) => countries.reduce((sum, c) => sum + (c.share ?? 0), 0) <= 100, {
        message: 'must have shares that add up to 100 or less',
      })
      .default([]),
    /** Age range in whole years, 13–100, `min` ≤ `max`; null when age does not matter. */
    ages: z
      .object({
        min: z
          .number()
          .int({ message: 'must be a whole number' })
          .min(TARGET_AGE_LIMITS.min)
          .max(TARGET_AGE_LIMITS.max),
        max: z
          .number()
          .int({ message: 'must be a whole number' })
          .min(TARGET_AGE_LIMITS.min)
          .max(TARGET_AGE_LIMITS.max),
      })
      .refine((ages) => ages.min <= ages.max, { message: 'must start at or below where it ends', path: ['max'] })
      .nullable()
      .default(null),
    /** `female`, `male` or `other`; null when gender does not matter. */
    gender: z.enum(TARGET_GENDERS).nullable().default(null),
  })
  .strict();

/** True when the target asks for nothing (no country, no age range, no gender). */
export function isEmptyTarget(target: TargetAudience): boolean {
  return target.countries.length === 0 && target.ages === null && target.gender === null;
}

/** Sets the board's target audience (`meta.targetAudience`); null or an empty target clears it. */
export const setTargetAudience = defineOperation({
  name: 'setTargetAudience',
  action: 'board.edit',
  input: z.object({
    /** The target; null clears it. */
    target: targetAudienceSchema.nullable(),
  }),
  failures: {},
  run(doc, { target }, ctx) {
    doc.transact(() => {
      if (target && !isEmptyTarget(target)) boardMeta(doc).set('targetAudience', target);
      else boardMeta(doc).delete('targetAudience');
    }, ctx.origin);
    return { ok: true };
  },
});

/** The board's target audience; the empty target when unset or unreadable (a foreign client's junk). */
export function readTargetAudience(doc: Y.Doc): TargetAudience {
  const parsed = targetAudienceSchema.safeParse(boardMeta(doc).get('targetAudience'));
  return parsed.success ? parsed.data : { ...EMPTY_TARGET, countries: [] };
}
