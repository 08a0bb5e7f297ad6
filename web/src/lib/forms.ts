import type { Problem } from '@roster/shared';

/** The id of a form's error message (FormError.svelte), which the input it concerns points to. */
export const FORM_ERROR_ID = 'form-error';

/**
 * Marks the input a refusal concerns (`error.field`): invalid, and described by the message, so it
 * is outlined and a screen reader reads the sentence with it. Spread onto the input.
 */
export function markField(error: Problem | null | undefined, field: string) {
  return error?.field === field ? { 'aria-invalid': true, 'aria-describedby': FORM_ERROR_ID } : {};
}
