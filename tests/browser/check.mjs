// Checks a built zhpress site in headless Chromium, as a reader would use it:
// search in both scripts, the root page's redirect, console errors on every
// page type, axe-core, widths of 390 and 1280 px, the page without JavaScript,
// and screenshots for a person to look at.
//
//   node check.mjs --site OUTPUT_DIR --artifacts DIR [--base /report/]
//                  [--org SLUG] [--activity KEY] [--page SLUG]
//
// Prints one line `RESULT {json}` that tests/browser.rs asserts on; exits 0
// when the checks ran, whatever they found (the Rust test judges).
//
// Chromium is Debian's (/usr/bin/chromium, or $CHROMIUM); Playwright starts it
// with a fresh temporary profile. No browser is ever downloaded.

import { chromium } from 'playwright-core';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import zlib from 'node:zlib';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';

const require = createRequire(import.meta.url);
const axeSource = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

const args = Object.fromEntries(
  process.argv.slice(2).reduce((acc, a, i, all) => (a.startsWith('--') ? [...acc, [a.slice(2), all[i + 1]]] : acc), []),
);
const site = path.resolve(args.site || '../../output');
const artifacts = path.resolve(args.artifacts || '../artifacts/browser');
const base = args.base || '/report/';
const org = args.org || 'xuanyuan-wenhua-yanjiuhui';
const activity = args.activity || 'donation';
const freePage = args.page || 'about';
const variants = fs.readdirSync(site).filter((d) => fs.existsSync(path.join(site, d, 'search', 'index.js'))).sort();
fs.mkdirSync(artifacts, { recursive: true });

// Each page type, relative to the variant's folder (the root page: to the site's).
const pageTypes = {
  home: 'index.html',
  org: `orgs/${org}/index.html`,
  activities: 'activities/index.html',
  activity: `activities/${activity}/index.html`,
  page: `pages/${freePage}/index.html`,
  stats: 'stats/index.html',
  404: '404.html',
};

const report = {
  variants,
  pages: [],
  search: [],
  lazy: [],
  keyboard: [],
  scrolled: [],
  redirects: [],
  remembered: null,
  noJs: [],
  axe: [],
  overflow: [],
  screenshots: [],
  indexSizes: {},
  errors: [],
};

// A static server for the site under `base`, as a host would serve it: a miss
// gets the root 404.html with status 404.
const types = { '.html': 'text/html; charset=utf-8', '.css': 'text/css', '.js': 'text/javascript', '.json': 'application/json', '.xml': 'application/xml', '.png': 'image/png', '.svg': 'image/svg+xml' };
const server = http.createServer((req, res) => {
  const url = decodeURIComponent(new URL(req.url, 'http://x').pathname);
  let file = null;
  if (url.startsWith(base)) {
    file = path.join(site, url.slice(base.length));
    if (!file.startsWith(site)) file = null;
    else if (file.endsWith('/') || (fs.existsSync(file) && fs.statSync(file).isDirectory())) file = path.join(file, 'index.html');
  }
  if (file && fs.existsSync(file)) {
    res.writeHead(200, { 'content-type': types[path.extname(file)] || 'application/octet-stream' });
    res.end(fs.readFileSync(file));
  } else {
    res.writeHead(404, { 'content-type': types['.html'] });
    res.end(fs.readFileSync(path.join(site, '404.html')));
  }
});
await new Promise((r) => server.listen(0, '127.0.0.1', r));
const httpRoot = `http://127.0.0.1:${server.address().port}${base}`;
const fileRoot = pathToFileURL(site).href + '/';

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});

async function context(options) {
  const ctx = await browser.newContext(options);
  ctx.setDefaultTimeout(5000);
  ctx.setDefaultNavigationTimeout(10000);
  return ctx;
}

// A page that records what a reader would never want to see.
async function open(context, url, opts = {}) {
  const page = await context.newPage();
  const problems = [];
  page.on('console', (m) => { if (m.type() === 'error') problems.push(`console: ${m.text()}`); });
  page.on('pageerror', (e) => problems.push(`exception: ${e.message}`));
  page.on('requestfailed', (r) => problems.push(`request failed: ${r.url()} ${r.failure()?.errorText}`));
  page.on('response', (r) => { if (r.status() >= 400 && r.request().resourceType() !== 'document') problems.push(`HTTP ${r.status()}: ${r.url()}`); });
  const requests = [];
  page.on('request', (r) => requests.push(r.url()));
  await page.goto(url, { waitUntil: 'load', ...opts });
  return { page, problems, requests };
}

async function safely(what, f) {
  const t = Date.now();
  try {
    return await f();
  } catch (e) {
    report.errors.push(`${what}: ${e.message.split('\n')[0]}`);
    return null;
  } finally {
    if (process.env.VERBOSE) process.stderr.write(`${what}: ${Date.now() - t} ms\n`);
  }
}

