import { listJobs, type JobView } from './outreachApi';

/** While a job runs the bar moves every this often; otherwise the board checks for new jobs this often. */
const RUNNING_MS = 1500;
const IDLE_MS = 5000;

/**
 * The board's outreach jobs, as every teammate on the board sees them. The truth is in PostgreSQL
 * (the job may run on another instance, one that does not have the board open), so the page asks
 * the server: every 1.5 s while a job runs, every 5 s otherwise, and not while the tab is hidden.
 * A reload asks again at once, so the bar survives it.
 */
export class OutreachState {
  jobs = $state.raw<JobView[]>([]);
  private timer: ReturnType<typeof setTimeout> | undefined;
  private destroyed = false;

  constructor(readonly boardId: string) {
    void this.refresh();
    document.addEventListener('visibilitychange', this.onVisibility);
  }

  get running(): boolean {
    return this.jobs.some((job) => job.state === 'running');
  }

  /** Asks the server now (after starting or retrying a job) and schedules the next look. */
  refresh = async (): Promise<void> => {
    clearTimeout(this.timer);
    try {
      const jobs = await listJobs(this.boardId);
      if (!this.destroyed && JSON.stringify(jobs) !== JSON.stringify(this.jobs)) this.jobs = jobs;
    } catch {
      // Offline or signed out: the board says so; try again at the next tick.
    }
    if (!this.destroyed && document.visibilityState === 'visible')
      this.timer = setTimeout(this.refresh, this.running ? RUNNING_MS : IDLE_MS);
  };

  private onVisibility = () => {
    if (document.visibilityState === 'visible') void this.refresh();
    else clearTimeout(this.timer);
  };

  destroy(): void {
    this.destroyed = true;
    clearTimeout(this.timer);
    document.removeEventListener('visibilitychange', this.onVisibility);
  }
}
