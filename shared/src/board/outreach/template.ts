import { z } from 'zod';
import { PLATFORM_LABELS, type Creator } from '../creators/creator.ts';

/**
 * Message templates: `{{variable}}` placeholders filled per creator. A placeholder may carry a
 * fallback used when the creator has no value (`{{first_name|there}}`). Rendering never fills a
 * hole with nothing: an unknown variable or a missing value is reported, and the send is refused
 * until the template or the creator is fixed (or that one message is edited by hand).
 */

/** The variables people see in the editor, with what each is filled with. */
export const TEMPLATE_VARIABLES = {
  first_name: 'the first word of the name',
  name: 'the creator’s name',
  handle: 'the first profile handle, with @',
  platform: 'the platform of that handle',
  campaign: 'the board’s name',
  fee: 'the agreed fee, e.g. €1,200',
  sender_name: 'your name',
  email: 'the creator’s email',
  profile_url: 'the profile URL',
  country: 'country',
  language: 'language',
  followers: 'followers',
  engagement_rate: 'engagement rate, e.g. 3.4%',
  avg_views: 'average views',
  aqs: 'audience quality score',
  categories: 'categories, comma-separated',
  tags: 'tags, comma-separated',
} as const;
export type TemplateVariable = keyof typeof TEMPLATE_VARIABLES;

/** Variable names compare without case and underscores: `{{firstName}}`, `{{FIRST_NAME}}` are `first_name`. */
function normalize(name: string): string {
  return name.toLowerCase().replace(/_/g, '');
}
const BY_NORMALIZED = new Map(
  Object.keys(TEMPLATE_VARIABLES).map((name) => [normalize(name), name as TemplateVariable]),
);

/** The known variable a placeholder name means, or null. */
export function templateVariable(name: string): TemplateVariable | null {
  return BY_NORMALIZED.get(normalize(name)) ?? null;
}

/** `{{ name }}` or `{{ name | fallback }}`; names are letters, digits, `_` and `.`. */
const PLACEHOLDER = /\{\{\s*([A-Za-z][\w.]{0,40})\s*(?:\|([^{}]{0,200}))?\}\}/g;
/** Any leftover `{{` … `}}`, to refuse text that still holds a placeholder we could not read. */
const LEFTOVER = /\{\{[^{}]*\}\}/;

export const TEMPLATE_LIMITS = { name: 120, subject: 300, body: 20_000 } as const;

export const templateInputSchema = z.object({
  name: z.string().trim().min(1, { message: 'must not be empty' }).max(TEMPLATE_LIMITS.name),
  subject: z.string().trim().min(1, { message: 'must not be empty' }).max(TEMPLATE_LIMITS.subject),
  body: z.string().trim().min(1, { message: 'must not be empty' }).max(TEMPLATE_LIMITS.body),
});
export type TemplateInput = z.output<typeof templateInputSchema>;

/** What a template is filled with for one creator: variable → text (absent: no value). */
export type TemplateValues = Partial<Record<TemplateVariable, string>>;

export interface TemplateContext {
  /** The board's name ({{campaign}}). */
  campaign: string;
  /** The sender's name ({{sender_name}}). */
  senderName: string;
}

const count = (value: number) => new Intl.NumberFormat('en').format(value);

/** Formats a fee as people write it: €1,200 (whole amounts without cents). */
export function formatFee(amount: number, currency: string): string {
  try {
    return new Intl.NumberFormat('en', {
      style: 'currency',
      currency,
      maximumFractionDigits: Number.isInteger(amount) ? 0 : 2,
    }).format(amount);
  } catch {
    return `${count(amount)} ${currency}`;
  }
}

/** What a template reads of a creator. */
export type TemplateCreator = Pick<
  Creator,
  | 'name'
  | 'handles'
  | 'fee'
  | 'email'
  | 'profileUrl'
  | 'country'
  | 'language'
  | 'followers'
  | 'engagementRate'
  | 'avgViews'
  | 'aqs'
  | 'categories'
  | 'tags'
