// Browser tests of the portal's customer flows, clicking and typing as a user does:
//   node tests/browser/portal.mjs
// The same flows run twice: in the offline demo (a plain static host, no API: the page falls back
// to the in-page back end) and ONLINE against the real portal-server (--demo, a fresh data folder).
// Flows: register (with inline validation and server errors), My support (tier and why, channels
// with hours in the customer's zone and live state, locked channels, response-time targets,
// manager and dedicated agent), compare plans, language switch (Russian, Bulgarian), session and
// data surviving a reload, dark theme remembered, network error banner with Retry, expired token.
// Screenshots of each screen at 1280x800 and 390x844, device scale 1 and 2.
// Env: PORTAL_DIST_DIR (else dist/, else web/ + PORTAL_WASM_BUILD_DIR or build/wasm),
//      PORTAL_SCREENSHOT_DIR (default build/screenshots), PORTAL_SERVER (default
//      build/native/src/server/portal-server), PORTAL_CHROMIUM (default /usr/bin/chromium).
// Prints "N passed, M failed"; exits 1 on any failure.
import {
  assembleWebDir, byKey, byKeyEnd, byLabel, check, checkBuilt, click, find, has, launchChromium, nav, newContext,
  openNav, openPortal, press, ready, reload, results, screenshot, scrollBottom, scrollBy, scrollTo, scrollTop, servedDirs, serveStatic, settle,
  sleep, started, startPortalServer, state, summary, test, typeInto, waitState,
} from './lib.mjs';

// The customer's browser is in Sofia (UTC+2/+3), the support team in Berlin (UTC+1/+2): every
// business hour shows one hour later "your time".
const TZ = 'Europe/Sofia';

// Console errors other than the expected failed requests (the static host's 404 for the API probe,
// the aborted request of the network-failure test).
function pageErrors(page) {
  return (page.portalErrors || []).filter((e) => !/ERR_CONNECTION_REFUSED|Failed to load resource/.test(e));
}

async function signOut(page) {
  await openNav(page);
  await click(page, await find(page, byKeyEnd('##sign-out'), 'Sign out'));
  await waitState(page, (s) => s.screen === 'sign_in' && s.user === '', 'signed out');
}

async function signInByTyping(page, email, password) {
  const s = await state(page);
  if (s.values['signin.mode'] !== 'sign_in') await click(page, await find(page, byKey('Sign in'), 'Sign in tab'));
  await typeInto(page, '##email', email);
  await typeInto(page, '##password', password);
  await press(page, byKeyEnd('##sign-in'), 'Sign in button');
}

async function setLanguage(page, code) {
  await openNav(page);
  await click(page, await find(page, byLabel(code.toUpperCase()), `language ${code}`));
  await waitState(page, (s) => s.lang === code, `lang=${code}`);
  await settle(page);
}

// The registration flow with inline validation; returns the new account's email.
async function register(page, mode) {
  const email = `anna.${mode}.${Date.now()}@example.com`;
  await click(page, await find(page, byKey('Create account'), 'Create account tab'));
  await waitState(page, (s) => s.values['signin.mode'] === 'register', 'register mode');
  // Nothing typed: every field says what is missing, nothing is sent.
  await press(page, byKeyEnd('##register'), 'Create account button');
  let s = await waitState(page, (st) => st.values['signin.error.email'] && st.values['signin.error.name'] &&
    st.values['signin.error.company'] && st.values['signin.error.password'], 'inline errors on every field');
  check(s.screen === 'sign_in', 'left the form with empty fields');
  await typeInto(page, '##name', 'Анна Петрова');
  await typeInto(page, '##company', 'Тест ООД');
  await typeInto(page, '##email', 'not-an-email');
  await typeInto(page, '##password', 'short');
  s = await waitState(page, (st) => !st.values['signin.error.name'] && !st.values['signin.error.company'] &&
    st.values['signin.error.email'] && /8/.test(st.values['signin.error.password']), 'live validation');
  await typeInto(page, '##email', email);
  await typeInto(page, '##password', 'long-enough-1');
  await waitState(page, (st) => !st.values['signin.error.email'] && !st.values['signin.error.password'], 'errors cleared');
  await press(page, byKeyEnd('##register'), 'Create account button');
  s = await waitState(page, (st) => st.screen === 'my_support' && st.user === email, 'signed in after registering', 15000);
  check(s.values.tier === 'basic', `a new account starts on basic: ${s.values.tier}`);
  check(s.toasts.some((t) => t.includes('Анна Петрова')), `welcome toast: ${s.toasts}`);
  return email;
}