// Every page type in every variant, over HTTP under the sub-path and from disk.
const desktop = await context({ viewport: { width: 1280, height: 800 } });
for (const v of variants) {
  for (const [type, rel] of Object.entries(pageTypes)) {
    for (const [scheme, root] of [['http', httpRoot], ['file', fileRoot]]) {
      // The 404 page links by absolute path, for hosts; from disk it cannot work.
      if (type === '404' && scheme === 'file') continue;
      await safely(`${v} ${type} ${scheme}`, async () => {
        const { page, problems } = await open(desktop, `${root}${v}/${rel}`);
        const h1 = (await page.textContent('h1'))?.trim();
        const lang = await page.getAttribute('html', 'lang');
        if (scheme === 'http') {
          await page.addScriptTag({ content: axeSource });
          const axe = await page.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }));
          for (const x of axe.violations) {
            report.axe.push({ variant: v, type, id: x.id, impact: x.impact, help: x.help, nodes: x.nodes.slice(0, 3).map((n) => n.target.join(' ')) });
          }
        }
        report.pages.push({ variant: v, type, scheme, h1, lang, problems });
        await page.close();
      });
    }
  }
}
// The root chooser, with a language that has no variant (it stays).
for (const [scheme, root] of [['http', httpRoot], ['file', fileRoot]]) {
  await safely(`root ${scheme}`, async () => {
    const ctx = await context({ locale: 'en-US' });
    const { page, problems } = await open(ctx, `${root}index.html`);
    // axe reads stylesheets with XMLHttpRequest, which file:// refuses: over HTTP only.
    if (scheme === 'http') {
      await page.addScriptTag({ content: axeSource });
      const axe = await page.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }));
      for (const x of axe.violations) report.axe.push({ variant: '', type: 'root', id: x.id, impact: x.impact, help: x.help, nodes: x.nodes.slice(0, 3).map((n) => n.target.join(' ')) });
    }
    report.pages.push({ variant: '', type: 'root', scheme, h1: (await page.textContent('h1'))?.trim(), lang: await page.getAttribute('html', 'lang'), problems, url: page.url() });
    await ctx.close();
  });
}
// A miss on the host gets the 404 page.
await safely('missing page', async () => {
  const page = await desktop.newPage();
  const r = await page.goto(`${httpRoot}${variants[0]}/orgs/no-such-org/`);
  report.missing = { status: r.status(), h1: (await page.textContent('h1'))?.trim() };
  await page.close();
});

// Search: each query on each variant, from the home page and from an
// activity page (another depth), from disk and under the sub-path.
function searchResults(page) {
  return page.$$eval('#search-results li', (lis) => lis.map((li) => {
    const a = li.querySelector('a');
    const kind = a.querySelector('.kind')?.textContent || '';
    return { title: a.textContent.slice(kind.length), kind, href: a.getAttribute('href'), marks: [...li.querySelectorAll('mark')].map((m) => m.textContent) };
  }));
}
for (const v of variants) {
  for (const from of ['home', 'activity']) {
    for (const [scheme, root] of [['file', fileRoot], ['http', httpRoot]]) {
      for (const query of ['轩辕', '軒轅', '軒辕', '文化研究', '軒轅 文化']) {
        await safely(`search ${query} on ${v} ${from} ${scheme}`, async () => {
          const { page, problems } = await open(desktop, `${root}${v}/${pageTypes[from]}`);
          await page.fill('#search-input', query);
          await page.waitForSelector('#search-results li a');
          const results = await searchResults(page);
          const status = (await page.textContent('#search-status')).trim();
          const before = page.url();
          await Promise.all([page.waitForURL((u) => u.href !== before), page.click('#search-results li a')]);
          const landed = (await page.textContent('h1')).trim();
          report.search.push({ variant: v, from, scheme, query, count: results.length, first: results[0], results: results.slice(0, 5), status, landed, landedUrl: page.url().replace(root, ''), problems });
          await page.close();
        });
      }
    }
  }
}

