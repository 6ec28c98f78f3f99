// The editor's loop in a real browser: a page of `zhpress serve --watch` is
// open; an edit on disk shows up with no manual reload; a broken edit shows
// the error overlay over the last good page, which its close button hides;
// the fix reloads the page.
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

  // A broken edit, its error after CJK text on the same line.
  const broken = '+++\nname = "甲研究會"\nactivities = [{ summary = "活動概述", type = "donaton" }]\n+++\n壞了\n';
  writeFileSync(entry, broken);
  const overlay = page.locator('#zhpress-error-overlay');
  await overlay.waitFor({ state: 'visible', timeout: 15000 });
  const text = await overlay.innerText();
  // The serve process runs with --lang zh-Hant: the overlay is Traditional.
  for (const words of ['content/orgs/jia.md:3:42', 'donaton', '未知的活動類型', '是不是要寫 `donation`', '最近一次修改無法建置', '關閉']) {
    if (!text.includes(words)) throw new Error('the overlay lacks `' + words + '`: ' + text);
  }
  for (const simplified of ['类型', '无法', '关闭']) {
    if (text.includes(simplified)) throw new Error('the overlay has Simplified `' + simplified + '`: ' + text);
  }
  if ((await overlay.getAttribute('lang')) !== 'zh-Hant') throw new Error('the overlay is not lang="zh-Hant"');
  if ((await page.locator('#zhpress-error-overlay .zhpress-error').count()) !== 1) throw new Error('not exactly one error element');
  const shown = text.split('未知的活動類型').length - 1;
  if (shown !== 1) throw new Error('the message is shown ' + shown + ' times: ' + text);
  const href = await page.locator('#zhpress-error-overlay a.zhpress-error-location').getAttribute('href');
  if (!/^vscode:\/\/file\/.+\/content\/orgs\/jia\.md:3:42$/.test(href || '')) throw new Error('the editor link is ' + href);
  // The caret stands under the `"` of "donaton", after four wide characters.
  const offset = await page.evaluate(() => {
    const lines = [...document.querySelectorAll('#zhpress-error-overlay .zhpress-snippet-line')];
    const i = lines.findIndex((l) => l.textContent.includes('"donaton"'));
    if (i < 0 || !lines[i + 1]) return 'no quoted line';
    const xOf = (line, index) => {
      const walker = document.createTreeWalker(line, NodeFilter.SHOW_TEXT);
      let seen = 0;
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        if (index < seen + n.length) {
          const r = document.createRange();
          r.setStart(n, index - seen);
          r.setEnd(n, index - seen + 1);
          return r.getBoundingClientRect().left;
        }
        seen += n.length;
      }
      return NaN;
    };
    return xOf(lines[i + 1], lines[i + 1].textContent.indexOf('^')) - xOf(lines[i], lines[i].textContent.indexOf('"donaton"'));
  });
  if (typeof offset !== 'number' || !(Math.abs(offset) < 1)) throw new Error('the caret is off by ' + offset + ' px');
  if (!(await page.locator('main').innerText()).includes('瀏覽器裏看到的新正文')) throw new Error('the last good page is gone');
  await page.screenshot({ path: join(artifacts, 'serve-error-overlay.png') });
  step('broken edit shows the overlay over the last good page, once, in Traditional, caret aligned, with an editor link');

  await page.locator('#zhpress-error-close').click();
  await overlay.waitFor({ state: 'detached', timeout: 5000 });
  step('the close button hides the overlay');

  writeFileSync(entry, entryText('修好以後的正文'));
  await page.waitForFunction(() => document.body.innerText.includes('修好以後的正文'), null, { timeout: 15000 });
  if (await overlay.count()) throw new Error('the overlay came back after the fix');
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
