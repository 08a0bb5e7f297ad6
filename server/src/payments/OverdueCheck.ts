import { daysBetween, utcDay } from '@roster/shared';
import type { Logger } from '../log.ts';
import type { WebhookOutbox } from '../webhooks/WebhookOutbox.ts';
import type { PaymentIndex } from './PaymentIndex.ts';

/**
 * Looks for overdue payments every `intervalMs`, with or without anyone connected: a query on the
 * payment index, never a board load. Each overdue payment is announced once (`payment.overdue`),
 * and again only if its due date moves; the event id names the payment and its due date, so two
 * instances checking at once queue it once.
 */
export class OverdueCheck {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<number> | null = null;

  constructor(
    private readonly index: PaymentIndex,
    private readonly outbox: WebhookOutbox,
    private readonly intervalMs: number,
    private readonly log: Logger,
  ) {}

  start(): void {
    this.timer = setInterval(() => void this.run(), this.intervalMs);
    this.timer.unref();
    void this.run();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running;
  }

  /** One check; answers how many payments were announced (exposed for tests). */
  run(now = Date.now()): Promise<number> {
    this.running ??= this.check(utcDay(now)).finally(() => (this.running = null));
    return this.running;
  }

  private async check(today: string): Promise<number> {
    try {
      const overdue = await this.index.overdueToAnnounce(today);
      const byBoard = new Map<string, typeof overdue>();
      for (const payment of overdue) byBoard.set(payment.boardId, [...(byBoard.get(payment.boardId) ?? []), payment]);
      for (const [boardId, payments] of byBoard) {
        await this.outbox.enqueue(
          boardId,
          payments.map((p) => ({
            id: `payment.overdue:${p.creatorId}:${p.paymentId}:${p.dueDate}`,
            event: 'payment.overdue',
            data: {
              creatorId: p.creatorId,
              creatorName: p.creatorName,
              paymentId: p.paymentId,
              amount: p.amount,
              currency: p.currency,
              dueDate: p.dueDate,
              daysLate: daysBetween(p.dueDate!, today),
            },
          })),
        );
        await this.index.markAnnounced(payments);
      }
      return overdue.length;
    } catch (error) {
      this.log.error('overdue payment check failed', { error: String(error) });
      return 0;
    }
  }
}
