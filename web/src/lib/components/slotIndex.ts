/**
 * The slot of a fixed-size list under a pointer, from 0 to `count` (after the last item): where a
 * dragged item would land. `element` is the list's scrolling element.
 */
export function slotIndexAt(clientY: number, element: HTMLElement, size: number, count: number): number {
  const top = element.getBoundingClientRect().top;
  return Math.max(0, Math.min(count, Math.round((clientY - top + element.scrollTop - size / 2) / size)));
}
