/**
 * Runs before SvelteKit hydrates the server-rendered page: waits until the browser has painted it.
 * On a second visit the app's scripts come from the cache and would otherwise hydrate the whole
 * page — a big board's server-rendered preview included — before its first paint, so the first
 * cards appeared only after hydration (~0.5 s at 5,000 creators) instead of with the HTML
 * (`pnpm bench:browser`). A hidden tab paints nothing and fires no animation frames: it goes on
 * after at most MAX_WAIT_MS.
 */
const MAX_WAIT_MS = 100;

export async function init(): Promise<void> {
  if (document.visibilityState === 'hidden') return;
  await new Promise<void>((resolve) => {
    const fallback = setTimeout(resolve, MAX_WAIT_MS);
    // An animation frame's callbacks run just before its paint; a task queued from them runs after it.
    requestAnimationFrame(() =>
      setTimeout(() => {
        clearTimeout(fallback);
        resolve();
      }, 0),
    );
  });
}
