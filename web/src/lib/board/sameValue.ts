/**
 * A filter for a `$derived` over a value the board may re-read with the same contents (its
 * statuses): it returns the value it returned last time while the new one has the same contents,
 * so the deriveds and components that depend on it do not run again. readBoard keeps the statuses
 * object while the statuses array is untouched; this covers the reads that rebuild it with equal
 * contents (a status edit undone, a status renamed and back), where every card on screen would
 * re-render its status line and every table cell its text.
 */
export function sameValue<T>(): (next: T) => T {
  let last: { value: T; json: string } | null = null;
  return (next) => {
    const json = JSON.stringify(next);
    if (last?.json === json) return last.value;
    last = { value: next, json };
    return next;
  };
}
