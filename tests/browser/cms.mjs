// An editor adds an organization through the browser CMS, as made by
// `zhpress init --cms decap`: decap-server (Decap's local backend) writes the
// files into the site; `zhpress serve` serves the admin page from static/admin/
// unchanged. The browser fetches nothing from the internet: the pinned Decap
// bundle the page asks unpkg for comes from node_modules/decap-cms (the same
// version, checked), and the local backend's address (localhost:8081 in the
// config) goes to the decap-server this script started on a free port.
//
// usage: node cms.mjs <zhpress binary> <site folder> <artifacts dir>
// Prints one JSON line with the outcome (and the file the CMS wrote); exits 1
// on the first failed step.
import { chromium } from 'playwright-core';
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { mkdtempSync, mkdirSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createInterface } from 'node:readline';

const [zhpress, site, artifacts] = process.argv.slice(2);
const here = dirname(fileURLToPath(import.meta.url));
const modules = join(here, 'node_modules');
mkdirSync(artifacts, { recursive: true });

const freePort = () =>
  new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });

/// Starts a process and resolves with the first line of its output that matches.
function start(command, args, options, pattern, what) {
  const child = spawn(command, args, { ...options, stdio: ['ignore', 'pipe', 'pipe'] });
  const seen = [];
  const found = new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${what} did not start: ${seen.join(' | ')}`)), 20000);
    for (const stream of [child.stdout, child.stderr]) {
      createInterface({ input: stream }).on('line', (line) => {
        seen.push(line);
        const m = line.match(pattern);
        if (m) {
          clearTimeout(timer);
          resolve(m);
        }
      });
    }
    child.once('exit', (code) => reject(new Error(`${what} exited with ${code}: ${seen.join(' | ')}`)));
  });
  return { child, found, seen };
}

const orgFiles = () => readdirSync(join(site, 'content/orgs')).sort();
const before = orgFiles();
const processes = [];
const result = { steps: [] };
const step = (name) => result.steps.push(name);
let browser;
let page;
const consoleErrors = [];
try {
  const apiPort = await freePort();
  const decap = start(process.execPath, [join(modules, 'decap-server/dist/index.js')], {
    env: { ...process.env, PORT: String(apiPort), BIND_HOST: '127.0.0.1', GIT_REPO_DIRECTORY: site, MODE: 'fs' },
  }, /listening on/, 'decap-server');
  processes.push(decap.child);
  const serve = start(zhpress, ['--root', site, 'serve', '--watch', '--port', '0'], {}, /(http:\/\/\S+)/, 'zhpress serve');
  processes.push(serve.child);
  await decap.found;
  const [, siteUrl] = await serve.found;
  step('decap-server and zhpress serve started');

  const index = readFileSync(join(site, 'static/admin/index.html'), 'utf8');
  const pinned = index.match(/https:\/\/unpkg\.com\/decap-cms@([\d.]+)\/dist\/decap-cms\.js/);
  if (!pinned) throw new Error('static/admin/index.html does not load a pinned decap-cms from unpkg');
  const installed = JSON.parse(readFileSync(join(modules, 'decap-cms/package.json'), 'utf8')).version;
  if (pinned[1] !== installed) {
    throw new Error(`the admin page pins decap-cms ${pinned[1]}, tests/browser has ${installed}`);
  }

  browser = await chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), 'zhpress-chromium-')), {
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
    viewport: { width: 1280, height: 1400 },
  });
  const outside = [];
  await browser.route('**/*', async (route) => {
    const url = new URL(route.request().url());
    if (url.hostname === 'unpkg.com' && url.pathname.startsWith(`/decap-cms@${installed}/dist/`)) {
      const file = url.pathname.slice(`/decap-cms@${installed}/dist/`.length);
      const type = file.endsWith('.css') ? 'text/css' : 'application/javascript';
      return route.fulfill({ status: 200, contentType: type, body: readFileSync(join(modules, 'decap-cms/dist', file)) });
    }
    if (url.hostname === 'localhost' && url.port === '8081') {
      const response = await route.fetch({ url: `http://127.0.0.1:${apiPort}${url.pathname}` });
      return route.fulfill({ response });
    }
    if (url.hostname === '127.0.0.1' || url.protocol === 'data:' || url.protocol === 'blob:') return route.continue();
    outside.push(url.href);
    return route.abort();
  });
  page = await browser.newPage();
  let navigations = 0;
  page.on('console', (m) => { if (m.type() === 'error') consoleErrors.push(m.text()); });
  page.on('pageerror', (e) => consoleErrors.push(String(e)));

  await page.goto(`${siteUrl}admin/`);
  // The local backend asks no password: its login button goes straight in.
  await page.getByRole('button', { name: '登入' }).click({ timeout: 30000 });
  await page.getByText('示例研究會').first().waitFor({ timeout: 30000 });
  step('admin page lists the existing entry');

  await page.goto(`${siteUrl}admin/#/collections/orgs/new`);
  // From here on the page is only changed by hash: any load is a reload.
  page.on('load', () => navigations++);
  navigations = 1;
  // A field by its label; Decap adds " (選填)" to optional ones.
  const escape = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const field = (label) => page.getByLabel(new RegExp(`^${escape(label)}( \\(選填\\))?$`));
  const name = field('機構全稱');
  await name.waitFor({ timeout: 20000 });
  await name.fill('瀏覽器新建研究會');
  await field('類別').fill('研究會');
  await field('一句話介紹').fill('在網頁表單裏錄入的機構。');
  // The activity's type: a select of site.toml's activity types, by name.
  const types = page.locator('[id^="type-field"]').first();
  await types.click();
  const options = await page.getByRole('option').allInnerTexts();
  if (options.join('|') !== '捐款捐物|志願服務') throw new Error('the type select offers ' + options.join('|'));
  await page.getByRole('option', { name: '志願服務' }).click();
  await field('活動概述').fill('組織志願者配送物資。');
  await field('日期').fill('2020-02-08');
  await field('金額（元）').fill('12345.67');
  await field('人數').fill('30');
  await page.screenshot({ path: join(artifacts, 'cms-form.png'), fullPage: true });
  step('form filled');

  await page.getByRole('button', { name: '發布' }).click();
  await page.getByText('立即發布', { exact: true }).click();
  let written;
  for (let i = 0; i < 200 && !written; i++) {
    written = orgFiles().find((f) => !before.includes(f));
    if (!written) await new Promise((r) => setTimeout(r, 100));
  }
  if (!written) throw new Error('no new file under content/orgs/ after publishing');
  result.file = `content/orgs/${written}`;
  result.text = readFileSync(join(site, result.file), 'utf8');
  step('published');

  // `serve --watch` rebuilds with the new entry, and the CMS page is left
  // alone (its live-reload script reloads only pages whose files changed).
  const slug = written.replace(/\.md$/, '');
  let shown = false;
  for (let i = 0; i < 150 && !shown; i++) {
    const r = await fetch(`${siteUrl}zh-hant/orgs/${slug}/`);
    shown = r.ok && (await r.text()).includes('瀏覽器新建研究會');
    if (!shown) await new Promise((r) => setTimeout(r, 100));
  }
  if (!shown) throw new Error('serve --watch does not show the new entry');
  await new Promise((r) => setTimeout(r, 1000));
  if (navigations !== 1) throw new Error(`the CMS page was reloaded (${navigations} navigations)`);
  step('serve --watch shows it; the CMS page is not reloaded');

  if (outside.length) throw new Error('requests to outside hosts: ' + outside.join(' | '));
  if (consoleErrors.length) throw new Error('console errors: ' + consoleErrors.join(' | '));
  result.ok = true;
} catch (e) {
  result.ok = false;
  result.error = String((e && e.message) || e);
  result.console = consoleErrors;
  if (page) await page.screenshot({ path: join(artifacts, 'cms-failure.png'), fullPage: true }).catch(() => {});
} finally {
  if (browser) await browser.close();
  for (const p of processes) p.kill();
}
console.log(JSON.stringify(result));
process.exit(result.ok ? 0 : 1);
