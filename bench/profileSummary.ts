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

if (process.argv[1]?.endsWith('profileSummary.ts') && process.argv[2]) {
  console.log(summarizeProfile(process.argv[2], Number(process.argv[3] ?? 25)));
}