async function checkBasicSupport(page) {
  const s = await waitState(page, (st) => st.values['support.tier'] === 'basic' && st.values['support.targets'],
    'My support of a basic customer');
  const v = s.values;
  check(v['support.why'] === 'plan:basic', `why: ${v['support.why']}`);
  for (const ch of ['email', 'chatbot', 'kb', 'forum'])
    check(v['support.channels'].split(',').some((c) => c.startsWith(`${ch}:`)), `channel ${ch} missing: ${v['support.channels']}`);
  check(v['support.hours.email'] === 'Mon–Fri 09:00–18:00 (Europe/Berlin) · your time 10:00–19:00',
    `email hours: ${v['support.hours.email']}`);
  check(v['support.hours.chatbot'] === '24/7', `chat-bot hours: ${v['support.hours.chatbot']}`);
  check(/^(Open now · closes in .+|Closed · opens in .+)$/.test(v['support.status.email']),
    `email state: ${v['support.status.email']}`);
  check(v['support.status.kb'] === 'Open 24/7', `kb state: ${v['support.status.kb']}`);
  check(v['support.targets'].startsWith('1:24 business hours/24 business hours|2:24 business hours/48 business hours|3:48 business hours/48 business hours'),
    `targets: ${v['support.targets']}`);
  check(v['support.targets'].includes('5:72 business hours/72 business hours'), `targets: ${v['support.targets']}`);
  for (const ch of ['phone', 'chat', 'personal_manager', 'onsite', 'dedicated_chat'])
    check(v['support.locked'].split(',').includes(ch), `locked ${ch} missing: ${v['support.locked']}`);
  check(v['support.manager'] === '' && v['support.dedicated'] === '', 'a basic customer has no manager');
  // The locked phone and chat come with the cheapest way to get them: the Extended support package.
  await scrollTo(page, byKeyEnd('##unlock-package-extended_support'), 'unlock button of the Extended support package');
  await scrollTo(page, byKeyEnd('##unlock-addon-dedicated_agent'), 'unlock button of the dedicated agent');
  await scrollTop(page);
}

async function checkPremiumSupport(page) {
  const s = await waitState(page, (st) => st.values['support.tier'] === 'premium' && st.values['support.targets'],
    'My support of the premium customer');
  const v = s.values;
  check(v['support.policies'] === 'premium_sla,vip_sla', `policies: ${v['support.policies']}`);
  // Premium's own 30 min beats the dedicated agent's 1 h for severity 1; both are calendar time.
  check(v['support.targets'].startsWith('1:30 minutes, 24/7/2 hours, 24/7|2:1 hour, 24/7/4 hours, 24/7'),
    `targets: ${v['support.targets']}`);
  check(v['support.dedicated'] === 'Maria Georgieva <maria@demo.example>', `dedicated agent: ${v['support.dedicated']}`);
  check(v['support.manager'] === 'Boris Ivanov', `manager: ${v['support.manager']}`);
  check(v['support.hours.dedicated_email'] === 'Mon–Fri 09:00–17:00 (Europe/Berlin) · your time 10:00–18:00',
    `dedicated email hours: ${v['support.hours.dedicated_email']}`);
  check(v['support.hours.phone'] === '24/7' && v['support.status.phone'] === 'Open 24/7', 'premium phone is 24/7');
  check(v['support.locked'] === '', `nothing is locked on premium with the add-on: ${v['support.locked']}`);
  check(!(await has(page, byKeyEnd('##hero-plans'))), 'Compare plans offered on the top plan');
}

