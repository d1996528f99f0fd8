// Loopscope peer: Node.js (run with `node --expose-gc node_peer.mjs`).
// Prints one JSON line per workload:
//   switch - 10,000 async fns x 100 `await new Promise(r => setImmediate(r))`; ns_per_op = wall / 1,000,000
//   spawn  - 100,000 calls of a trivial async fn, awaited via one Promise.all; ns_per_op = wall / 100,000
//   memory - 100,000 async fns suspended on `await pending` (one shared never-yet-resolved promise);
//            bytes_per_task = heapUsed delta (after gc()) / 100,000; rss_bytes_per_task also reported.
// Timing workloads: 1 warm-up + 5 reps, median reported.
const SWITCH_TASKS = 10_000, SWITCH_YIELDS = 100, SPAWN_N = 100_000, MEM_N = 100_000, REPS = 5;
const gc = globalThis.gc ?? (() => { throw new Error("run with --expose-gc"); });
const now = () => process.hrtime.bigint();
const emit = (o) => console.log(JSON.stringify({ peer: "node", ...o }));
const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
const tick = () => new Promise((r) => setImmediate(r));

async function yielder() {
  for (let i = 0; i < SWITCH_YIELDS; i++) await tick();
}
async function noop() {}

async function runSwitch() {
  const t0 = now();
  await Promise.all(Array.from({ length: SWITCH_TASKS }, yielder));
  return Number(now() - t0) / (SWITCH_TASKS * SWITCH_YIELDS);
}

async function runSpawn() {
  const t0 = now();
  await Promise.all(Array.from({ length: SPAWN_N }, noop));
  return Number(now() - t0) / SPAWN_N;
}

async function runMemory() {
  let release;
  const pending = new Promise((r) => (release = r));
  const waiter = async () => { await pending; };
  gc();
  const heap0 = process.memoryUsage().heapUsed, rss0 = process.memoryUsage.rss();
  const tasks = Array.from({ length: MEM_N }, waiter); // each runs synchronously to its `await`
  gc();
  const heap1 = process.memoryUsage().heapUsed, rss1 = process.memoryUsage.rss();
  release();
  await Promise.all(tasks);
  return { bytes_per_task: +((heap1 - heap0) / MEM_N).toFixed(1), measure: "heapUsed",
           rss_bytes_per_task: +((rss1 - rss0) / MEM_N).toFixed(1), tasks: MEM_N };
}

const mem = await runMemory(); // first, before other workloads grow the heap
for (const [name, fn, ops] of [["switch", runSwitch, SWITCH_TASKS * SWITCH_YIELDS], ["spawn", runSpawn, SPAWN_N]]) {
  await fn(); // warm-up
  const samples = [];
  for (let i = 0; i < REPS; i++) { gc(); samples.push(+(await fn()).toFixed(1)); }
  emit({ workload: name, ns_per_op: median(samples), ops, samples });
}
emit({ workload: "memory", ...mem });