>;

/** The values of every variable for one creator. */
export function templateValues(creator: TemplateCreator, ctx: TemplateContext): TemplateValues {
  const values: TemplateValues = {};
  const set = (key: TemplateVariable, value: string | undefined | null) => {
    const trimmed = value?.trim();
    if (trimmed) values[key] = trimmed;
  };
  set('name', creator.name);
  set('first_name', creator.name.trim().split(/\s+/)[0]);
  const handle = creator.handles[0];
  if (handle) {
    set('handle', `@${handle.handle.replace(/^@/, '')}`);
    set('platform', PLATFORM_LABELS[handle.platform]);
  }
  set('campaign', ctx.campaign);
  set('sender_name', ctx.senderName);
  if (creator.fee) set('fee', formatFee(creator.fee.amount, creator.fee.currency));
  set('email', creator.email);
  set('profile_url', creator.profileUrl);
  set('country', creator.country);
  set('language', creator.language);
  if (creator.followers !== undefined) set('followers', count(creator.followers));
  if (creator.engagementRate !== undefined) set('engagement_rate', `${creator.engagementRate}%`);
  if (creator.avgViews !== undefined) set('avg_views', count(creator.avgViews));
  if (creator.aqs !== undefined) set('aqs', String(creator.aqs));
  set('categories', creator.categories.join(', '));
  set('tags', creator.tags.join(', '));
  return values;
}

/** The placeholders a text uses that Roster does not know, each once, as written. */
export function unknownVariables(text: string): string[] {
  const unknown = new Set<string>();
  for (const match of text.matchAll(PLACEHOLDER)) if (!templateVariable(match[1]!)) unknown.add(match[1]!);
  return [...unknown];
}

export interface Rendered {
  subject: string;
  body: string;
  /** Placeholders that name no variable ({{fist_name}}), as written. */
  unknown: string[];
  /** Known variables this creator has no value for (and no fallback was given). */
  missing: TemplateVariable[];
  /** True when nothing is unknown or missing: the message may be sent. */
  ok: boolean;
}

function fill(text: string, values: TemplateValues, unknown: Set<string>, missing: Set<TemplateVariable>): string {
  return text.replace(PLACEHOLDER, (whole, name: string, fallback: string | undefined) => {
    const variable = templateVariable(name);
    if (!variable) {
      unknown.add(name);
      return whole;
    }
    const value = values[variable] ?? fallback?.trim();
    if (value) return value;
    missing.add(variable);
    return whole;
  });
}

/** Fills a template's subject and body for one creator and says what could not be filled. */
export function renderTemplate(template: { subject: string; body: string }, values: TemplateValues): Rendered {
  const unknown = new Set<string>();
  const missing = new Set<TemplateVariable>();
  const subject = fill(template.subject, values, unknown, missing);
  const body = fill(template.body, values, unknown, missing);
  return { subject, body, unknown: [...unknown], missing: [...missing], ok: unknown.size === 0 && missing.size === 0 };
}

/** A sentence for what stops a message from being sent, or null when it can go. */
export function renderProblem(rendered: Pick<Rendered, 'unknown' | 'missing'>): string | null {
  const parts: string[] = [];
  if (rendered.unknown.length)
    parts.push(`Roster does not know ${rendered.unknown.map((name) => `{{${name}}}`).join(', ')}`);
  if (rendered.missing.length) parts.push(`no value for ${rendered.missing.map((name) => `{{${name}}}`).join(', ')}`);
  if (!parts.length) return null;
  const sentence = parts.join('; ');
  return `${sentence[0]!.toUpperCase()}${sentence.slice(1)}.`;
}

/** True when a finished text still holds a `{{…}}` placeholder (the server refuses to send it). */
export function hasPlaceholder(text: string): boolean {
  return LEFTOVER.test(text);
}