// Every flow, in one mode ("demo" on a static host, "online" against portal-server).
async function flows(browser, base, mode) {
  const context = await newContext(browser, { timezoneId: TZ });
  const fetched = [];  // the page's requests, by path
  context.on('request', (r) => fetched.push(new URL(r.url()).pathname));
  const page = await openPortal(context, base + '/');
  let email = '';
  const password = 'long-enough-1';

  await test(`${mode}: starts on the sign-in screen in ${mode} mode`, async () => {
    const s = await state(page);
    check(s.mode === mode, `mode ${s.mode}`);
    check(s.screen === 'sign_in' && s.user === '' && s.lang === 'en', `state ${JSON.stringify(s)}`);
    if (mode === 'demo') await scrollTo(page, byKeyEnd('##demo-premium@demo.example'), 'demo account premium');
    else {
      await scrollTo(page, byKeyEnd('##switch-mode'), 'the end of the form');
      await scrollBottom(page);
      check(!(await has(page, (i) => i.key.includes('##demo-'))), 'demo accounts listed online');
    }
    await scrollTop(page);
    await find(page, byKeyEnd('##nav-plans'), 'Plans in the navigation (public)');
    await screenshot(page, `${mode}-sign-in-1280x800@1x`);
  });

  // web/loader.js picks the build: the online page never downloads the demo's in-page server.
  await test(`${mode}: the page downloads the ${mode} build only; the catalog is asked once`, async () => {
    const wasm = fetched.filter((f) => f.endsWith('.wasm'));
    const want = mode === 'demo' ? '/portal-demo.wasm' : '/portal.wasm';
    check(wasm.length === 1 && wasm[0] === want, `wasm downloads: ${wasm.join(', ')}`);
    const probes = fetched.filter((f) => f === '/api/v1/plans');
    check(probes.length === 1, `GET /api/v1/plans ${probes.length} times`);
  });

  if (mode === 'online') await test('online: ?demo=1 on the server still opens the offline demo', async () => {
    const ctx = await newContext(browser, { timezoneId: TZ });
    const seen = [];
    ctx.on('request', (r) => seen.push(new URL(r.url()).pathname));
    const p = await openPortal(ctx, base + '/?demo=1');
    const s = await state(p);
    check(s.mode === 'demo', `mode ${s.mode}`);
    check(seen.includes('/portal-demo.wasm') && !seen.includes('/portal.wasm'), `requests: ${seen.join(', ')}`);
    check(!seen.some((f) => f.startsWith('/api/')), `the demo asked the server: ${seen.join(', ')}`);
    await ctx.close();
  });

  // The online build has no in-page server: should its own probe find no server (here: the
  // loader's answer is not handed over, and the server "goes away" after the loader asked), the
  // page reloads into the demo build (client/demo_handoff.cpp, Module.portalLoadDemo).
  if (mode === 'online') await test('online: the online build finding no server hands over to the demo build', async () => {
    const ctx = await newContext(browser, { timezoneId: TZ });
    await ctx.addInitScript(() => {
      let m;
      Object.defineProperty(window, 'Module', { configurable: true, get: () => m, set: (v) => {
        m = v;
        if (v) Object.defineProperty(v, 'portalProbe', { configurable: true, get: () => undefined, set: () => {} });
      } });
    });
    let asked = 0;
    await ctx.route('**/api/v1/plans', (route) => (++asked === 1 ? route.continue() : route.fulfill({ status: 404, body: 'gone' })));
    const p = await ctx.newPage();
    const wasm = [];
    p.on('request', (r) => { if (r.url().endsWith('.wasm')) wasm.push(new URL(r.url()).pathname); });
    await p.goto(base + '/');
    await p.waitForURL(/[?&]demo=1/, { timeout: 30000 });
    await ready(p);
    const s = await state(p);
    check(s.mode === 'demo', `mode ${s.mode}`);
    check(wasm.join(',') === '/portal.wasm,/portal-demo.wasm', `wasm downloads: ${wasm.join(', ')}`);
    await ctx.close();
  });

  await test(`${mode}: register with inline validation`, async () => {
    email = await register(page, mode);
    await screenshot(page, `${mode}-my-support-basic-1280x800@1x`);
  });

  await test(`${mode}: My support shows tier, channels in my time zone, locked channels, targets`, async () => {
    await checkBasicSupport(page);
    await scrollTo(page, byKeyEnd('##unlock-addon-dedicated_agent'), 'last unlock button');
    await screenshot(page, `${mode}-my-support-basic-bottom-1280x800@1x`);
    await scrollTop(page);
  });

  await test(`${mode}: a locked channel leads to Plans; compare plans`, async () => {
    await press(page, byKeyEnd('##unlock-package-extended_support'), 'unlock Extended support');
    await waitState(page, (s) => s.screen === 'plans', 'plans screen');
    await screenshot(page, `${mode}-plans-1280x800@1x`);
    await nav(page, 'my_support');
    await press(page, byKeyEnd('##hero-plans'), 'Compare plans');
    await waitState(page, (s) => s.screen === 'plans', 'plans screen from Compare plans');
    await nav(page, 'my_support');
  });

  await test(`${mode}: language switch to Russian and Bulgarian, remembered`, async () => {
    await setLanguage(page, 'ru');
    await find(page, byLabel('Моя поддержка'), 'Russian nav label');
    await find(page, byLabel('Тарифы'), 'Russian Plans label');
    let s = await waitState(page, (st) => st.values['support.targets'].includes('24 рабочих часа'), 'Russian targets');
    check(s.values['support.hours.email'].startsWith('пн–пт 09:00–18:00 (Europe/Berlin) · по вашему времени 10:00–19:00'),
      `Russian hours: ${s.values['support.hours.email']}`);
    check(/^(Открыто · закроется через|Закрыто · откроется через)/.test(s.values['support.status.email']),
      `Russian state: ${s.values['support.status.email']}`);
    await screenshot(page, `${mode}-my-support-ru-1280x800@1x`);
    await setLanguage(page, 'bg');
    await find(page, byLabel('Моята поддръжка'), 'Bulgarian nav label');
    await find(page, byLabel('Планове'), 'Bulgarian Plans label');
    s = await waitState(page, (st) => st.values['support.targets'].includes('24 работни часа'), 'Bulgarian targets');
    await screenshot(page, `${mode}-my-support-bg-1280x800@1x`);
    await reload(page);
    s = await waitState(page, (st) => st.screen === 'my_support', 'my_support after reload');
    check(s.lang === 'bg', `language after reload: ${s.lang}`);
    await setLanguage(page, 'en');
    await find(page, byLabel('My support'), 'English nav label');
  });

  await test(`${mode}: the session survives a reload`, async () => {
    await reload(page);
    const s = await waitState(page, (st) => st.screen === 'my_support' && st.user === email, 'still signed in');
    check(s.values.tier === 'basic', `tier after reload: ${s.values.tier}`);
    await checkBasicSupport(page);
  });

  await test(`${mode}: wrong password and duplicate email are reported next to the field`, async () => {
    await signOut(page);
    await signInByTyping(page, email, 'wrong-password');
    let s = await waitState(page, (st) => st.values['signin.error.password'], 'password error');
    check(s.values['signin.error.password'] === 'Wrong email or password.', `message: ${s.values['signin.error.password']}`);
    check(s.screen === 'sign_in', 'signed in with a wrong password');
    await click(page, await find(page, byKey('Create account'), 'Create account tab'));
    await typeInto(page, '##name', 'Someone Else');
    await typeInto(page, '##company', 'Other Ltd');
    await typeInto(page, '##email', email);
    await typeInto(page, '##password', 'another-pass-1');
    await press(page, byKeyEnd('##register'), 'Create account button');
    s = await waitState(page, (st) => st.values['signin.error.email'], 'email error from the server');
    check(s.values['signin.error.email'].includes('already registered'), `message: ${s.values['signin.error.email']}`);
    await screenshot(page, `${mode}-register-error-1280x800@1x`);
  });

  await test(`${mode}: the account and its data are still there after a reload`, async () => {
    await reload(page);
    await waitState(page, (s) => s.screen === 'sign_in', 'sign-in screen');
    await signInByTyping(page, email, password);
    const s = await waitState(page, (st) => st.screen === 'my_support' && st.user === email, 'signed in again', 15000);
    check(s.values.tier === 'basic', `tier: ${s.values.tier}`);
  });

  await test(`${mode}: premium customer with the dedicated agent`, async () => {
    await signOut(page);
    if (mode === 'demo') {
      await press(page, byKeyEnd('##demo-premium@demo.example'), 'demo account premium');
    } else {
      await signInByTyping(page, 'premium@demo.example', 'demo-pass-1');
    }
    await waitState(page, (s) => s.screen === 'my_support' && s.user === 'premium@demo.example', 'premium signed in', 15000);
    await checkPremiumSupport(page);
    await screenshot(page, `${mode}-my-support-premium-1280x800@1x`);
  });

  await test(`${mode}: dark theme is remembered`, async () => {
    await click(page, await find(page, byKeyEnd('##dark'), 'dark theme toggle'));
    await waitState(page, (s) => s.values.theme === 'dark', 'dark');
    await screenshot(page, `${mode}-my-support-premium-dark-1280x800@1x`);
    await reload(page);
    await waitState(page, (s) => s.values.theme === 'dark' && s.screen === 'my_support', 'dark after reload');
    await click(page, await find(page, byKeyEnd('##dark'), 'dark theme toggle'));
    await waitState(page, (s) => s.values.theme === 'light', 'light again');
  });

  if (mode === 'demo') {
    await test('demo: one click on a demo agent signs in as an agent', async () => {
      await signOut(page);
      await press(page, byKeyEnd('##demo-anna@demo.example'), 'demo agent Anna');
      const s = await waitState(page, (st) => st.user === 'anna@demo.example', 'agent signed in', 15000);
      check(s.values.role === 'agent' && s.screen === 'queue', `agent state: ${s.values.role} ${s.screen}`);
      check(!(await has(page, byKeyEnd('##nav-my_support'))), 'My support offered to an agent');
      await signOut(page);
    });
  } else {
    await test('online: a network failure shows the banner; Retry repeats the call', async () => {
      await page.route('**/api/v1/me', (route) => route.abort('connectionrefused'));
      await page.reload();
      await started(page);  // not ready(): the app waits on the loading screen for /me
      let s = await waitState(page, (st) => st.errors.length === 1, 'error banner');
      check(s.errors[0].startsWith('We could not reach the server'), `banner: ${s.errors[0]}`);
      await screenshot(page, 'online-network-error-1280x800@1x');
      await page.unroute('**/api/v1/me');
      await click(page, await find(page, byKey('Retry##banner-retry'), 'Retry'));
      s = await waitState(page, (st) => st.errors.length === 0 && st.screen === 'my_support' &&
        st.user === 'premium@demo.example', 'recovered after Retry');
    });

    await test('online: an expired or unknown token leads back to sign-in', async () => {
      await page.evaluate(() => localStorage.setItem('portal.session.online', 'not-a-real-token'));
      await reload(page);
      const s = await waitState(page, (st) => st.screen === 'sign_in' && st.user === '', 'sign-in after a bad token');
      check(s.toasts.some((t) => t.includes('session has ended')), `toast: ${s.toasts}`);
    });

    await test('online: ?demo=1 forces the offline demo on the server too', async () => {
      const p2 = await openPortal(context, base + '/?demo=1');
      const s = await state(p2);
      check(s.mode === 'demo', `mode with ?demo=1: ${s.mode}`);
      await p2.close();
    });
  }
  for (const p of context.pages()) {
    const errors = pageErrors(p);
    if (errors.length) await test(`${mode}: no page errors`, async () => check(false, errors.join('\n')));
  }
  await context.close();
}

