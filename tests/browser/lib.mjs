// Shared helpers of the portal's browser tests (tests/browser/*.mjs): a static file server, the
// portal-server launcher, Debian's Chromium via playwright-core, and user-like input driven by
// window.portalTest.items() rectangles (see src/portal/ui/test_hooks.h).
import { chromium } from 'playwright-core';
import { spawn } from 'node:child_process';
import http from 'node:http';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const shotsDir = path.resolve(process.env.PORTAL_SCREENSHOT_DIR || path.join(root, 'build/screenshots'));
export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// ---- what to serve -----------------------------------------------------------------------------
// PORTAL_DIST_DIR (e.g. scripts/build-static's dist/), else web/ plus the wasm build's output
// (PORTAL_WASM_BUILD_DIR, default build/wasm): never a stale dist/ by accident.
export function servedDirs() {
  if (process.env.PORTAL_DIST_DIR) return [path.resolve(process.env.PORTAL_DIST_DIR)];
  const build = path.resolve(root, process.env.PORTAL_WASM_BUILD_DIR || 'build/wasm');
  return [path.join(root, 'web'), path.join(build, 'src/portal')];
}

export function checkBuilt(dirs) {
  for (const f of ['index.html', 'loader.js', 'portal.js', 'portal.wasm', 'portal-demo.js', 'portal-demo.wasm']) {
    if (!dirs.some((d) => fs.existsSync(path.join(d, f))))
      throw new Error(`${f} not found in ${dirs.join(', ')}: build the portal first`);
  }
}

// One folder with every file of the served dirs (portal-server --web takes one folder).
export function assembleWebDir(dirs) {
  if (dirs.length === 1) return { dir: dirs[0], cleanup: () => {} };
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'portal-web-'));
  for (const d of [...dirs].reverse()) {  // the last folder wins; its kb/, i18n/ and emoji/ come along
    for (const f of fs.readdirSync(d)) {
      const src = path.join(d, f);
      if (fs.existsSync(path.join(dir, f))) continue;
      if (fs.statSync(src).isFile()) fs.copyFileSync(src, path.join(dir, f));
      else if (f === 'kb' || f === 'i18n' || f === 'emoji') fs.cpSync(src, path.join(dir, f), { recursive: true });
    }
  }
  return { dir, cleanup: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8', '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml', '.png': 'image/png', '.json': 'application/json',
};

// A plain static host (no /api): the page falls back to the offline demo there.
export function serveStatic(roots) {
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
      'Content-Length': body.length, 'Cache-Control': 'no-store',
    });
    res.end(body);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({
    base: `http://127.0.0.1:${server.address().port}`,
    close: () => new Promise((r) => server.close(r)),
  })));
}

// portal-server --demo on a free port with a fresh data folder; resolves once it listens.
// `args`: more options (e.g. ['--catalog', file] with other quotas for a benchmark).
export function startPortalServer(webDir, args = []) {
  const bin = process.env.PORTAL_SERVER || path.join(root, 'build/native/src/server/portal-server');
  if (!fs.existsSync(bin)) throw new Error(`${bin} not found: cmake --build build/native --target portal-server`);
  const data = fs.mkdtempSync(path.join(os.tmpdir(), 'portal-data-'));
  const child = spawn(bin, ['--demo', '--port', '0', '--quiet', '--data', data, '--web', webDir, ...args],
    { env: { ...process.env, PORTAL_FAST_HASH: '1' }, stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => { child.kill('SIGTERM'); reject(new Error(`portal-server did not start:\n${log}`)); }, 30000);
    const onData = (chunk) => {
      log += chunk;
      const m = /listening on (http:\/\/[^\s]+)/.exec(log);
      if (m) {
        clearTimeout(timer);
        resolve({
          base: m[1].replace(/\/$/, ''),
          log: () => log,
          close: () => new Promise((r) => {
            child.once('exit', () => { fs.rmSync(data, { recursive: true, force: true }); r(); });
            child.kill('SIGTERM');
          }),
        });
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => { clearTimeout(timer); reject(new Error(`portal-server exited (${code}):\n${log}`)); });
  });
}

