/** The events a webhook can ask for (README "Webhooks" shows each payload). */
export const WEBHOOK_EVENTS = ['creator.added', 'creator.status_changed', 'note.edited', 'payment.overdue'] as const;
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];

export const WEBHOOK_EVENT_LABELS: Record<WebhookEvent, string> = {
  'creator.added': 'A creator is added',
  'creator.status_changed': 'A status changes (influencer, contract or payment)',
  'note.edited': 'Notes are edited (at most once a minute per creator)',
  'payment.overdue': 'A payment becomes overdue (once per payment, checked on a schedule)',
};
