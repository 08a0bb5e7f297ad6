// Reads a V8 .cpuprofile (node --cpu-prof) and sums self time by package and by function, so a
// profile can be read in a terminal. Run alone: tsx bench/profileSummary.ts <file> [top]
import { readFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
}
interface Profile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

/** Where a frame's code lives: a package, node's internals, our code, or a V8 pseudo-frame. */
function owner(url: string, name: string): string {
  if (!url) return name.startsWith('(') ? name : '(native)';
  const pkg = /node_modules\/(?:\.pnpm\/[^/]+\/node_modules\/)?((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg) return pkg[1]!;
  if (url.startsWith('node:')) return 'node:internal';
  const ours = /\/work\/main\/([^/]+\/[^/]+)/.exec(url);
  return ours ? ours[1]! : url;
}

export function summarizeProfile(file: string, top = 15): string {
  let profile: Profile;
  try {
    profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;
  } catch {
    return `  (no profile at ${file})`;
  }
  const selfUs = new Map<number, number>();
  profile.samples.forEach((id, i) => selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
  const total = profile.endTime - profile.startTime;
  const byOwner = new Map<string, number>();
  const byFunction = new Map<string, number>();
  for (const node of profile.nodes) {
    const us = selfUs.get(node.id) ?? 0;
    if (!us) continue;
    const { functionName, url, lineNumber } = node.callFrame;
    const where = owner(url, functionName);
    byOwner.set(where, (byOwner.get(where) ?? 0) + us);
    const key = `${functionName || '(anonymous)'}  ${where}${url ? `:${lineNumber + 1}` : ''}`;
    byFunction.set(key, (byFunction.get(key) ?? 0) + us);
  }
  const pct = (us: number) => `${((us / total) * 100).toFixed(1).padStart(5)}%`;
  const lines = [`  wall ${(total / 1e6).toFixed(1)} s; self time by owner:`];
  for (const [name, us] of [...byOwner].sort((a, b) => b[1] - a[1]).slice(0, 10)) lines.push(`  ${pct(us)}  ${name}`);
  lines.push('  top functions:');
  for (const [name, us] of [...byFunction].sort((a, b) => b[1] - a[1]).slice(0, top))
    lines.push(`  ${pct(us)}  ${name}`);
  return lines.join('\n');
}

if (process.argv[1]?.endsWith('profileSummary.ts') && process.argv[2] && process.argv[3] !== '--busy') {
  console.log(summarizeProfile(process.argv[2], Number(process.argv[3] ?? 25)));
}

/**
 * The longest stretches in which the process never went idle (what a message arriving then
 * waited behind), each with its busiest functions by self time and what called them.
 */
export function busyStretches(file: string, fromSeconds = 0, count = 5, top = 8): string {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile & {
    nodes: (ProfileNode & { children?: number[] })[];
  };
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const isIdle = (id: number) => byId.get(id)?.callFrame.functionName === '(idle)';
  const stretches: { start: number; us: number; samples: number[] }[] = [];
  let at = profile.startTime;
  let current: { start: number; us: number; samples: number[] } | null = null;
  profile.samples.forEach((id, i) => {
    const delta = profile.timeDeltas[i] ?? 0;
    at += delta;
    if (isIdle(id) || at - profile.startTime < fromSeconds * 1e6) {
      if (current) stretches.push(current);
      current = null;
    } else {
      current ??= { start: at, us: 0, samples: [] };
      current.us += delta;
      current.samples.push(id);
    }
  });
  const label = (id: number) => {
    const { functionName, url, lineNumber } = byId.get(id)!.callFrame;
    return `${functionName || '(anonymous)'} ${owner(url, functionName)}${url ? `:${lineNumber + 1}` : ''}`;
  };
  const caller = (id: number) => {
    const names: string[] = [];
    for (let p = parent.get(id); p !== undefined && names.length < 3; p = parent.get(p)) names.push(label(p));
    return names.join(' < ');
  };
  const lines: string[] = [];
  for (const stretch of stretches.sort((a, b) => b.us - a.us).slice(0, count)) {
    lines.push(
      `  ${(stretch.us / 1000).toFixed(1)} ms busy at ${((stretch.start - profile.startTime) / 1e6).toFixed(2)} s:`,
    );
    const self = new Map<number, number>();
    for (const id of stretch.samples) self.set(id, (self.get(id) ?? 0) + 1);
    for (const [id, n] of [...self].sort((a, b) => b[1] - a[1]).slice(0, top))
      lines.push(`    ${String(n).padStart(4)} samples  ${label(id)}  ← ${caller(id)}`);
  }
  return lines.join('\n');
}

if (process.argv[1]?.endsWith('profileSummary.ts') && process.argv[2] && process.argv[3] === '--busy') {
  console.log(busyStretches(process.argv[2], Number(process.argv[4] ?? 0)));
}