export function launchChromium() {
  return chromium.launch({
    executablePath: process.env.PORTAL_CHROMIUM || '/usr/bin/chromium',
    // WebGL on SwiftShader (the page's canvas), the page's compositing on the CPU: SwiftShader
    // compositing cost ~17% more CPU over a test, for the same pictures. PORTAL_CHROMIUM_ARGS adds more.
    args: ['--headless', '--no-sandbox', '--use-angle=swiftshader', '--enable-unsafe-swiftshader',
      '--disable-gpu-compositing', '--disable-background-networking', '--disable-component-update',
      '--disable-sync', '--disable-quic', '--no-first-run',
      ...(process.env.PORTAL_CHROMIUM_ARGS || '').split(' ').filter(Boolean)],
  });
}

// ---- results -----------------------------------------------------------------------------------
export const results = [];
export async function test(name, fn) {
  const t0 = Date.now();
  try {
    await fn();
    results.push({ name, ok: true });
    console.log(`ok   ${name} (${Date.now() - t0} ms)`);
  } catch (err) {
    results.push({ name, ok: false, err });
    console.log(`FAIL ${name}: ${err && err.stack ? err.stack.split('\n').slice(0, 3).join('\n     ') : err}`);
  }
}
export function check(cond, message) {
  if (!cond) throw new Error(message);
}
export function summary() {
  const failed = results.filter((r) => !r.ok);
  console.log(`screenshots in ${shotsDir}`);
  console.log(`${results.length - failed.length} passed, ${failed.length} failed`);
  return failed.length;
}

// ---- the page ----------------------------------------------------------------------------------
export async function newContext(browser, { width = 1280, height = 800, dpr = 1, touch = false,
  colorScheme = 'light', timezoneId = 'Europe/Sofia', locale = 'en-GB' } = {}) {
  const context = await browser.newContext({
    viewport: { width, height }, deviceScaleFactor: dpr, hasTouch: touch, isMobile: touch,
    colorScheme, timezoneId, locale,
  });
  context.portalTouch = touch;
  return context;
}

// Opens (or reloads) the portal and waits until the app has chosen its back end and a screen.
export async function openPortal(context, url) {
  const page = await context.newPage();
  page.portalErrors = [];
  page.on('pageerror', (e) => page.portalErrors.push(String(e)));
  page.on('console', (m) => { if (m.type() === 'error') page.portalErrors.push(m.text()); });
  await page.goto(url);
  await ready(page);
  return page;
}

// Whether pages draw every frame. Tests of behaviour do not: on the software rasteriser of a
// headless CI machine a 1280x800 frame takes ~300 ms to draw and ~3 ms to compute, and typing
// one character runs a few frames. screenshot() draws; the smoke test and benchmarks draw always
// (drawAlways()), and PORTAL_TEST_DRAW=1 makes every test draw.
let drawing = process.env.PORTAL_TEST_DRAW === '1';
export function drawAlways() { drawing = true; }
const setDraw = (page, on) => page.evaluate((v) => window.portalTest.draw(v), on);

// The page has drawn its first frame (the app may still wait for the server).
export async function started(page) {
  await page.waitForFunction(() => window.portalTest && window.portalTest.state().frames > 0, null, { timeout: 30000 });
  if (!drawing) await setDraw(page, false);
}

export async function ready(page) {
  await started(page);
  await waitState(page, (s) => s.mode && s.screen && s.screen !== 'loading', 'the app to start', 20000);
  await settle(page);
}

export async function reload(page) {
  await page.reload();
  await ready(page);
}

export async function settle(page) {
  await page.evaluate(() => window.portalTest.frame());
  await page.evaluate(() => window.portalTest.frame());
  await sleep(120);
}

// The screen-reader mirror's cost over n forced frames, with it on or off (a11yEnable):
// uiMs, the UI's CPU per frame (without the GL calls); collectMs, end_frame's serialise and hash per frame;
// sent, trees sent to the DOM; domMs, the DOM update per sent tree.
export async function mirrorFrameCost(page, on, n = 12) {
  await page.evaluate((v) => window.portalTest.a11yEnable(v), on);
  await settle(page);
  return page.evaluate(async (count) => {
    const t = window.portalTest;
    const before = t.state().a11y;
    const dom0 = t.a11y();
    let sum = 0;
    for (let i = 0; i < count; i++) {
      await t.frame();
      sum += t.state().uiMs;
    }
    const after = t.state().a11y;
    const dom1 = t.a11y();
    return {
      uiMs: sum / count,
      collectMs: (after.ms - before.ms) / Math.max(1, after.frames - before.frames),
      sent: after.sent - before.sent,
      domMs: (dom1.ms - dom0.ms) / Math.max(1, dom1.updates - dom0.updates),
    };
  }, n);
}

