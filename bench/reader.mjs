// The reader's side of search, measured: run by bench/reader (which builds
// the sites), not part of cargo test.
//
//   node bench/reader.mjs --site OUT --orgs N [--pagefind PF_SITE] [--runs 3]
//
// Serves OUT (and PF_SITE, the same output with Pagefind's bundle added) on
// 127.0.0.1 with gzip for text files, as a static host does, and in headless
// Chromium (Debian's /usr/bin/chromium, a fresh profile, the cache off) opens
// a page of each variant (an organization's) and, for each query, from a
// fresh page:
// zhpress — focus the search box and type the query, until the first result
// is listed; Pagefind — import its pagefind.js, search, and load the data of
// its first five results (what its default UI shows first), until they are
// on the page. Prints, per query, the bytes the search transferred (gzip, as
// sent; for zhpress with search.js, for Pagefind everything under
// pagefind/), the median milliseconds of the runs, the hits, and the first
// title; then one line `RESULT {json}`.
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const require = createRequire(path.join(here, '../tests/browser/package.json'));
const { chromium } = require('playwright-core');

const args = Object.fromEntries(
  process.argv.slice(2).reduce((acc, a, i, all) => (a.startsWith('--') ? [...acc, [a.slice(2), all[i + 1]]] : acc), []),
);
const site = path.resolve(args.site);
const pfSite = args.pagefind ? path.resolve(args.pagefind) : null;
const runs = Number(args.runs || 3);
const orgs = args.orgs || '?';
const variants = fs.readdirSync(site).filter((d) => fs.existsSync(path.join(site, d, 'search', 'index.js'))).sort();

// A static host: gzip for text, files as they are otherwise (Pagefind's
// index files are gzip-compressed already). It counts what it sends: a
// worker's requests (Pagefind fetches its index from one) are not all seen
// by the page's DevTools session, every request is seen here.
const sent = { bytes: 0, raw: 0, files: 0, paths: [] };
function count(url, body, raw) {
  if (!/\/search\/|\/search\.js$|\/pagefind\//.test(url)) return;
  sent.bytes += body;
  sent.raw += raw;
  sent.files++;
  sent.paths.push(url);
}
const types = { '.html': 'text/html; charset=utf-8', '.css': 'text/css', '.js': 'text/javascript', '.json': 'application/json', '.svg': 'image/svg+xml', '.xml': 'application/xml' };
function safeGunzipLength(b) {
  try { return zlib.gunzipSync(b).length; } catch (e) { return b.length; }
}
function serve(root) {
  const gz = new Map();
  const server = http.createServer((req, res) => {
    let file = path.join(root, decodeURIComponent(new URL(req.url, 'http://x').pathname));
    if (!file.startsWith(root)) { res.writeHead(403).end(); return; }
    if (fs.existsSync(file) && fs.statSync(file).isDirectory()) file = path.join(file, 'index.html');
    if (!fs.existsSync(file)) { res.writeHead(404).end(); return; }
    const type = types[path.extname(file)];
    const headers = { 'content-type': type || 'application/octet-stream', 'cache-control': 'no-store' };
    const bytes = fs.readFileSync(file);
    if (type && /gzip/.test(req.headers['accept-encoding'] || '')) {
      if (!gz.has(file)) gz.set(file, zlib.gzipSync(bytes, { level: 6 }));
      res.writeHead(200, { ...headers, 'content-encoding': 'gzip' });
      res.end(gz.get(file));
      count(req.url, gz.get(file).length, bytes.length);
    } else {
      res.writeHead(200, headers);
      res.end(bytes);
      // Pagefind's own files are gzip inside: raw is what it unpacks.
      count(req.url, bytes.length, /\.pf_|\.pagefind$/.test(file) ? safeGunzipLength(bytes) : bytes.length);
    }
  });
  return new Promise((r) => server.listen(0, '127.0.0.1', () => r({ server, root: `http://127.0.0.1:${server.address().port}/` })));
}

const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'zhpress-reader-'));
const browser = await chromium.launchPersistentContext(profile, {
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  headless: true,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  viewport: { width: 1280, height: 800 },
});

// A fresh page, the cache off; what the search transfers is counted from
// here on (search.js, loaded with the page, is counted for zhpress).
async function counted(url) {
  const page = await browser.newPage();
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  Object.assign(sent, { bytes: 0, raw: 0, files: 0, paths: [] });
  await page.goto(url, { waitUntil: 'load' });
  return { page, seen: sent };
}

