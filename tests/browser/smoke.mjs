// Browser smoke test of the portal page (dist/, built by scripts/build-static).
//   node tests/browser/smoke.mjs
// Env: PORTAL_DIST_DIR (default dist/, else web/ + build/wasm/src/portal),
//      PORTAL_SCREENSHOT_DIR (default build/screenshots).
// Serves dist/ from a tiny static server on a free port, drives headless Chromium (Debian's, via
// playwright-core) like a user - mouse at widget rectangles from window.portalTest.items(),
// keyboard typing - and checks window.portalTest.state(). Prints "N passed, M failed"; exit 1
// on any failure.
import { chromium } from 'playwright-core';
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
// What to serve: PORTAL_DIST_DIR, else dist/ when built, else the page shell from web/ plus the
// wasm build's output (PORTAL_WASM_BUILD_DIR, default build/wasm) - no build-static needed.
function servedDirs() {
  if (process.env.PORTAL_DIST_DIR) return [path.resolve(process.env.PORTAL_DIST_DIR)];
  if (fs.existsSync(path.join(root, 'dist/index.html'))) return [path.join(root, 'dist')];
  const build = path.resolve(root, process.env.PORTAL_WASM_BUILD_DIR || 'build/wasm');
  return [path.join(root, 'web'), path.join(build, 'src/portal')];
}
const dirs = servedDirs();
const shots = path.resolve(process.env.PORTAL_SCREENSHOT_DIR || path.join(root, 'build/screenshots'));

const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8', '.wasm': 'application/wasm',
  '.data': 'application/octet-stream', '.svg': 'image/svg+xml', '.png': 'image/png', '.json': 'application/json',
};

function serve(roots) {
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, 'http://x');
    let rel = decodeURIComponent(url.pathname);
    if (rel.endsWith('/')) rel += 'index.html';
    rel = path.normalize(rel).replace(/^(\.\.[/\\])+/, '');
    const file = roots.map((d) => path.join(d, rel))
      .find((f, i) => f.startsWith(roots[i]) && fs.existsSync(f) && fs.statSync(f).isFile());
    if (!file) {
      res.writeHead(404, { 'Content-Type': 'text/plain' });
      res.end('not found');
      return;
    }
    const body = fs.readFileSync(file);
    res.writeHead(200, {
      'Content-Type': TYPES[path.extname(file)] || 'application/octet-stream',
      'Content-Length': body.length,
      'Cache-Control': 'no-store',
    });
    res.end(body);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