export const items = (page) => page.evaluate(() => window.portalTest.items());
export const state = (page) => page.evaluate(() => window.portalTest.state());
export const values = async (page) => (await state(page)).values;

// The page's console errors, less Chromium's lines for the 4xx answers tests provoke on purpose.
export function pageErrors(page) {
  return (page.portalErrors || []).filter((e) => !/Failed to load resource: the server responded with a status of 4\d\d/.test(e));
}

export async function find(page, pred, what, timeout = 3000) {
  const t0 = Date.now();
  let list = [];
  while (Date.now() - t0 < timeout) {
    list = await items(page);
    const it = list.find(pred);
    if (it) return it;
    await sleep(60);
  }
  throw new Error(`no item ${what} among: ${list.map((i) => i.key).join(' | ')}`);
}

export async function has(page, pred) {
  return (await items(page)).some(pred);
}

export async function waitState(page, pred, what, timeout = 5000) {
  const t0 = Date.now();
  let s;
  while (Date.now() - t0 < timeout) {
    s = await state(page);
    if (pred(s)) return s;
    await sleep(50);
  }
  const brief = s ? { screen: s.screen, lang: s.lang, user: s.user, mode: s.mode, toasts: s.toasts, errors: s.errors,
    values: s.values } : s;
  throw new Error(`timed out waiting for ${what}; state: ${JSON.stringify(brief)}`);
}

// Scrolls the content by dy CSS px (positive: further down the page) as the user would: the
// mouse wheel on desktop pages, a one-finger drag on touch pages (a mouse event would switch the
// portal out of its touch layout).
export async function scrollBy(page, dy) {
  const { width, height } = page.viewportSize();
  if (!page.context().portalTouch) {
    await page.mouse.move(width - 30, height / 2);
    await page.mouse.wheel(0, dy);
    await settle(page);
    return;
  }
  if (!page.portalCdp) page.portalCdp = await page.context().newCDPSession(page);
  const cdp = page.portalCdp;
  const touch = (type, y) => cdp.send('Input.dispatchTouchEvent', {
    type, touchPoints: type === 'touchEnd' ? [] : [{ x: Math.round(width / 2), y: Math.round(y) }] });
  let left = dy;
  while (Math.abs(left) > 1) {
    const step = Math.sign(left) * Math.min(Math.abs(left), height * 0.6);
    const y0 = step > 0 ? height * 0.85 : height * 0.2;
    await touch('touchStart', y0);
    for (let i = 1; i <= 4; i++) await touch('touchMove', y0 - (step * i) / 4);
    await sleep(80);  // hold still before lifting: no momentum (the portal flings only within 60 ms)
    await touch('touchEnd', y0 - step);
    left -= step;
  }
  await settle(page);
}

// Scrolls until the item is fully in view (below the top bar on phone layouts), then returns it.
export async function scrollTo(page, pred, what) {
  const { width, height } = page.viewportSize();
  const top = width < 900 ? 60 : 0;  // the top bar of narrow layouts covers the first 60 px
  let dir = 1;
  for (let i = 0; i < 40; i++) {
    const it = (await items(page)).find(pred);
    if (it && it.y >= top && it.y + it.h <= height - 8) return it;
    if (it) dir = it.y < top ? -1 : 1;
    await scrollBy(page, dir * (it ? Math.min(300, Math.abs(it.y - height / 2)) + 40 : Math.round(height * 0.6)));
    if (!it && i === 19) dir = -1;  // not found going down: look upwards
  }
  return find(page, pred, what);
}

export async function scrollTop(page) {
  if (page.context().portalTouch) {
    // Flick upwards until the content stops moving.
    for (let i = 0; i < 20; i++) {
      const before = JSON.stringify((await items(page)).map((x) => x.y));
      await scrollBy(page, -2000);
      if (JSON.stringify((await items(page)).map((x) => x.y)) === before) return;
    }
    return;
  }
  await scrollBy(page, -20000);
}

export async function scrollBottom(page) {
  if (page.context().portalTouch) {
    for (let i = 0; i < 20; i++) {
      const before = JSON.stringify((await items(page)).map((x) => x.y));
      await scrollBy(page, 2000);
      if (JSON.stringify((await items(page)).map((x) => x.y)) === before) return;
    }
    return;
  }
  await scrollBy(page, 20000);
}

