import { Session } from 'node:inspector';
import { writeFileSync } from 'node:fs';

/**
 * Samples a process's allocations (V8's sampling heap profiler) and writes a .heapprofile, which
 * Chrome DevTools' Memory tab opens. With `promotedOnly`, objects a scavenge collected are left
 * out: what remains outlived the young generation, which is what makes scavenges slow.
 */
export function sampleAllocations(file: string, promotedOnly = false) {
  const session = new Session();
  session.connect();
  const post = (method: string, params: object = {}) =>
    new Promise<unknown>((resolve, reject) =>
      session.post(method, params, (error, result) => (error ? reject(error) : resolve(result))),
    );
  // A diagnostic must not take the measured process down: a failure is reported, not thrown.
  const report = (error: unknown) => console.error(`heap sampling (${file}) failed: ${String(error)}`);
  return {
    start: () =>
      post('HeapProfiler.startSampling', {
        samplingInterval: 4096,
        includeObjectsCollectedByMajorGC: true,
        includeObjectsCollectedByMinorGC: !promotedOnly,
      }).catch(report),
    stop: () =>
      post('HeapProfiler.stopSampling')
        .then((result) => writeFileSync(file, JSON.stringify((result as { profile: unknown }).profile)))
        .catch(report),
  };
}
