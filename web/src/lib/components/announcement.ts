/** A message for the page's toast, with an optional action that undoes what it reports. */
export interface Announcement {
  message: string;
  action?: { label: string; run: () => void };
}

/** How components report what they did (the page shows it in its toast). */
export type Announce = (message: string, action?: Announcement['action']) => void;
