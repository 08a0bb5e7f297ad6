import type { z } from 'zod';

/**
 * Why something was refused, in the one shape every layer uses: the board operations, the
 * server's domain services, the SvelteKit routes and the HTTP API (as `{ error: Problem }`).
 * `code` is for programs and tests; `message` is a sentence for people and is what the UI shows;
 * `field` names the input that was wrong, so a form can mark it.
 */
export interface Problem {
  code: string;
  message: string;
  field?: string;
}

export type Refused = { ok: false; error: Problem };

export function refused(code: string, message: string, field?: string): Refused {
  return { ok: false, error: field === undefined ? { code, message } : { code, message, field } };
}

/** The code of a refusal that comes from input that does not parse. */
export const INVALID_INPUT = 'invalid_input';

type Issue = z.core.$ZodIssue;

/** How a form names its fields: field path → label ("avgViews" → "Average views"). */
export type FieldLabels = Readonly<Record<string, string>>;

/**
 * Parses input with a schema. On failure, the first problem as a sentence ("Followers must be at
 * least 0.") with the field it concerns ("followers"), never the validator's own text. With
 * `fields`, a problem deep inside a known field is reported on that field, under its label
 * ("audience.countries.DE" → field "audience.countries", "Audience countries (DE) must be …").
 */
export function parseInput<S extends z.ZodType>(
  schema: S,
  input: unknown,
  fields?: FieldLabels,
): { ok: true; value: z.output<S> } | Refused {
  const result = schema.safeParse(input, { error: (issue) => humanIssue(issue as Issue) });
  if (result.success) return { ok: true, value: result.data };
  const issue = result.error.issues[0];
  const path = (issue?.path ?? []).filter((part): part is string | number => typeof part !== 'symbol');
  const known = fields ? knownField(path, fields) : null;
  const field = known?.field ?? (path.join('.') || undefined);
  const message = sentence(known?.label ?? labelOf(path), issue?.message ?? 'is invalid');
  return refused(INVALID_INPUT, message, field);
}

/** The longest start of a path that is a known field, with its label (and what lies deeper, in brackets). */
function knownField(path: readonly (string | number)[], fields: FieldLabels): { field: string; label: string } | null {
  for (let length = path.length; length > 0; length--) {
    const field = path.slice(0, length).join('.');
    const label = fields[field];
    if (label === undefined) continue;
    const deeper = path.slice(length).filter((part): part is string => typeof part === 'string');
    return { field, label: deeper.length ? `${label} (${deeper.join(' ')})` : label };
  }
  return null;
}

/** "engagementRate" → "Engagement rate"; the last named segment of a path ("handles.0.handle" → "Handle"). */
export function labelOf(path: readonly (string | number)[]): string {
  const named = [...path].reverse().find((part): part is string => typeof part === 'string');
  if (!named) return 'The input';
  const words = named.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

function sentence(label: string, message: string): string {
  const text = `${label} ${message}`.trim();
  return /[.!?]$/.test(text) ? text : `${text}.`;
}

/** Zod's issues in Roster's words; a schema's own message (`{ message: 'is required' }`) wins over these. */
function humanIssue(issue: Issue): string | undefined {
  switch (issue.code) {
    case 'invalid_type':
      if (issue.input === undefined) return 'is required';
      return issue.expected === 'number' ? 'must be a number' : `must be ${article(issue.expected)}`;
    case 'too_small':
      if (issue.origin === 'string')
        return Number(issue.minimum) <= 1 ? 'is required' : `must be at least ${issue.minimum} characters`;
      if (issue.origin === 'array' || issue.origin === 'set') return `needs at least ${issue.minimum}`;
      return `must be at least ${issue.minimum}`;
    case 'too_big':
      if (issue.origin === 'string') return `must be at most ${issue.maximum} characters`;
      if (issue.origin === 'array' || issue.origin === 'set') return `can have at most ${issue.maximum}`;
      return `must be at most ${issue.maximum}`;
    case 'invalid_format':
      return `is not a valid ${issue.format === 'regex' ? 'value' : issue.format}`;
    case 'invalid_value':
      return `must be one of ${issue.values.map((value) => String(value)).join(', ')}`;
    case 'not_multiple_of':
      return `must be a multiple of ${issue.divisor}`;
    case 'unrecognized_keys':
      return `has unknown ${issue.keys.length === 1 ? 'field' : 'fields'} ${issue.keys.join(', ')}`;
    default:
      return undefined;
  }
}

function article(noun: string): string {
  return /^[aeiou]/.test(noun) ? `an ${noun}` : `a ${noun}`;
}