// Screenshots of every screen at each size and scale (demo mode, signed in as premium).
async function screenshots(browser, base) {
  for (const [width, height, touch] of [[1280, 800, false], [390, 844, true]]) {
    for (const dpr of [1, 2]) {
      const tag = `${width}x${height}@${dpr}x`;
      await test(`screens at ${tag}`, async () => {
        const context = await newContext(browser, { width, height, dpr, touch, timezoneId: TZ });
        const page = await openPortal(context, base + '/');
        await waitState(page, (s) => s.screen === 'sign_in', 'sign-in');
        await screenshot(page, `screen-sign-in-${tag}`);
        if (width < 900) {
          await openNav(page);
          await screenshot(page, `screen-drawer-signed-out-${tag}`);
          await page.keyboard.press('Escape');
          await settle(page);
        }
        const items = await page.evaluate(() => window.portalTest.items());
        const outside = items.filter((i) => i.x < -1 || i.x + i.w > width + 1);
        check(outside.length === 0, `items outside the ${width} px page: ${outside.map((i) => i.key).join(', ')}`);
        await press(page, byKeyEnd('##demo-premium@demo.example'), 'demo premium');
        await waitState(page, (s) => s.screen === 'my_support' && s.values['support.targets'], 'my support', 15000);
        await screenshot(page, `screen-my-support-${tag}`);
        for (let i = 1; i <= (width < 900 ? 6 : 3); i++) {
          await scrollBy(page, height * 0.8);
          await screenshot(page, `screen-my-support-${tag}-scroll${i}`);
        }
        const after = await page.evaluate(() => window.portalTest.items());
        const wide = after.filter((i) => i.x < -1 || i.x + i.w > width + 1);
        check(wide.length === 0, `My support items outside the page: ${wide.map((i) => i.key).join(', ')}`);
        await nav(page, 'plans');
        await screenshot(page, `screen-plans-${tag}`);
        if (width < 900) {
          await openNav(page);
          await screenshot(page, `screen-drawer-${tag}`);
          await page.keyboard.press('Escape');
          await settle(page);
        }
        // A basic customer: locked channels and business-hour targets.
        await nav(page, 'my_support');
        await openNav(page);
        await click(page, await find(page, byKeyEnd('##sign-out'), 'Sign out'));
        await press(page, byKeyEnd('##demo-basic@demo.example'), 'demo basic');
        await waitState(page, (s) => s.values['support.tier'] === 'basic', 'basic my support', 15000);
        await screenshot(page, `screen-my-support-basic-${tag}`);
        await scrollBottom(page);
        await screenshot(page, `screen-my-support-basic-${tag}-end`);
        check(pageErrors(page).length === 0, pageErrors(page).join('\n'));
        await context.close();
      });
    }
  }
}

async function main() {
  const dirs = servedDirs();
  checkBuilt(dirs);
  const only = process.env.PORTAL_TEST_ONLY || '';  // "demo", "online" or "screens" to run one part
  const browser = await launchChromium();
  const staticHost = await serveStatic(dirs);
  const web = assembleWebDir(dirs);
  let server = null;
  try {
    if (!only || only === 'demo') await flows(browser, staticHost.base, 'demo');
    if (!only || only === 'online') {
      try {
        server = await startPortalServer(web.dir);
      } catch (err) {
        await test('online: portal-server starts', async () => { throw err; });
      }
      if (server) await flows(browser, server.base, 'online');
    }
    if (!only || only === 'screens') await screenshots(browser, staticHost.base);
  } finally {
    await browser.close();
    await staticHost.close();
    if (server) await server.close();
    web.cleanup();
  }
  process.exit(summary() ? 1 : 0);
}

main().catch((err) => {
  console.error('portal test crashed:', err);
  console.log(`${results.filter((r) => r.ok).length} passed, ${results.filter((r) => !r.ok).length + 1} failed`);
  process.exit(1);
});