// The index loads on first use only, and then only what a query needs: the
// manifest on focus, then some shards and the text of the results shown.
const indexFile = (u) => /\/search\/(index|[id]\/\d+)\.js$/.test(u);
for (const v of variants) {
  for (const [scheme, root] of [['file', fileRoot], ['http', httpRoot]]) {
    await safely(`lazy ${v} ${scheme}`, async () => {
      const { page, requests } = await open(desktop, `${root}${v}/index.html`);
      const before = { requested: requests.some(indexFile), global: await page.evaluate(() => !!document.querySelector('script[src*="search/"]')) };
      await page.focus('#search-input');
      await page.waitForFunction(() => !!document.querySelector('script[src$="search/index.js"]'));
      await page.waitForTimeout(100);
      const onFocus = requests.filter(indexFile).map((u) => u.replace(/.*\/search\//, ''));
      await page.keyboard.type('軒轅');
      await page.waitForSelector('#search-results li a');
      const afterQuery = requests.filter(indexFile).map((u) => u.replace(/.*\/search\//, ''));
      const dir = path.join(site, v, 'search');
      const total = { shards: fs.readdirSync(path.join(dir, 'i')).length, chunks: fs.readdirSync(path.join(dir, 'd')).length };
      report.lazy.push({ variant: v, scheme, before, after: { requested: onFocus.length > 0, onFocus }, afterQuery, total });
      await page.close();
    });
  }
}

// By keyboard alone, on both variants, from disk and under the sub-path: Tab
// to the box, type, ArrowDown to the first result and on past the first
// batch (the next loads as the last one listed scrolls into view), back up,
// Enter.
for (const v of variants) {
  for (const [scheme, root] of [['file', fileRoot], ['http', httpRoot]]) {
    await safely(`keyboard ${v} ${scheme}`, async () => {
      const { page, problems } = await open(desktop, `${root}${v}/index.html`);
      let tabs = 0;
      while (tabs < 20 && (await page.evaluate(() => document.activeElement?.id)) !== 'search-input') {
        await page.keyboard.press('Tab');
        tabs++;
      }
      const label = await page.evaluate(() => document.getElementById('search-input').labels[0]?.textContent);
      await page.keyboard.type('軒轅');
      await page.waitForSelector('#search-results li a');
      const focusedIndex = () => page.evaluate(() => [...document.querySelectorAll('#search-results a')].indexOf(document.activeElement));
      await page.keyboard.press('ArrowDown');
      const focused = await page.evaluate(() => document.activeElement?.closest('#search-results') !== null);
      const firstBatch = await page.$$eval('#search-results li', (l) => l.length);
      for (let i = 1; i < firstBatch; i++) await page.keyboard.press('ArrowDown');
      await page.waitForFunction((n) => document.querySelectorAll('#search-results li').length > n, firstBatch);
      await page.keyboard.press('ArrowDown');
      const deepest = await focusedIndex();
      while ((await focusedIndex()) > 0) await page.keyboard.press('ArrowUp');
      await Promise.all([page.waitForURL(/orgs\//), page.keyboard.press('Enter')]);
      report.keyboard.push({ variant: v, scheme, tabs, label, focusedResult: focused, firstBatch, deepest, landed: (await page.textContent('h1')).trim(), problems });
      await page.close();
    });
  }
}

// Scrolling the list to its end lists the next batch (the query 會 has more
// results than a batch).
for (const v of variants) {
  await safely(`scroll ${v}`, async () => {
    const { page, problems } = await open(desktop, `${httpRoot}${v}/index.html`);
    await page.fill('#search-input', '會');
    await page.waitForSelector('#search-results li a');
    const listed = () => page.$$eval('#search-results li', (l) => l.length);
    const before = await listed();
    await page.$eval('#search-results', (l) => { l.scrollTop = l.scrollHeight; });
    await page.waitForFunction((n) => document.querySelectorAll('#search-results li').length > n, before);
    report.scrolled.push({ variant: v, before, after: await listed(), problems });
    await page.close();
  });
}

// The root page: a browser's language picks the variant, from disk and over HTTP.
for (const locale of ['zh-TW', 'zh-HK', 'zh-CN', 'zh-SG', 'en-US']) {
  for (const [scheme, root] of [['http', httpRoot], ['file', fileRoot]]) {
    await safely(`redirect ${locale} ${scheme}`, async () => {
      const ctx = await context({ locale });
      const page = await ctx.newPage();
      await page.goto(`${root}index.html`);
      await page.waitForLoadState('load');
      // A redirect is a location.replace at parse time: let it land.
      await page.waitForTimeout(200);
      await page.waitForLoadState('load');
      const languages = await page.evaluate(() => navigator.languages);
      report.redirects.push({ locale, scheme, languages, landed: page.url().replace(root, '') });
      await ctx.close();
    });
  }
}
// An explicit choice made with the switcher wins over the browser's language.
await safely('remembered choice', async () => {
  const ctx = await context({ locale: 'zh-TW' });
  const page = await ctx.newPage();
  await page.goto(`${httpRoot}index.html`);
  await page.waitForURL(/zh-hant/);
  await Promise.all([page.waitForURL(/zh-hans/), page.click('.switcher a[hreflang="zh-Hans"]')]);
  await page.goto(`${httpRoot}index.html`);
  await page.waitForTimeout(200);
  await page.waitForLoadState('load');
  report.remembered = { locale: 'zh-TW', chose: 'zh-hans', landed: page.url().replace(httpRoot, '') };
  await ctx.close();
});

// Without JavaScript: the root offers plain links, pages read in full, no search box.
await safely('no js', async () => {
  const ctx = await context({ locale: 'zh-TW', javaScriptEnabled: false });
  const root = await ctx.newPage();
  await root.goto(`${fileRoot}index.html`);
  const links = await root.$$eval('a.choice', (as) => as.map((a) => ({ href: a.getAttribute('href'), text: a.textContent, lang: a.closest('[lang]').lang })));
  report.noJs.push({ type: 'root', url: root.url().replace(fileRoot, ''), links });
  for (const type of ['home', 'org', 'stats']) {
    const page = await ctx.newPage();
    await page.goto(`${fileRoot}${variants[0]}/${pageTypes[type]}`);
    report.noJs.push({
      type,
      h1: (await page.textContent('h1')).trim(),
      mainText: (await page.textContent('main')).replace(/\s+/g, '').length,
      searchVisible: await page.isVisible('#search'),
      charts: await page.$$eval('svg.chart', (s) => s.length),
    });
    await page.close();
  }
  await ctx.close();
});

// Widths: nothing wider than the viewport at 390 px; screenshots to look at.
for (const width of [390, 1280]) {
  const ctx = await context({ viewport: { width, height: width === 390 ? 844 : 900 }, deviceScaleFactor: 1 });
  for (const v of variants) {
    for (const type of ['home', 'org', 'activity', 'stats', 'activities', 'page', '404']) {
      await safely(`width ${width} ${v} ${type}`, async () => {
        const { page } = await open(ctx, `${httpRoot}${v}/${pageTypes[type]}`);
        const scroll = await page.evaluate(() => document.documentElement.scrollWidth);
        if (scroll > width) report.overflow.push({ variant: v, type, width, scrollWidth: scroll });
        if (['home', 'org', 'activity', 'stats'].includes(type)) {
          const file = path.join(artifacts, `${v}-${type}-${width}.png`);
          await page.screenshot({ path: file, fullPage: true });
          report.screenshots.push(file);
        }
        await page.close();
      });
    }
  }
  await safely(`root ${width}`, async () => {
    const { page } = await open(ctx, `${httpRoot}index.html`);
    const file = path.join(artifacts, `root-${width}.png`);
    await page.screenshot({ path: file, fullPage: true });
    report.screenshots.push(file);
    await page.close();
  });
  // The search box in use, and its results checked by axe too.
  await safely(`search open ${width}`, async () => {
    const v = variants[variants.length - 1];
    const { page } = await open(ctx, `${httpRoot}${v}/index.html`);
    await page.fill('#search-input', '軒轅');
    await page.waitForSelector('#search-results li a');
    const file = path.join(artifacts, `${v}-search-${width}.png`);
    await page.screenshot({ path: file });
    report.screenshots.push(file);
    await page.addScriptTag({ content: axeSource });
    const axe = await page.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }));
    for (const x of axe.violations) report.axe.push({ variant: v, type: `search-open-${width}`, id: x.id, impact: x.impact, help: x.help, nodes: x.nodes.slice(0, 3).map((n) => n.target.join(' ')) });
    await page.close();
  });
  await ctx.close();
}
// Print: an organization page as the printer gets it.
await safely('print', async () => {
  const ctx = await context({ viewport: { width: 794, height: 1123 } });
  const { page } = await open(ctx, `${httpRoot}${variants[0]}/${pageTypes.org}`);
  await page.emulateMedia({ media: 'print' });
  const file = path.join(artifacts, `${variants[0]}-org-print.png`);
  await page.screenshot({ path: file, fullPage: true });
  report.screenshots.push(file);
  await page.pdf({ path: path.join(artifacts, `${variants[0]}-org.pdf`), format: 'A4', printBackground: false });
  report.print = await page.evaluate(() => ({
    hidden: ['.site-header nav', '#search', '.site-footer', '.crumbs'].filter((s) => {
      const e = document.querySelector(s);
      return !e || getComputedStyle(e).display === 'none';
    }),
  }));
  await ctx.close();
});

for (const v of variants) {
  // What the index is on disk: the manifest and the largest file, raw and gzip-compressed.
  const dir = path.join(site, v, 'search');
  const files = ['index.js', ...['i', 'd'].flatMap((sub) => fs.readdirSync(path.join(dir, sub)).map((f) => `${sub}/${f}`))];
  const sizes = files.map((f) => { const b = fs.readFileSync(path.join(dir, f)); return { file: f, raw: b.length, gzip: zlib.gzipSync(b, { level: 9 }).length }; });
  const manifest = sizes[0];
  const largest = sizes.reduce((a, b) => (b.raw > a.raw ? b : a));
  report.indexSizes[v] = { files: files.length, raw: sizes.reduce((n, s) => n + s.raw, 0), manifest, largest };
}

await browser.close();
server.close();
console.log('RESULT ' + JSON.stringify(report));
