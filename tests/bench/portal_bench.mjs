// Browser budgets of the portal in headless Chromium (figures, never a pass/fail gate):
//   node tests/bench/portal_bench.mjs            (after a build; serves PORTAL_DIST_DIR or build/wasm)
// 1. First frame: ms from navigation start to the first rendered frame, 5 fresh loads (budget 1.5 s).
// 2. Idle frames: frames drawn in 3 s without input, on a screen without a countdown (budget 0)
//    and on My support with live "opens in" states (budget: at most 1 per second).
// 3. Frame CPU with 10,000 requests: portal-server --demo on a fresh data folder, one customer
//    with 10,000 requests (created through the API), the Requests list scrolled with the wheel;
//    the UI's CPU time of each frame (state().uiMs) against the same scroll of the Plans page in
//    the same browser as the reference (budget 4 ms per frame). The whole frame with the GL calls
//    is printed too: in headless Chromium those wait on swiftshader, a CPU rasteriser.
// 4. Screen-reader mirror: UI CPU per frame with the mirror off and on (alternated twice, as the
//    machine drifts) on the sign-in and Plans screens, its serialise+hash per frame, and the DOM
//    update per changed tree.
// Env: PORTAL_BENCH_REQUESTS (default 10000), PORTAL_SERVER, PORTAL_CHROMIUM.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  drawAlways, assembleWebDir, byKeyEnd, checkBuilt, click, find, launchChromium, mirrorFrameCost, nav, newContext, openPortal, servedDirs,
  root, serveStatic, settle, sleep, startPortalServer, state, typeInto, waitState,
} from '../browser/lib.mjs';

drawAlways();  // real frames, as a user's browser draws them

const N = Number(process.env.PORTAL_BENCH_REQUESTS || 10000);
const pct = (xs, p) => { const s = [...xs].sort((a, b) => a - b); return s[Math.min(s.length - 1, Math.floor(p * s.length))]; };
const fmt = (x) => x.toFixed(2);

async function firstFrame(browser, base) {
  const times = [];
  for (let i = 0; i < 5; i++) {
    const context = await newContext(browser);
    const page = await context.newPage();
    await page.goto(base + '/?demo=1');
    await page.waitForFunction(() => window.portalTest && window.portalTest.state().frames > 0, null, { timeout: 30000 });
    times.push(await page.evaluate(() => window.portalTest.timing().firstFrameMs));
    await context.close();
  }
  console.log(`first frame after navigation: median ${Math.round(pct(times, 0.5))} ms, max ${Math.round(Math.max(...times))} ms` +
    ` over ${times.length} loads (budget 1500 ms): ${times.map(Math.round).join(', ')}`);
}

async function idleFrames(page, ms) {
  await page.mouse.move(5, 5);
  let s0 = await state(page);
  for (let i = 0; i < 30; i++) {  // until the settle frames after the last input are over
    await sleep(300);
    const s = await state(page);
    if (s.frameReasons.input === s0.frameReasons.input && s.frames === s0.frames) break;
    s0 = s;
  }
  const t0 = Date.now();
  await sleep(ms);
  const s1 = await state(page);
  return { frames: s1.frames - s0.frames, seconds: (Date.now() - t0) / 1000 };
}

async function idle(browser, base) {
  const context = await newContext(browser);
  const page = await openPortal(context, base + '/?demo=1');
  const a = await idleFrames(page, 3000);
  console.log(`idle on sign-in (nothing changes): ${a.frames} frames in ${a.seconds.toFixed(1)} s (budget 0)`);
  await click(page, await find(page, byKeyEnd('##demo-basic@demo.example'), 'demo Basic account'));
  await waitState(page, (s) => s.screen === 'my_support', 'My support', 10000);
  const b = await idleFrames(page, 3000);
  console.log(`idle on My support (live channel states): ${b.frames} frames in ${b.seconds.toFixed(1)} s (budget 1 per second)`);
  await context.close();
}