const results = [];
async function test(name, fn) {
  const t0 = Date.now();
  try {
    await fn();
    results.push({ name, ok: true });
    console.log(`ok   ${name} (${Date.now() - t0} ms)`);
  } catch (err) {
    results.push({ name, ok: false, err });
    console.log(`FAIL ${name}: ${err && err.message ? err.message : err}`);
  }
}
function check(cond, message) {
  if (!cond) throw new Error(message);
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function openPage(browser, base, { width, height, dpr, touch = false, colorScheme = 'light' }) {
  const context = await browser.newContext({
    viewport: { width, height }, deviceScaleFactor: dpr, hasTouch: touch, isMobile: touch,
    colorScheme,
  });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  const t0 = Date.now();
  await page.goto(base + '/');
  await page.waitForFunction(() => window.portalTest && window.portalTest.state().frames > 0, null,
    { timeout: 30000 });
  const loadMs = Date.now() - t0;
  await settle(page);
  return { context, page, errors, loadMs };
}

// Lets the on-demand renderer finish its settle frames.
async function settle(page) {
  await page.evaluate(() => window.portalTest.frame());
  await page.evaluate(() => window.portalTest.frame());
  await sleep(150);
}

const items = (page) => page.evaluate(() => window.portalTest.items());
const state = (page) => page.evaluate(() => window.portalTest.state());

async function find(page, pred, what) {
  const list = await items(page);
  const it = list.find(pred);
  check(it, `no item ${what} among: ${list.map((i) => i.key).join(' | ')}`);
  return it;
}

// Scrolls the content with the mouse wheel until a widget matching pred is fully visible.
async function scrollTo(page, pred, what) {
  const { width, height } = page.viewportSize();
  for (let i = 0; i < 12; i++) {
    const it = (await items(page)).find(pred);
    if (it && it.y >= 0 && it.y + it.h <= height - 8) return it;
    await page.mouse.move(width - 40, height / 2);
    await page.mouse.wheel(0, it ? 200 : 300);
    await settle(page);
  }
  return find(page, pred, what);
}

async function menuTap(page) {
  const menu = await find(page, (i) => i.label === 'Menu', 'Menu button');
  await page.touchscreen.tap(menu.x + menu.w / 2, menu.y + menu.h / 2);
  await settle(page);
}

async function click(page, item) {
  await page.mouse.click(item.x + item.w / 2, item.y + item.h / 2);
  await settle(page);
}

async function waitState(page, pred, what, timeout = 3000) {
  const t0 = Date.now();
  let s;
  while (Date.now() - t0 < timeout) {
    s = await state(page);
    if (pred(s)) return s;
    await sleep(50);
  }
  throw new Error(`timed out waiting for ${what}; state: ${JSON.stringify(s)}`);
}

async function main() {
  for (const f of ['index.html', 'loader.js', 'portal.js', 'portal.wasm']) {
    check(dirs.some((d) => fs.existsSync(path.join(d, f))),
      `${f} not found in ${dirs.join(', ')}: build the portal (scripts/build-static) first`);
  }
  fs.mkdirSync(shots, { recursive: true });
  const server = await serve(dirs);
  const base = `http://127.0.0.1:${server.address().port}`;
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--use-angle=swiftshader', '--enable-unsafe-swiftshader',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
      '--disable-quic', '--no-first-run'],
    // launch() runs Chromium with a fresh temporary profile (user-data-dir) and removes it.
  });

  try {
    const desk = await openPage(browser, base, { width: 1280, height: 800, dpr: 1 });
    const page = desk.page;
    const firstFrame = await page.evaluate(() => window.portalTest.timing().firstFrameMs);
    console.log(`     first frame ${Math.round(firstFrame)} ms after navigation start (load wait ${desk.loadMs} ms)`);

    await test('items() lists the navigation with sane rectangles', async () => {
      const list = await items(page);
      for (const label of ['Home', 'My tickets', 'Knowledge base']) {
        const it = list.find((i) => i.label === label);
        check(it, `nav entry "${label}" missing`);
        check(it.w >= 150 && it.w <= 300 && it.h >= 32 && it.h <= 60, `odd rect for ${label}: ${JSON.stringify(it)}`);
        check(it.x >= 0 && it.y >= 0 && it.x + it.w <= 1280 && it.y + it.h <= 800, `${label} off screen`);
      }
      check(list.every((i) => typeof i.id === 'string' && typeof i.key === 'string'), 'id/key missing');
      const s = await state(page);
      check(s.screen === 'home' && s.lang === 'en' && s.mode === 'light' && s.frames > 0, `state ${JSON.stringify(s)}`);
      check(s.width === 1280 && s.height === 800 && s.dpr === 1, `viewport in state: ${JSON.stringify(s)}`);
    });

    await test('clicking a nav entry changes the screen', async () => {
      await click(page, await find(page, (i) => i.label === 'My tickets', 'My tickets'));
      await waitState(page, (s) => s.screen === 'tickets', 'screen=tickets');
      await click(page, await find(page, (i) => i.label === 'Home', 'Home'));
      await waitState(page, (s) => s.screen === 'home', 'screen=home');
    });

    await test('typing Cyrillic into a text field', async () => {
      await click(page, await find(page, (i) => i.key.endsWith('##question'), 'question field'));
      await page.keyboard.type('Привет');
      await waitState(page, (s) => s.values.question === 'Привет', 'question=Привет');
      await page.keyboard.press('Backspace');
      await waitState(page, (s) => s.values.question === 'Приве', 'backspace');
      // Fast typing, no delay between keys: nothing may be lost between frames.
      await page.keyboard.type(' ok, 123!');
      await waitState(page, (s) => s.values.question === 'Приве ok, 123!', 'fast typing');
      // Select all + Delete via the keyboard shortcut path.
      await page.keyboard.press('Control+A');
      await page.keyboard.press('Delete');
      await waitState(page, (s) => s.values.question === '', 'ctrl+a, delete');
    });

    await test('paste from the clipboard', async () => {
      await page.evaluate(() => {
        const dt = new DataTransfer();
        dt.setData('text/plain', 'Ниво на поддръжка');
        document.getElementById('portal-input').dispatchEvent(
          new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true }));
      });
      await waitState(page, (s) => s.values.question === 'Ниво на поддръжка', 'pasted text');
    });

    await test('IME composition commits text', async () => {
      await click(page, await find(page, (i) => i.key.endsWith('##question'), 'question field'));
      await page.keyboard.press('End');
      const cdp = await page.context().newCDPSession(page);
      await cdp.send('Input.imeSetComposition', { text: 'при', selectionStart: 3, selectionEnd: 3 });
      await cdp.send('Input.imeSetComposition', { text: 'приве', selectionStart: 5, selectionEnd: 5 });
      await cdp.send('Input.insertText', { text: ' привет' });
      await waitState(page, (s) => s.values.question === 'Ниво на поддръжка привет', 'composed text');
      await cdp.detach();
    });

    await test('Tab moves keyboard focus into the text field', async () => {
      await page.keyboard.press('Escape');
      // ImGui 1.86: Tab cycles the text fields of the focused window; focus the content first.
      const field = await find(page, (i) => i.key.endsWith('##question'), 'question field');
      await page.mouse.click(field.x + field.w / 2, field.y - 40);
      await settle(page);
      await page.keyboard.press('Tab');
      await settle(page);
      await page.keyboard.press('Control+A');
      await page.keyboard.type('Tab ok');
      await waitState(page, (s) => s.values.question === 'Tab ok', 'typed after Tab');
      await page.keyboard.press('Escape');
      await settle(page);
    });

    await test('error banner with Retry', async () => {
      await click(page, await scrollTo(page, (i) => i.label === 'Simulate network error', 'simulate button'));
      await waitState(page, (s) => s.errors.length === 1, 'banner shown');
      await page.screenshot({ path: path.join(shots, 'desktop-1280x800-banner.png') });
      await click(page, await find(page, (i) => i.key === 'Retry##banner-retry', 'Retry'));
      await waitState(page, (s) => s.errors.length === 0 && s.toasts.includes('Connection restored'), 'banner gone, toast');
      await page.mouse.wheel(0, -4000);
      await settle(page);
    });

    await test('idle: at most ~1 frame per second with a countdown visible', async () => {
      await page.mouse.move(1270, 790);
      // Wait until the settle frames after the last input are done (slow machines).
      // The window starts at the baseline read (t0 is taken just before it) and ends after the
      // last read: an upper bound of the page-side window, however slow the round trips are.
      let t0 = Date.now();
      let s0 = await state(page);
      for (let i = 0; i < 40; i++) {
        await sleep(300);
        const t = Date.now();
        const s = await state(page);
        const settled = s.frameReasons.input === s0.frameReasons.input;
        t0 = t;
        s0 = s;
        if (settled) break;
      }
      const before = s0.frames;
      await sleep(3000);
      const s1 = await state(page);
      const elapsed = Date.now() - t0;
      const after = s1.frames;
      // At most one frame per whole second that begins inside the window.
      const allowed = Math.floor(elapsed / 1000) + 1;
      const why = Object.keys(s1.frameReasons).map((k) => `${k} ${s1.frameReasons[k] - s0.frameReasons[k]}`);
      console.log(`     ${after - before} frames in ${elapsed} ms idle (${why.join(', ')}; allowed ${allowed})`);
      check(s1.frameReasons.input === s0.frameReasons.input, 'input frames while idle');
      check(after - before <= allowed, `${after - before} frames in ${elapsed} ms idle`);
      check(after - before >= 2, `countdown did not tick: ${after - before} frames in 3 s`);
    });

    await test('screenshots 1280x800 @1x', async () => {
      await page.screenshot({ path: path.join(shots, 'desktop-1280x800@1x.png') });
    });

    await test('dark theme toggle', async () => {
      await click(page, await scrollTo(page, (i) => i.key.endsWith('##dark'), 'dark toggle'));
      await waitState(page, (s) => s.mode === 'dark', 'mode=dark');
      await page.screenshot({ path: path.join(shots, 'desktop-1280x800-dark.png') });
      await click(page, await find(page, (i) => i.key.endsWith('##dark'), 'dark toggle'));
      await waitState(page, (s) => s.mode === 'light', 'mode=light');
    });

    await test('language switch to Russian', async () => {
      await click(page, await scrollTo(page, (i) => i.label === 'Русский', 'Русский'));
      await waitState(page, (s) => s.lang === 'ru', 'lang=ru');
      await find(page, (i) => i.label === 'Главная', 'Russian nav label');
      await page.screenshot({ path: path.join(shots, 'desktop-1280x800-ru.png') });
      await click(page, await find(page, (i) => i.label === 'English', 'English'));
      await waitState(page, (s) => s.lang === 'en', 'lang=en');
    });

    await test('devicePixelRatio change (zoom) rebuilds the font atlas', async () => {
      const before = await state(page);
      const cdp = await page.context().newCDPSession(page);
      await cdp.send('Emulation.setDeviceMetricsOverride', { width: 1280, height: 800, deviceScaleFactor: 2, mobile: false });
      const after = await waitState(page, (s) => s.dpr === 2, 'dpr=2');
      check(after.atlas[0] * after.atlas[1] >= before.atlas[0] * before.atlas[1] * 1.5,
        `atlas ${before.atlas} -> ${after.atlas}`);
      console.log(`     font atlas ${before.atlas.join('x')} @1x -> ${after.atlas.join('x')} @2x`);
      await page.screenshot({ path: path.join(shots, 'desktop-1280x800-zoomed-to-2x.png') });
      await cdp.send('Emulation.setDeviceMetricsOverride', { width: 1280, height: 800, deviceScaleFactor: 3, mobile: false });
      const s3 = await waitState(page, (s) => s.dpr === 3, 'dpr=3');
      console.log(`     font atlas @3x ${s3.atlas.join('x')}`);
      check(s3.atlas[0] <= 4096 && s3.atlas[1] <= 4096, `atlas too big at 3x: ${s3.atlas}`);
      await cdp.send('Emulation.clearDeviceMetricsOverride');
      await waitState(page, (s) => s.dpr === 1, 'dpr back to 1');
      await cdp.detach();
    });

    await test('WebGL context loss and restore', async () => {
      await page.evaluate(() => {
        const gl = document.getElementById('canvas').getContext('webgl2');
        window.__loseContext = gl.getExtension('WEBGL_lose_context');
        window.__loseContext.loseContext();
      });
      await sleep(300);
      const lost = await state(page);
      await page.mouse.move(600, 300);
      await sleep(200);
      check((await state(page)).frames === lost.frames, 'frames drawn while the context is lost');
      await page.evaluate(() => window.__loseContext.restoreContext());
      await waitState(page, (s) => s.frames > lost.frames, 'frames after restore');
      await settle(page);
      await page.screenshot({ path: path.join(shots, 'desktop-1280x800-after-context-restore.png') });
      await click(page, await find(page, (i) => i.label === 'My tickets', 'My tickets after restore'));
      await waitState(page, (s) => s.screen === 'tickets', 'works after restore');
    });

    check(desk.errors.length === 0, `page errors: ${desk.errors.join('\n')}`);
    await desk.context.close();

    await test('loading screen, then "could not load" when the wasm is missing', async () => {
      const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
      const p = await context.newPage();
      await p.route('**/portal.wasm', async (route) => { await sleep(1500); await route.fulfill({ status: 404, body: 'gone' }); });
      await p.goto(base + '/');
      await sleep(400);
      await p.screenshot({ path: path.join(shots, 'loading.png') });
      await p.waitForSelector('#failure:not([hidden])', { timeout: 10000 });
      check(!(await p.isVisible('#loader')), 'the loading screen is still visible under the failure');
      check(await p.isVisible('#failure-retry'), 'no Try again button');
      await p.screenshot({ path: path.join(shots, 'load-failed.png') });
      await context.close();
    });

    await test('screenshots 1280x800 @2x (HiDPI)', async () => {
      const hi = await openPage(browser, base, { width: 1280, height: 800, dpr: 2 });
      const s = await state(hi.page);
      check(s.dpr === 2 && s.width === 1280, `dpr/size in state: ${JSON.stringify(s)}`);
      await hi.page.screenshot({ path: path.join(shots, 'desktop-1280x800@2x.png') });
      check(hi.errors.length === 0, hi.errors.join('\n'));
      await hi.context.close();
    });

    for (const dpr of [1, 2]) {
      await test(`phone 390x844 @${dpr}x: top bar, drawer, tap`, async () => {
        const ph = await openPage(browser, base, { width: 390, height: 844, dpr, touch: true });
        const p = ph.page;
        await p.screenshot({ path: path.join(shots, `phone-390x844@${dpr}x.png`) });
        const list = await items(p);
        check(!list.some((i) => i.label === 'My tickets'), 'nav visible on a phone before opening the menu');
        // One-finger drag scrolls the content under the finger (raw touch events via CDP).
        const before = await find(p, (i) => i.label === 'Send', 'Send button');
        const cdp = await p.context().newCDPSession(p);
        const touch = (type, y) => cdp.send('Input.dispatchTouchEvent', {
          type, touchPoints: type === 'touchEnd' ? [] : [{ x: 200, y }] });
        await touch('touchStart', 600);
        for (let y = 590; y >= 500; y -= 10) { await touch('touchMove', y); await sleep(16); }
        await sleep(150);  // stop before lifting: no momentum
        await touch('touchEnd', 500);
        await settle(p);
        const after = await find(p, (i) => i.label === 'Send', 'Send button after the drag');
        check(Math.abs(before.y - after.y - 100) <= 6, `drag of 100 px moved the content by ${before.y - after.y} px`);
        const s0 = await state(p);
        check(s0.screen === 'home', `the drag clicked something: ${JSON.stringify(s0)}`);
        await menuTap(p);
        const tickets = await find(p, (i) => i.label === 'My tickets', 'My tickets in the drawer');
        await p.screenshot({ path: path.join(shots, `phone-390x844@${dpr}x-menu.png`) });
        await p.touchscreen.tap(tickets.x + tickets.w / 2, tickets.y + tickets.h / 2);
        await waitState(p, (s) => s.screen === 'tickets', 'screen=tickets after tap');
        check(ph.errors.length === 0, ph.errors.join('\n'));
        await ph.context.close();
      });
    }

    await test('narrow 360 px and wide 1920 px layouts render', async () => {
      for (const [w, h] of [[360, 640], [1920, 1080]]) {
        const pg = await openPage(browser, base, { width: w, height: h, dpr: 1 });
        const list = await items(pg.page);
        check(list.every((i) => i.x >= -1 && i.x + i.w <= w + 1), `item outside ${w} px: ${JSON.stringify(list.filter((i) => i.x + i.w > w + 1))}`);
        await pg.page.screenshot({ path: path.join(shots, `layout-${w}x${h}.png`) });
        await pg.context.close();
      }
    });
  } finally {
    await browser.close();
    server.close();
  }

  const failed = results.filter((r) => !r.ok);
  console.log(`screenshots in ${shots}`);
  console.log(`${results.length - failed.length} passed, ${failed.length} failed`);
  process.exit(failed.length ? 1 : 0);
}

main().catch((err) => {
  console.error('smoke test crashed:', err);
  console.log(`${results.filter((r) => r.ok).length} passed, ${results.filter((r) => !r.ok).length + 1} failed`);
  process.exit(1);
});
