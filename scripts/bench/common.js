// Shared helpers of `npm run bench`: paths to the compiled code, statistics, a peak-RSS sampler.
"use strict";
const path = require("path");
const { Worker } = require("worker_threads");

const ROOT = path.join(__dirname, "..", "..");
/** tsconfig.bench.json compiles src/ (core, sheet, xlsx, cli, functions, excel) and test/helpers here. */
const BUILD = path.join(ROOT, "build", "bench");
const lib = (rel) => require(path.join(BUILD, rel));

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

const now = () => performance.now();

function gc() {
  if (typeof global.gc === "function") {
    global.gc();
    global.gc();
  }
}

/**
 * Times `subject` and `baseline` alternately (A B A B …) after `warmup` untimed rounds, so drift on
 * a shared machine hits both alike. Returns every time and the medians, in milliseconds.
 * `collect`: a full GC before each timed call (for large phases, so one call's garbage is not
 * charged to the next). Off for short calls: forced GCs age V8's compiled code, and a call right
 * after the flush pays for recompiling, which no real caller does.
 */
async function interleave({ subject, baseline, runs = 5, warmup = 1, between, collect = false }) {
  const a = [];
  const b = [];
  for (let i = 0; i < warmup; i++) {
    await subject();
    if (baseline) await baseline();
  }
  for (let i = 0; i < runs; i++) {
    if (between) await between();
    if (collect) gc();
    let t = now();
    await subject();
    a.push(now() - t);
    if (baseline) {
      if (between) await between();
      if (collect) gc();
      t = now();
      await baseline();
      b.push(now() - t);
    }
  }
  return { subject: median(a), baseline: baseline ? median(b) : undefined, subjectRuns: a, baselineRuns: b };
}

/**
 * Peak resident memory while `fn` runs. A worker thread samples the process's RSS every 2 ms, so
 * synchronous work on the main thread is seen too. Returns bytes above the RSS just before the
 * call (after a full GC) and the absolute peak.
 */
async function peakRss(fn) {
  const shared = new SharedArrayBuffer(16);
  const cell = new Float64Array(shared);
  const stop = new Int32Array(new SharedArrayBuffer(4));
  const worker = new Worker(
    `const { workerData } = require("worker_threads");
     const cell = new Float64Array(workerData.shared);
     const stop = new Int32Array(workerData.stop);
     const sleeper = new Int32Array(new SharedArrayBuffer(4));
     while (Atomics.load(stop, 0) === 0) {
       const r = process.memoryUsage.rss();
       if (r > cell[0]) cell[0] = r;
       Atomics.wait(sleeper, 0, 0, 2);
     }`,
    { eval: true, workerData: { shared, stop: stop.buffer } },
  );
  await new Promise((r) => worker.once("online", r));
  gc();
  const before = process.memoryUsage.rss();
  cell[0] = before;
  const t = now();
  const result = await fn();
  const ms = now() - t;
  const peak = Math.max(cell[0], process.memoryUsage.rss());
  Atomics.store(stop, 0, 1);
  await worker.terminate();
  return { before, peak, delta: peak - before, ms, result };
}

/** Deterministic pseudo-random numbers (LCG), so every run measures the same data. */
function rng(seed = 12345) {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 4294967296;
  };
}

module.exports = { ROOT, BUILD, lib, median, now, gc, interleave, peakRss, rng };
