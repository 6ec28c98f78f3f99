// The editor's loop in a real browser: a page of `zhpress serve --watch` is
// open; an edit on disk shows up with no manual reload; a broken edit shows
// the error overlay over the last good page; the fix removes it.
//
// usage: node serve.mjs <page url> <entry file> <artifacts dir>
// Prints one JSON line with the outcome; exits 1 on the first failed step.
import { chromium } from 'playwright-core';
import { mkdtempSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const [url, entry, artifacts] = process.argv.slice(2);
mkdirSync(artifacts, { recursive: true });
const entryText = (body) =>
  `+++\nname = "甲研究會"\n\n[[activities]]\ntype = "donation"\nsummary = "活動概述"\n+++\n${body}\n`;

const browser = await chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), 'zhpress-chromium-')), {
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  headless: true,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync'],
  viewport: { width: 1100, height: 800 },
});
const result = { steps: [] };
const step = (name) => result.steps.push(name);
try {
  const page = await browser.newPage();
  const consoleErrors = [];
  page.on('console', (m) => {
    // The browser's own request for /favicon.ico is not the page's doing.
    if (m.type() === 'error' && !String(m.location().url).endsWith('/favicon.ico')) consoleErrors.push(m.text() + ' ' + m.location().url);
  });
  const failed = [];
  page.on('response', (r) => { if (r.status() >= 400) failed.push(r.status() + ' ' + r.url()); });
  let navigations = 0;
  page.on('framenavigated', (f) => { if (f === page.mainFrame()) navigations++; });
  await page.goto(url);
  await page.waitForFunction(() => document.body.innerText.includes('甲的正文'));
  step('opened');

  writeFileSync(entry, entryText('瀏覽器裏看到的新正文'));
  await page.waitForFunction(() => document.body.innerText.includes('瀏覽器裏看到的新正文'), null, { timeout: 15000 });
  if (navigations < 2) throw new Error('the page did not reload by itself');
  step('edit shown without a manual reload');

  writeFileSync(entry, '+++\nname = "甲研究會"\n\n[[activities]]\ntype = "donaton"\nsummary = "x"\n+++\n壞了\n');
  const overlay = page.locator('#zhpress-error-overlay');
  await overlay.waitFor({ state: 'visible', timeout: 15000 });
  const text = await overlay.innerText();
  if (!text.includes('content/orgs/jia.md:5:8') || !text.includes('donaton') || !text.includes('did you mean')) {
    throw new Error('the overlay lacks file:line:column, message or hint: ' + text);
  }
  if (!(await page.locator('main').innerText()).includes('瀏覽器裏看到的新正文')) throw new Error('the last good page is gone');
  await page.screenshot({ path: join(artifacts, 'serve-error-overlay.png') });
  step('broken edit shows the overlay over the last good page');

  writeFileSync(entry, entryText('修好以後的正文'));
  await page.waitForFunction(() => document.body.innerText.includes('修好以後的正文'), null, { timeout: 15000 });
  await overlay.waitFor({ state: 'detached', timeout: 15000 });
  await page.screenshot({ path: join(artifacts, 'serve-fixed.png') });
  step('fix removes the overlay');

  if (failed.length) throw new Error('failed requests: ' + failed.join(' | '));
  const real = consoleErrors.filter((e) => !e.includes('EventSource') && !e.includes('net::ERR'));
  if (real.length) throw new Error('console errors: ' + real.join(' | '));
  result.ok = true;
} catch (e) {
  result.ok = false;
  result.error = String(e && e.message || e);
} finally {
  await browser.close();
}
console.log(JSON.stringify(result));
process.exit(result.ok ? 0 : 1);