export async function click(page, item) {
  if (page.context().portalTouch) await page.touchscreen.tap(item.x + item.w / 2, item.y + item.h / 2);
  else await page.mouse.click(item.x + item.w / 2, item.y + item.h / 2);
  await settle(page);
}

// Clicks the first item matching pred, scrolling to it first.
export async function press(page, pred, what) {
  await click(page, await scrollTo(page, pred, what));
}

export const byLabel = (label) => (i) => i.label === label;
export const byKey = (key) => (i) => i.key === key;
export const byKeyEnd = (suffix) => (i) => i.key.endsWith(suffix);

// Clicks a text field (by its "##id") and types into it as a user does, replacing its content.
export async function typeInto(page, idSuffix, text) {
  const field = await scrollTo(page, byKeyEnd(idSuffix), `field ${idSuffix}`);
  await click(page, field);
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Delete');
  if (text) await page.keyboard.type(text);
  await settle(page);
}

// Opens the navigation drawer on a phone (no-op on wide layouts where the nav is always shown).
export async function openNav(page) {
  const { width } = page.viewportSize();
  if (width >= 900) return;
  if (await has(page, (i) => i.key.includes('##nav-'))) return;
  await click(page, await find(page, byLabel('Menu'), 'Menu button'));
  await find(page, (i) => i.key.includes('##nav-'), 'navigation in the drawer');
}

export async function closeNav(page) {
  const { width } = page.viewportSize();
  if (width >= 900) return;
  if (!(await has(page, (i) => i.key.includes('##nav-')))) return;
  await page.keyboard.press('Escape');
  await settle(page);
}

// Clicks a navigation entry by its id ("my_support", "plans", "sign_in").
export async function nav(page, id) {
  await openNav(page);
  await click(page, await find(page, byKeyEnd(`##nav-${id}`), `nav entry ${id}`));
  await waitState(page, (s) => s.screen === id, `screen ${id}`);
}

// Signs in as `who` ({email, password}): one click on the demo account offline, typed online.
// Waits until the session is there and `ready(state)` holds (e.g. /me loaded).
export async function signIn(page, who, mode, ready = () => true) {
  await waitState(page, (s) => s.screen === 'sign_in', 'the sign-in screen', 10000);
  if (mode === 'demo') {
    await press(page, byKey(`${who.email}##demo-${who.email}`), `demo login ${who.email}`);
  } else {
    const s = await state(page);
    if (s.values['signin.mode'] !== 'sign_in') await click(page, await find(page, byKey('Sign in'), 'Sign in tab'));
    await typeInto(page, '##email', who.email);
    await typeInto(page, '##password', who.password);
    await press(page, byKeyEnd('##sign-in'), 'Sign in button');
  }
  await waitState(page, (s) => s.user === who.email && ready(s), `signed in as ${who.email}`, 15000);
}

// The frame of a test file: one browser, the static host (offline demo) and portal-server --demo
// (online), then the summary and the exit code. `offline(browser, base, server)` runs first
// (server may be null if it did not start), then `online(browser, base, server)`.
// A test file's whole run: `runSuite({ offline, online })` at its top level. A crash (an error
// outside test()) counts as one more failure, and the process exits non-zero.
export function runSuite(parts) {
  return runParts(parts).catch((err) => {
    console.error(`${path.basename(process.argv[1], '.mjs')} test crashed:`, err);
    console.log(`${results.filter((r) => r.ok).length} passed, ${results.filter((r) => !r.ok).length + 1} failed`);
    process.exit(1);
  });
}

async function runParts({ offline, online }) {
  const t0 = Date.now();
  const dirs = servedDirs();
  checkBuilt(dirs);
  const browser = await launchChromium();
  const statik = await serveStatic(dirs);
  const web = assembleWebDir(dirs);
  let server = null;
  try {
    try {
      server = await startPortalServer(web.dir);
    } catch (err) {
      await test('online: portal-server starts', async () => { throw err; });
    }
    if (offline) await offline(browser, statik.base, server);
    if (online && server) await online(browser, server.base, server);
  } finally {
    await browser.close();
    await statik.close();
    if (server) await server.close();
    web.cleanup();
  }
  console.log(`runtime ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  process.exit(summary() ? 1 : 0);
}

export async function screenshot(page, name) {
  fs.mkdirSync(shotsDir, { recursive: true });
  await settle(page);
  if (!drawing) await setDraw(page, true);  // one drawn frame of the settled screen
  await page.screenshot({ path: path.join(shotsDir, `${name}.png`) });
  if (!drawing) await setDraw(page, false);
}
