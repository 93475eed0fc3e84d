// React 19 side of docs/benchmarks.md. NODE_ENV=production node --expose-gc bench.mjs [seconds] [N...]
// (THROUGHPUT_ONLY=1 stops after part 1)
// 1. renderToString and renderToPipeableStream of the page, all data ready: pages/s.
// 2. N open streams (shell sent, both sections pending): heap per stream after a full GC, and the
//    heap once they all completed.
import { createElement as h } from 'react';
import { renderToString, renderToPipeableStream } from 'react-dom/server';
import { Writable } from 'node:stream';
import { Page, RECOMMENDED, REVIEWS, ready } from './page.mjs';

if (process.env.NODE_ENV !== 'production') throw new Error('run with NODE_ENV=production');
const seconds = Number(process.argv[2] ?? 5);
const counts = process.argv.slice(3).map(Number);
if (counts.length === 0) counts.push(2000, 5000, 10000);

class Sink extends Writable {
  constructor(onEnd) { super(); this.bytes = 0; this.onEnd = onEnd; }
  _write(chunk, _enc, cb) { this.bytes += chunk.length; cb(); }
  _final(cb) { this.onEnd?.(this.bytes); cb(); }
}

function streamOnce(recommended, reviews, onShell) {
  return new Promise((resolve, reject) => {
    const sink = new Sink(resolve);
    const s = renderToPipeableStream(h(Page, { recommended, reviews }), {
      onShellReady() { s.pipe(sink); onShell?.(sink); },
      onShellError: reject, onError: reject,
    });
  });
}

async function throughput(name, once) {
  let n = 0;
  const warm = Date.now() + 2000;
  while (Date.now() < warm) await once();
  const start = process.hrtime.bigint();
  const end = Date.now() + seconds * 1000;
  while (Date.now() < end) { await once(); n++; }
  const s = Number(process.hrtime.bigint() - start) / 1e9;
  console.log(`${name}: ${(n / s).toFixed(0)} pages/s`);
}

const html = renderToString(h(Page, { recommended: ready(RECOMMENDED), reviews: ready(REVIEWS) }));
console.log(`[page] renderToString ${Buffer.byteLength(html)} bytes`);
await throughput('renderToString', async () => renderToString(h(Page, { recommended: ready(RECOMMENDED), reviews: ready(REVIEWS) })));
await throughput('renderToPipeableStream', () => streamOnce(ready(RECOMMENDED), ready(REVIEWS)));

// THROUGHPUT_ONLY=1: the pages/s figures alone (bench/react-vs-arbor.sh runs them between Arbor's)
if (process.env.THROUGHPUT_ONLY) process.exit(0);

function used() { global.gc(); global.gc(); return process.memoryUsage().heapUsed; }

for (const n of [200, ...counts]) { // the first round only warms up and settles the heap
  const base = used();
  const resolvers = [];
  const done = [];
  let shellBytes = 0;
  for (let i = 0; i < n; i++) {
    let a, b;
    const recs = new Promise((r) => { a = r; });
    const revs = new Promise((r) => { b = r; });
    let shown;
    const shell = new Promise((r) => { shown = r; });
    done.push(streamOnce(recs, revs, (sink) => shown(sink)));
    const sink = await shell;
    await new Promise((r) => setImmediate(r));
    shellBytes = sink.bytes;
    resolvers.push(() => { a(RECOMMENDED); b(REVIEWS); });
  }
  const open = used();
  resolvers.forEach((r) => r());
  const bytes = await Promise.all(done);
  resolvers.length = 0;
  done.length = 0;
  const after = used();
  if (n === 200 && counts[0] !== 200) continue;
  console.log(`N=${n} shell sent ${shellBytes} B (page ${bytes[0]} B) baseline ${base >> 10} KB open ${open >> 10} KB `
    + `per stream ${((open - base) / 1024 / n).toFixed(1)} KB after close ${after >> 10} KB`);
}
