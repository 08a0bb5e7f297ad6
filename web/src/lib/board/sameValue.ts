/**
 * A filter for a `$derived` over a value the board re-reads on every change (its statuses): it
 * returns the value it returned last time while the new one has the same contents, so the
 * deriveds and components that depend on it do not run again. After a teammate's move the board's
 * statuses are new objects with the same contents; passed on as they are, every card on screen
 * re-rendered its status line and every table cell its text, for one moved creator.
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