// zhpress: from focusing the box and typing to the first result listed (or "none").
async function zhpress(root, from, q) {
  const { page, seen } = await counted(`${root}${from}`);
  const r = await page.evaluate((q) => new Promise((resolve) => {
    const input = document.getElementById('search-input');
    const list = document.getElementById('search-results');
    const status = document.getElementById('search-status');
    const done = () => list.querySelector('li a') || /沒有|没有/.test(status.textContent);
    const t0 = performance.now();
    const obs = new MutationObserver(() => {
      if (!done()) return;
      obs.disconnect();
      const ms = performance.now() - t0;
      const first = list.querySelector('li a');
      const n = (status.textContent.match(/\d+/) || ['0'])[0];
      resolve({ ms, hits: Number(n), first: first ? first.textContent.replace(first.querySelector('.kind')?.textContent || '', '') : '' });
    });
    obs.observe(document.querySelector('.search-panel'), { childList: true, subtree: true, characterData: true });
    input.focus();
    input.value = q;
    input.dispatchEvent(new Event('input', { bubbles: true }));
  }), q);
  const out = { ...r, sent: seen.bytes, raw: seen.raw, files: seen.files, paths: seen.paths.slice() };
  await page.close();
  return out;
}

// Pagefind 1.6 through its JS API: import, search, the first five results' data on the page.
async function pagefind(root, from, q) {
  const { page, seen } = await counted(`${root}${from}`);
  const r = await page.evaluate(async (q) => {
    const t0 = performance.now();
    const pf = await import('/pagefind/pagefind.js');
    const found = await pf.search(q);
    const data = await Promise.all(found.results.slice(0, 5).map((x) => x.data()));
    const ol = document.createElement('ol');
    for (const d of data) {
      const li = document.createElement('li');
      li.innerHTML = `<a href="${d.url}">${d.meta.title}</a><p>${d.excerpt}</p>`;
      ol.appendChild(li);
    }
    document.body.prepend(ol);
    ol.getBoundingClientRect();
    return { ms: performance.now() - t0, hits: found.results.length, first: data[0] ? data[0].meta.title : '' };
  }, q);
  const out = { ...r, sent: seen.bytes, raw: seen.raw, files: seen.files, paths: seen.paths.slice() };
  await page.close();
  return out;
}

function median(xs) { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; }

async function measure(f, root, from, q) {
  const all = [];
  for (let i = 0; i < runs; i++) all.push(await f(root, from, q));
  return { ...all[all.length - 1], ms: Math.round(median(all.map((x) => x.ms))), runs: all.map((x) => Math.round(x.ms)) };
}

// The organization in the middle: its name (in each variant's script) is
// the fifth query, and its page is where each search starts (a page of the
// usual size; the home page lists every organization until it is paginated).
function middle(v) {
  const data = JSON.parse(fs.readFileSync(path.join(site, v, 'data.json'), 'utf8'));
  return data.organizations[Math.floor(data.organizations.length / 2)];
}

// The largest file the search may load, per variant.
function largest(v) {
  const dir = path.join(site, v, 'search');
  let max = { file: '', bytes: 0 };
  for (const sub of ['', 'i', 'd']) {
    for (const f of fs.readdirSync(path.join(dir, sub))) {
      const p = path.join(dir, sub, f);
      const st = fs.statSync(p);
      if (st.isFile() && st.size > max.bytes) max = { file: path.join(sub, f), bytes: st.size };
    }
  }
  return max;
}

const zs = await serve(site);
const ps = pfSite ? await serve(pfSite) : null;
const results = [];
const kb = (b) => (b / 1024).toFixed(1);
console.log(`\n${orgs} organizations${ps ? '' : ' (Pagefind not measured)'}`);
console.log(['variant', 'query', 'zhpress KB (raw)', 'ms', 'hits', 'Pagefind KB (raw)', 'ms', 'hits'].join('\t'));
for (const v of variants) {
  const org = middle(v);
  const from = `${v}/orgs/${org.slug}/index.html`;
  const queries = ['轩辕', '軒轅', '口罩', '捐款', org.name];
  for (const q of queries) {
    const z = await measure(zhpress, zs.root, from, q);
    const p = ps ? await measure(pagefind, ps.root, from, q) : null;
    results.push({ orgs, variant: v, query: q, zhpress: z, pagefind: p });
    console.log([v, q, `${kb(z.sent)} (${kb(z.raw)})`, z.ms, z.hits, p ? `${kb(p.sent)} (${kb(p.raw)})` : '-', p ? p.ms : '-', p ? p.hits : '-'].join('\t'));
  }
}
const sizes = Object.fromEntries(variants.map((v) => [v, largest(v)]));
for (const v of variants) console.log(`largest search file, ${v}: ${sizes[v].file} ${kb(sizes[v].bytes)} KB`);
console.log('RESULT ' + JSON.stringify({ orgs, results, largest: sizes }));
await browser.close();
zs.server.close();
if (ps) ps.server.close();
fs.rmSync(profile, { recursive: true, force: true });
