import { getContext, setContext } from 'svelte';

/** What a card needs to mark a follow-up as due: the board's setting and the current time. */
export interface FollowUpClock {
  readonly days: number;
  readonly now: number;
}

const KEY = Symbol('follow-up clock');

/** The board page provides it; cards outside a board (none today) mark nothing. */
export const provideFollowUpClock = (clock: FollowUpClock) => setContext(KEY, clock);
export const followUpClock = (): FollowUpClock | undefined => getContext<FollowUpClock | undefined>(KEY);
