// V8 flags of the Roster server process: `pnpm start`, the bench's Roster server and the Docker
// image (its CMD repeats them) all run with these.
//
// --initial-old-space-size=256: V8 starts with a small old generation and grows it in steps, with
// a mark-compact at each step. Under live editing the server promotes ~2 MB/s (the boards grow with
// every change), so it ran a major GC every 3–4 s, each pausing it 3–17 ms, and every update in
// flight waited. Starting the old generation at 256 MB leaves those steps out: at 2,000 clients and
// 500 changes/s, 9 instead of 27 major GCs over three runs, p99 2.8–3.3 ms instead of 4.6–6.8 ms
// (bench/README.md). It is a threshold, not a reservation: RSS grows only with what is used
// (~40 MB more at that load).
export const SERVER_NODE_ARGS = ['--initial-old-space-size=256'];