// Creates `n` requests for a new customer through the API, 16 at a time.
async function seedRequests(api, n) {
  const email = `bench.${Date.now()}@example.com`;
  const password = 'bench-pass-1';
  const reg = await fetch(`${api}/api/v1/auth/register`, {
    method: 'POST', headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ email, password, name: 'Bench Customer', company: 'Bench Ltd' }),
  });
  if (reg.status !== 201) throw new Error(`register: ${reg.status} ${await reg.text()}`);
  const { token } = await reg.json();
  let next = 0;
  const t0 = Date.now();
  const worker = async () => {
    while (next < n) {
      const i = next++;
      const r = await fetch(`${api}/api/v1/requests`, {
        method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
        body: JSON.stringify({ subject: `Bench request ${i + 1}: printer on floor ${i % 7} offline`,
          description: 'Created by tests/bench/portal_bench.mjs', severity: 1 + (i % 5), category: 'technical' }),
      });
      if (r.status !== 201) throw new Error(`request ${i}: ${r.status} ${await r.text()}`);
    }
  };
  await Promise.all(Array.from({ length: 16 }, worker));
  console.log(`seeded ${n} requests in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  return { email, password };
}

// Scrolls the current screen with the wheel, one notch per frame; returns each frame's UI CPU ms
// (state().uiMs: input, screens, ImGui layout and vertices) and whole-frame ms (with the GL calls,
// which wait on swiftshader's CPU rasteriser here).
async function scrollCosts(page, steps, dy) {
  const costs = [];
  costs.whole = [];
  await page.mouse.move(700, 450);
  for (let i = 0; i < steps; i++) {
    await page.mouse.wheel(0, (i < steps / 2 ? 1 : -1) * dy);
    await page.evaluate(() => window.portalTest.frame());
    const s = await state(page);
    costs.push(s.uiMs);
    costs.whole.push(s.frameMs);
  }
  return costs;
}

async function bigList(browser, webDir) {
  // 10,000 requests of one company: far above the catalog's hourly quota, raised for the bench.
  const catalog = JSON.parse(fs.readFileSync(path.join(root, 'assets/catalog.json'), 'utf8'));
  catalog.quotas = { ...catalog.quotas, new_requests_per_company_per_hour: 1000000 };
  const catalogFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'bench-catalog-')), 'catalog.json');
  fs.writeFileSync(catalogFile, JSON.stringify(catalog));
  const server = await startPortalServer(webDir, ['--catalog', catalogFile]);
  try {
    const who = await seedRequests(server.base, N);
    const context = await newContext(browser);
    const page = await openPortal(context, server.base + '/');
    await typeInto(page, '##email', who.email);
    await typeInto(page, '##password', who.password);
    await click(page, await find(page, byKeyEnd('##sign-in'), 'Sign in button'));
    await waitState(page, (s) => s.user === who.email, 'signed in', 15000);

    await nav(page, 'plans');
    await settle(page);
    const ref = await scrollCosts(page, 60, 120);

    await nav(page, 'requests');
    await sleep(1500);  // first page of the list
    await settle(page);
    const rows = (await page.evaluate(() => window.portalTest.items())).length;
    const list = await scrollCosts(page, 120, 400);
    const s = await state(page);
    console.log(`requests list with ${N} requests (${rows} widgets on screen; values: total=${s.values['requests.total'] ?? '?'})`);
    console.log(`  UI CPU per frame while scrolling: median ${fmt(pct(list, 0.5))} ms, p95 ${fmt(pct(list, 0.95))} ms, ` +
      `max ${fmt(Math.max(...list))} ms over ${list.length} frames (budget 4 ms)`);
    console.log(`  whole frame with GL (swiftshader): median ${fmt(pct(list.whole, 0.5))} ms, p95 ${fmt(pct(list.whole, 0.95))} ms`);
    console.log(`  reference (Plans page, same browser): UI median ${fmt(pct(ref, 0.5))} ms, p95 ${fmt(pct(ref, 0.95))} ms; ` +
      `ratio list/plans median ${(pct(list, 0.5) / pct(ref, 0.5)).toFixed(2)}`);
    await context.close();
  } finally {
    await server.close();
  }
}

async function mirrorCost(page, label) {
  const off1 = await mirrorFrameCost(page, false), on1 = await mirrorFrameCost(page, true);
  const off2 = await mirrorFrameCost(page, false), on2 = await mirrorFrameCost(page, true);
  const off = (off1.uiMs + off2.uiMs) / 2, on = (on1.uiMs + on2.uiMs) / 2;
  const collect = (on1.collectMs + on2.collectMs) / 2;
  const dom = await page.evaluate(() => { const a = window.portalTest.a11y(); return a.ms / Math.max(1, a.updates); });
  console.log(`  ${label}: UI CPU per frame ${fmt(off)} ms without the mirror, ${fmt(on)} ms with it (ratio ${(on / off).toFixed(2)}); ` +
    `serialise+hash ${collect.toFixed(3)} ms per frame (${(100 * collect / off).toFixed(1)}% of the frame); ` +
    `DOM update ${fmt(dom)} ms per changed tree`);
}

async function mirror(browser, base) {
  const context = await newContext(browser);
  const page = await openPortal(context, base + '/?demo=1');
  console.log('screen-reader mirror:');
  await mirrorCost(page, 'sign-in');
  await click(page, await find(page, byKeyEnd('##demo-basic@demo.example'), 'demo Basic account'));
  await waitState(page, (s) => s.screen === 'my_support', 'My support', 10000);
  await nav(page, 'plans');
  await mirrorCost(page, 'plans');
  await context.close();
}

async function main() {
  const dirs = servedDirs();
  checkBuilt(dirs);
  const stat = await serveStatic(dirs);
  const web = assembleWebDir(dirs);
  const browser = await launchChromium();
  try {
    await firstFrame(browser, stat.base);
    await idle(browser, stat.base);
    await mirror(browser, stat.base);
    await bigList(browser, web.dir);
  } finally {
    await browser.close();
    await stat.close();
    web.cleanup();
  }
}

main().catch((err) => { console.error(err); process.exit(1); });
