import type * as Y from 'yjs';
import type { z } from 'zod';
import type { Action } from '../policy.ts';
import { parseInput, refused, type Refused } from '../problem.ts';

/** Who does an operation, and when. Operations never read the clock themselves. */
export interface OperationContext {
  /** The person (or token, or job) acting; shown in the activity history. */
  actor: { id: string; name: string };
  /** Milliseconds since the epoch. */
  now: number;
  /** Transaction origin (the web app's undo manager tracks its own). */
  origin?: unknown;
  /** Id generator; tests pass a deterministic one. */
  newId?: () => string;
  /** The board's activity document; when given, status moves, adds and removals are recorded there. */
  activity?: Y.Doc;
}

/** What an operation's `run` returns when it refuses: one of its declared failure codes. */
export interface Refusal<Code extends string> {
  ok: false;
  code: Code;
  /** The input field the refusal is about, so a form can mark it. */
  field?: string;
  /** Values for the `{placeholders}` of the failure's sentence ("A status named “{name}” …"). */
  values?: Record<string, string>;
}

export type OperationResult<T extends object = object> = ({ ok: true } & T) | Refused;

/**
 * One change people can make to a board: its name, the zod schema of its input, the policy action
 * it needs, every way it can refuse (each with a sentence for people) and the pure `run` that
 * changes the document. Web, server and tests all call it through `runOperation`, so the input is
 * typed at every call site (`z.input` of the schema) and a refusal always arrives as a Problem.
 */
export interface Operation<
  Name extends string = string,
  Input extends z.ZodType = z.ZodType,
  Code extends string = string,
  T extends object = object,
> {
  readonly name: Name;
  readonly input: Input;
  readonly action: Action;
  /** Every code `run` can refuse with, and its sentence for people (`{name}` is filled from the refusal's values). */
  readonly failures: Readonly<Record<Code, string>>;
  /**
   * Changes the document (one transaction) or refuses. Besides its own failures it may return a
   * `Refused` from `parseInput`, for input it can only check once it has read the document (a
   * profile patch is checked field by field, so the problem names the profile field).
   */
  run(doc: Y.Doc, input: z.output<Input>, ctx: OperationContext): ({ ok: true } & T) | Refusal<Code> | Refused;
}

// `any` here only so operations with different inputs fit one registry; call sites stay typed.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyOperation = Operation<string, any, string, any>;

/** The input a caller passes (before defaults), and the result it gets back. */
export type InputOf<Op extends AnyOperation> = z.input<Op['input']>;
export type ResultOf<Op extends AnyOperation> =
  Op extends Operation<string, z.ZodType, string, infer T> ? OperationResult<T> : never;

export function defineOperation<
  const Name extends string,
  Input extends z.ZodType,
  const Code extends string,
  T extends object,
>(definition: Operation<Name, Input, Code, T>): Operation<Name, Input, Code, T> {
  return definition;
}

/** A refusal inside `run`: `return refuse('creator_not_found')`, `refuse('name_taken', { field: 'name', values: { name } })`. */
export function refuse<Code extends string>(
  code: Code,
  details: { field?: string; values?: Record<string, string> } = {},
): Refusal<Code> {
  return { ok: false, code, ...details };
}

/** Parses the input, runs the operation on the document, and turns a refusal into a Problem. */
export function runOperation<Op extends AnyOperation>(
  doc: Y.Doc,
  operation: Op,
  input: InputOf<Op>,
  ctx: OperationContext,
): ResultOf<Op> {
  const parsed = parseInput(operation.input, input);
  if (!parsed.ok) return parsed as ResultOf<Op>;
  const result = operation.run(doc, parsed.value, ctx);
  if (result.ok || 'error' in result) return result as ResultOf<Op>;
  return refused(result.code, failureMessage(operation, result), result.field) as ResultOf<Op>;
}

/** The sentence of a refusal: its failure's text with the `{placeholders}` filled in. */
export function failureMessage(operation: AnyOperation, refusal: Refusal<string>): string {
  const template = (operation.failures as Record<string, string>)[refusal.code] ?? 'That change could not be made.';
  return template.replace(/\{(\w+)\}/g, (placeholder, key: string) => refusal.values?.[key] ?? placeholder);
}
