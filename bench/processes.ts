import { spawn, type ChildProcess } from 'node:child_process';
import { appendFileSync, createWriteStream, mkdirSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { SERVER_NODE_ARGS } from '../scripts/serverNodeArgs.mjs';
import type { LoadJob, LoadResult } from './loadClients.ts';
import type { ProbeReport } from './probe.ts';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const PROFILE_DIR = path.join(ROOT, 'bench/results/profiles');

export interface Listening {
  url: string;
  child: ChildProcess;
  /** Starts a fresh measurement window of the process's probe (event loop, GC, appends). */
  resetProbe(): void;
  /** The probe's figures since the last reset. */
  probe(): Promise<ProbeReport>;
  stop(): Promise<void>;
}

export interface SpawnOptions {
  env?: Record<string, string>;
  /** V8 flags; Roster's default to SERVER_NODE_ARGS (as `pnpm start` runs it), the peers' to none. */
  nodeArgs?: string[];
  /** Writes a V8 CPU profile (`--cpu-prof`) under bench/results/profiles/ with this prefix. */
  profile?: string;
}

function profileArgs(name: string | undefined): string[] {
  if (!name) return [];
  // One directory per process: tsx's module hooks run on a second thread, which writes its own
  // (nearly idle) profile next to the main thread's.
  const dir = path.join(PROFILE_DIR, name);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  return ['--cpu-prof', `--cpu-prof-dir=${dir}`];
}

/** The main thread's profile of a process started with `profile: name` (the largest file). */
export function profileFile(name: string): string {
  const dir = path.join(PROFILE_DIR, name);
  try {
    const files = readdirSync(dir).map((f) => path.join(dir, f));
    return files.sort((a, b) => statSync(b).size - statSync(a).size)[0] ?? dir;
  } catch {
    return dir;
  }
}

/** Starts a server process that prints `LISTENING <url>` (or main.ts's `running at <url>`) when ready, with bench/probe.ts preloaded. */
export async function spawnListening(script: string, options: SpawnOptions = {}): Promise<Listening> {
  const child = spawn(
    process.execPath,
    [
      ...(options.nodeArgs ?? []),
      // Extra V8 flags for the server processes, e.g. '--trace-gc --trace-gc-nvp' (see bench/README.md).
      ...(process.env.BENCH_SERVER_NODE_ARGS ?? '').split(' ').filter(Boolean),
      ...profileArgs(options.profile),
      '--import',
      'tsx',
      '--import',
      './bench/probe.ts',
      script,
    ],
    {
      cwd: ROOT,
      env: { ...process.env, PORT: '0', LOG_LEVEL: 'warn', ...options.env },
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    },
  );
  let output = '';
  // With BENCH_SERVER_NODE_ARGS='--trace-gc --trace-gc-nvp', V8's GC lines go to stdout: keep them.
  if (process.env.BENCH_SERVER_STDOUT)
    child.stdout!.pipe(createWriteStream(process.env.BENCH_SERVER_STDOUT, { flags: 'a' }));
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no LISTENING line:\n${output}`)), 60_000);
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk;
      const match = /(?:LISTENING|running at) (\S+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    });
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk));
    void exited.then(() => reject(new Error(`exited:\n${output}`)));
  });
  return {
    url,
    child,
    resetProbe: () => void child.send('probe:reset'),
    probe: () =>
      new Promise((resolve) => {
        const onMessage = (message: unknown) => {
          if (message && typeof message === 'object' && 'probe' in message) {
            child.off('message', onMessage);
            resolve((message as { probe: ProbeReport }).probe);
          }
        };
        child.on('message', onMessage);
        child.send('probe:report');
      }),
    async stop() {
      if (child.exitCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** Roster's server (auth, persistence; Redis when REDIS_URL is given), as in production. */
export function spawnRoster(databaseUrl: string, options: SpawnOptions = {}) {
  return spawnListening('tests/integration/support/serverProcess.ts', {
    ...options,
    nodeArgs: options.nodeArgs ?? SERVER_NODE_ARGS,
    // Every bench client is the same user: the per-user rate limit (meant for one person's tabs)
    // would stop the load at 200 changes/s. The per-connection limit stays on.
    env: {
      DATABASE_URL: databaseUrl,
      BENCH_PROBE_ROSTER: '1',
      USER_MESSAGES_PER_SECOND: '0',
      USER_BYTES_PER_SECOND: '0',
      ...options.env,
    },
  });
}

export function spawnBareHocuspocus(options: SpawnOptions = {}) {
  return spawnListening('bench/peers/bareHocuspocus.ts', options);
}

export function spawnYWebsocket(options: SpawnOptions = {}) {
  return spawnListening('bench/peers/yWebsocketRelay.ts', options);
}

export interface LoadHooks {
  /** Called when every client is connected and synced; the changes start on `go()` (default: at once). */
  onSynced?(go: () => void): void;
  /** Called when the warm-up ends and measuring starts. */
  onMeasuring?(): void;
  /** Called when the changes stop, before clients disconnect. */
  onDone?(): void | Promise<void>;
}

/**
 * The load process stands for 2,000 browsers, but its GC pauses stop all of them at once: with
 * V8's default young generation (16 MB semi-spaces here) it paused 5–12 ms several times a second,
 * and every arrival in flight was counted that much later. With 2 MB semi-spaces its scavenges
 * mostly stay under 4 ms (`pnpm bench --timeline` shows each process's longest pause per 500 ms).
 * BENCH_LOAD_NODE_ARGS replaces these flags ('' for V8's defaults).
 */
const LOAD_NODE_ARGS = '--max-semi-space-size=2';

/** Runs the load process with a job; resolves with its JSON result. */
export function runLoad(job: LoadJob, hooks: LoadHooks = {}, profile?: string): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const nodeArgs = (process.env.BENCH_LOAD_NODE_ARGS ?? LOAD_NODE_ARGS).split(' ').filter(Boolean);
    const child = spawn(
      process.execPath,
      [...nodeArgs, ...profileArgs(profile), '--import', 'tsx', 'bench/loadClients.ts'],
      {
        cwd: ROOT,
        env: { ...process.env, BENCH_JOB: JSON.stringify(job) },
        stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
      },
    );
    let out = '';
    let err = '';
    let done: Promise<void> = Promise.resolve();
    child.stdout!.on('data', (chunk: Buffer) => (out += chunk));
    child.stderr!.on('data', (chunk: Buffer) => (err += chunk));
    child.on('message', (message) => {
      if (message === 'load:synced') {
        const go = () => void child.send('load:go');
        if (hooks.onSynced) hooks.onSynced(go);
        else go();
      }
      if (message === 'load:measuring') hooks.onMeasuring?.();
      if (message === 'load:done') done = Promise.resolve(hooks.onDone?.());
    });
    child.on('exit', () => {
      if (process.env.BENCH_LOAD_STDOUT) appendFileSync(process.env.BENCH_LOAD_STDOUT, out);
      const line =
        out
          .trim()
          .split('\n')
          .findLast((l) => l.startsWith('{')) ?? '';
      void done.then(() => {
        try {
          const parsed = JSON.parse(line) as LoadResult & { error?: string };
          if (parsed.error) reject(new Error(parsed.error));
          else resolve(parsed);
        } catch {
          reject(new Error(`load process failed:\n${out}\n${err.slice(-2000)}`));
        }
      });
    });
  });
}

/**
 * Runs the job in `parts` load processes, each with its share of the boards (a board's clients
 * stay in one process, so each latency is measured on one clock), and merges their results.
 * Hooks fire once: when the first process starts measuring and when the last is done.
 */
export async function runLoadSplit(job: LoadJob, parts: number, hooks: LoadHooks = {}, profile?: string) {
  if (parts <= 1) return runLoad(job, hooks, profile);
  let measuring = 0;
  let done = 0;
  const waiting: (() => void)[] = [];
  // Every process connects first; then all start their changes together.
  const onSynced = (go: () => void) => {
    waiting.push(go);
    if (waiting.length === parts) for (const start of waiting) start();
  };
  const shares = Array.from({ length: parts }, (_, part) => job.documents.filter((_, i) => i % parts === part));
  const results = await Promise.all(
    shares.map((documents, part) =>
      runLoad(
        {
          ...job,
          documents,
          changesPerSecond: (job.changesPerSecond * documents.length) / job.documents.length,
        },
        {
          onSynced,
          onMeasuring: () => void (measuring++ === 0 && hooks.onMeasuring?.()),
          onDone: () => (++done === parts ? hooks.onDone?.() : undefined),
        },
        profile && part === 0 ? profile : undefined,
      ),
    ),
  );
  const samples = results.flatMap((r) => r.samples).sort((a, b) => a - b);
  const perChange = results.flatMap((r) => r.perChangeSamples).sort((a, b) => a - b);
  const at = (values: number[], q: number) => values[Math.min(values.length - 1, Math.floor(q * values.length))] ?? NaN;
  const sum = (pick: (r: LoadResult) => number) => results.reduce((total, r) => total + pick(r), 0);
  const max = (pick: (r: LoadResult) => number) => Math.max(...results.map(pick));
  return {
    clients: sum((r) => r.clients),
    connectMs: max((r) => r.connectMs),
    sent: sum((r) => r.sent),
    deliveries: samples.length,
    p50: at(samples, 0.5),
    p95: at(samples, 0.95),
    p99: at(samples, 0.99),
    max: samples[samples.length - 1] ?? NaN,
    allP99: at(perChange, 0.99),
    rate: sum((r) => r.rate),
    samples,
    perChangeSamples: perChange,
    slowTimeline: {
      startedAfterCreateMs: results[0]!.slowTimeline.startedAfterCreateMs,
      since: results[0]!.slowTimeline.since,
      stalls: results.flatMap((r) => r.slowTimeline.stalls),
      counts: results[0]!.slowTimeline.counts.map((_, i) => sum((r) => r.slowTimeline.counts[i] ?? 0)),
      presenceSent: results[0]!.slowTimeline.presenceSent.map((_, i) =>
        sum((r) => r.slowTimeline.presenceSent[i] ?? 0),
      ),
      gcMs: results[0]!.slowTimeline.gcMs.map((_, i) => sum((r) => r.slowTimeline.gcMs[i] ?? 0)),
    },
    load: {
      cpuPercent: sum((r) => r.load.cpuPercent),
      loopP99: max((r) => r.load.loopP99),
      loopMax: max((r) => r.load.loopMax),
      gcCount: sum((r) => r.load.gcCount),
      gcTotalMs: sum((r) => r.load.gcTotalMs),
      gcMaxMs: max((r) => r.load.gcMaxMs),
    },
  } satisfies LoadResult;
}

/** Samples a process's CPU time and RSS from /proc while a measurement runs. */
export function sampleProcess(pid: number) {
  const ticks = () => {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return Number(fields[11]) + Number(fields[12]); // utime + stime, in clock ticks (100/s)
  };
  const startTicks = ticks();
  const startAt = performance.now();
  let maxRss = rssMb(pid);
  const timer = setInterval(() => {
    try {
      maxRss = Math.max(maxRss, rssMb(pid));
    } catch {
      /* the process ended */
    }
  }, 250);
  return {
    stop() {
      clearInterval(timer);
      const seconds = (performance.now() - startAt) / 1000;
      return { cpuPercent: ((ticks() - startTicks) / 100 / seconds) * 100, maxRssMb: Math.max(maxRss, rssMb(pid)) };
    },
  };
}

export function rssMb(pid: number): number {
  return Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) / 1024;
}

/** Total CPU ticks of every PostgreSQL process now (backends, WAL writer, autovacuum, …). */
function postgresTicks(): number {
  let total = 0;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      if (!stat.includes('(postgres)')) continue;
      const fields = stat.split(') ')[1]!.split(' ');
      total += Number(fields[11]) + Number(fields[12]);
    } catch {
      /* the process ended */
    }
  }
  return total;
}

/**
 * PostgreSQL's CPU while a measurement runs (it shares the machine's cores with the server and the
 * load process), in total and per 500 ms. Ticks of processes that exit meanwhile are missed.
 */
export function samplePostgres() {
  const startAt = performance.now();
  const start = postgresTicks();
  const perHalfSecond: number[] = [];
  let previous = start;
  const timer = setInterval(() => {
    const now = postgresTicks();
    perHalfSecond.push(Math.max(0, now - previous) * 10);
    previous = now;
  }, 500);
  return {
    stop() {
      clearInterval(timer);
      const seconds = (performance.now() - startAt) / 1000;
      return { cpuPercent: ((postgresTicks() - start) / 100 / seconds) * 100, msPerHalfSecond: perHalfSecond };
    },
  };
}
