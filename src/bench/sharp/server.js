// The peer of src/bench/sharp.sh: sharp (libvips) behind a tiny HTTP server on 127.0.0.1.
//   node server.js ORIGINALS_DIR PORT
//   GET /resize?file=NAME&w=WIDTH&q=85  ->  image/jpeg, WIDTH px wide (never enlarged), quality q
// An original is read from the directory once and kept in memory afterwards (the filter reads a
// file that the page cache keeps). Every request is a real render: sharp's operation cache is off
// and there is no result cache. Settings, all sharp's defaults but the explicit ones:
//   resize: kernel lanczos3 (sharp's default), withoutEnlargement
//   jpeg:   quality q, chromaSubsampling 4:2:0 and mozjpeg off (sharp's defaults), no metadata
//   sharp.concurrency(): left at its default (printed at start-up); renders run on libuv's pool
//   (UV_THREADPOOL_SIZE, 4 by default), so that many may run at once.
'use strict';
const fs = require('fs');
const http = require('http');
const path = require('path');
const sharp = require('sharp');

const [dir, port] = process.argv.slice(2);
if (!dir || !port) {
  console.error('usage: node server.js ORIGINALS_DIR PORT');
  process.exit(2);
}
sharp.cache(false);

const originals = new Map();
function original(name) {
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(name)) return Promise.reject(new Error('bad file name'));
  let p = originals.get(name);
  if (!p) {
    p = fs.promises.readFile(path.join(dir, name));
    originals.set(name, p);
    p.catch(() => originals.delete(name));
  }
  return p;
}

const server = http.createServer(async (req, res) => {
  const u = new URL(req.url, 'http://127.0.0.1');
  if (u.pathname !== '/resize') {
    res.writeHead(404, { 'Content-Type': 'text/plain' });
    res.end('not found\n');
    return;
  }
  const file = u.searchParams.get('file') || '';
  const w = Number.parseInt(u.searchParams.get('w') || '', 10);
  const q = Number.parseInt(u.searchParams.get('q') || '85', 10);
  if (!(w >= 1 && w <= 10000) || !(q >= 1 && q <= 100)) {
    res.writeHead(400, { 'Content-Type': 'text/plain' });
    res.end('bad w or q\n');
    return;
  }
  let input;
  try {
    input = await original(file);
  } catch (e) {
    res.writeHead(404, { 'Content-Type': 'text/plain' });
    res.end('no such original\n');
    return;
  }
  try {
    const out = await sharp(input)
      .resize({ width: w, withoutEnlargement: true, kernel: 'lanczos3' })
      .jpeg({ quality: q })
      .toBuffer();
    res.writeHead(200, { 'Content-Type': 'image/jpeg', 'Content-Length': out.length });
    res.end(out);
  } catch (e) {
    res.writeHead(500, { 'Content-Type': 'text/plain' });
    res.end(String(e.message) + '\n');
  }
});
server.keepAliveTimeout = 60000;
server.listen(Number(port), '127.0.0.1', () => {
  console.log(`sharp ${sharp.versions.sharp}, libvips ${sharp.versions.vips}, sharp.concurrency() ${sharp.concurrency()}, ` +
    `UV_THREADPOOL_SIZE ${process.env.UV_THREADPOOL_SIZE || '4 (default)'}, simd ${sharp.simd()}, cache off; ` +
    `listening on 127.0.0.1:${port}`);
});
