// Load generator of src/bench/sharp.sh: keeps N requests in flight for S seconds, each for the
// next line of a list, and counts the answers that were 200 with a JPEG body.
//   node load.js --target filter|sharp --base http://127.0.0.1:PORT --list FILE
//                [--concurrency N] [--seconds S] [--quality Q] [--offset K] [--wrap 1]
// FILE has one "NAME WIDTH" per line; every request takes the next line, from line K (0) on, so
// none repeats (the "requested" count of the output tells the caller where to go on). With
// --wrap 1 (for sharp only, which keeps no results) the list starts over when it runs out.
//   filter: GET /images/width=WIDTH,quality=Q/NAME?exp=…&sig=…  signed as the filter's default
//           scheme wants it: hex HMAC-SHA256(IMAGE_SIGNING_KEY, path + "?exp=…"), as lib.sh's sign
//   sharp:  GET /resize?file=NAME&w=WIDTH&q=Q
// Prints one JSON line: 200s completed within the window, their rate, other statuses, 200s per
// second, latency percentiles, and whether the list ran out. Answers still in flight when the
// window closes are not counted.
'use strict';
const crypto = require('crypto');
const fs = require('fs');
const http = require('http');

const args = {};
for (let i = 2; i < process.argv.length; i += 2) args[process.argv[i].replace(/^--/, '')] = process.argv[i + 1];
const target = args.target;
const base = new URL(args.base);
const concurrency = Number(args.concurrency || 1);
const seconds = Number(args.seconds || 20);
const quality = Number(args.quality || 85);
const wrap = args.wrap === '1';
const key = process.env.IMAGE_SIGNING_KEY || '';
if (!['filter', 'sharp'].includes(target) || !args.list) {
  console.error('usage: node load.js --target filter|sharp --base URL --list FILE [--concurrency N] [--seconds S]');
  process.exit(2);
}
const items = fs.readFileSync(args.list, 'utf8').split('\n').filter(Boolean).map((l) => l.split(/\s+/));
const exp = Math.floor(Date.now() / 1000) + 3600;

function pathFor([name, width]) {
  if (target === 'sharp') return `/resize?file=${encodeURIComponent(name)}&w=${width}&q=${quality}`;
  const p = `/images/width=${width},quality=${quality}/${encodeURIComponent(name)}`;
  const sig = crypto.createHmac('sha256', key).update(`${p}?exp=${exp}`).digest('hex');
  return `${p}?exp=${exp}&sig=${sig}`;
}
if (args['print-path']) { // for checking the signature against lib.sh and the signing CLI
  console.log(pathFor(args['print-path'].split(',')));
  process.exit(0);
}

const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
const offset = Number(args.offset || 0);
let next = offset;
let ok = 0;
let bytes = 0;
let exhausted = false;
const other = {};
const perSecond = new Array(Math.ceil(seconds)).fill(0);
const latencies = [];
const start = process.hrtime.bigint();
const elapsed = () => Number(process.hrtime.bigint() - start) / 1e9;
let inFlight = 0;
let closed = false;

function finish() {
  if (closed) return;
  closed = true;
  latencies.sort((a, b) => a - b);
  const pct = (p) => (latencies.length ? Math.round(latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))]) : null);
  console.log(JSON.stringify({
    target, concurrency, seconds, ok, rps: ok / seconds, other, exhausted, requested: next - offset,
    bytes, perSecond, p50ms: pct(0.5), p90ms: pct(0.9), maxms: pct(1),
  }));
  agent.destroy();
  process.exit(0);
}

function issue() {
  if (elapsed() >= seconds) return;
  if (next >= items.length && !wrap) { exhausted = true; return; }
  const item = items[next++ % items.length];
  const sent = elapsed();
  inFlight++;
  const req = http.get({ host: base.hostname, port: base.port, path: pathFor(item), agent }, (res) => {
    let n = 0;
    res.on('data', (c) => { n += c.length; });
    res.on('end', () => {
      inFlight--;
      const done = elapsed();
      if (done < seconds) {
        const good = res.statusCode === 200 && /^image\/jpeg/.test(res.headers['content-type'] || '') && n > 0;
        if (good) {
          ok++;
          bytes += n;
          perSecond[Math.floor(done)]++;
          latencies.push((done - sent) * 1000);
        } else {
          const k = `${res.statusCode} ${res.headers['content-type'] || ''}`.trim();
          other[k] = (other[k] || 0) + 1;
        }
      }
      issue();
      if (inFlight === 0) finish();
    });
  });
  req.on('error', (e) => {
    inFlight--;
    if (elapsed() < seconds) other[e.code || 'error'] = (other[e.code || 'error'] || 0) + 1;
    issue();
    if (inFlight === 0) finish();
  });
}

for (let i = 0; i < concurrency; i++) issue();
setTimeout(finish, seconds * 1000 + 50); // answers still in flight at the end are not waited for
