// Browser tests of the Plans screen, clicking and typing as a customer does:
//   node tests/browser/plans.mjs
// Runs the same flow twice: in the offline demo (a plain static host, page opened with ?demo=1)
// and ONLINE against the real portal-server (--demo, a fresh data folder):
//   sign in as the demo Basic customer → Plans → compare (prices, targets, current plan) → the
//   dedicated agent refused before trying ("Premium only", with "Upgrade to Premium") → "help me
//   choose" → Premium recommended → "Choose Premium": the preview with the price now and the open
//   requests' new deadlines → Confirm upgrade → /me changed → buy the dedicated agent (preview,
//   confirm) → My support shows the dedicated channels → downgrade scheduled (add-on dropped, shown)
//   → kept. Online also: the server's 409 message shown in the confirmation card.
// Screenshots of compare, help me choose and the confirmation at 1280x800 and 390x844, device
// scale 1 and 2, into PORTAL_SCREENSHOT_DIR (default build/screenshots).
// Env: PORTAL_DIST_DIR (else dist/, else web/ + PORTAL_WASM_BUILD_DIR or build/wasm),
//      PORTAL_SCREENSHOT_DIR, PORTAL_SERVER (default build/native/src/server/portal-server),
//      PORTAL_CHROMIUM (default /usr/bin/chromium).
// Prints "N passed, M failed"; exits 1 on any failure.
import {
  byKeyEnd, byLabel, check, click, closeNav, find, has, items, nav, newContext, openNav, openPortal, press,
  runSuite, screenshot, scrollTo, scrollTop, settle, signIn, state, test, values, waitState,
} from './lib.mjs';

const BASIC = { email: 'basic@demo.example', password: 'demo-pass-1' };
const STANDARD = { email: 'standard@demo.example', password: 'demo-pass-1' };

async function openPlans(page) {
  await nav(page, 'plans');
  await closeNav(page);
  await waitState(page, (s) => s.values['plans.step'] === 'compare' || s.values['plans.step'] === 'recommended',
    'the plans page');
  await toTop(page);
}

// Answers the questionnaire by the options' labels; checks that each answer took.
async function answer(page, labels) {
  for (const [q, label] of labels.entries()) {
    const it = await scrollTo(page, byLabel(label), `answer "${label}"`);
    const option = it.key.split('-').pop();
    await click(page, it);
    await waitState(page, (s) => (s.values['plans.answers'] || '').split(',')[q] === option,
      `answer ${q + 1} = "${label}"`);
  }
}


// Back to the top of the page (the page header's button in view, or the confirmation's Back).
async function toTop(page) {
  const atTop = async () => {
    const list = await items(page);
    const it = list.find(byKeyEnd('##plans-help-me-choose'));
    return (it && it.y < 200) || list.some(byKeyEnd('##confirm-back'));
  };
  if (page.context().portalTouch) {
    for (let i = 0; i < 4 && !(await atTop()); i++) await scrollTop(page);
    return;
  }
  // The portal takes a wheel event a few lines at a time: wheel until the top is in view.
  const { width, height } = page.viewportSize();
  for (let i = 0; i < 40 && !(await atTop()); i++) {
    await page.mouse.move(width - 30, height / 2);
    await page.mouse.wheel(0, -2000);
    await settle(page);
  }
}

// Asserts that no interactive item sticks out of the viewport's width.
async function checkFits(page) {
  const { width } = page.viewportSize();
  const list = await items(page);
  const out = list.filter((i) => i.x < -1 || i.x + i.w > width + 1);
  check(out.length === 0, `items outside ${width} px: ${out.map((i) => `${i.key} [${i.x},${i.w}]`).join(', ')}`);
}

// ---- the flow, once per mode ---------------------------------------------------------------------
async function flow(browser, base, mode) {
  const url = mode === 'demo' ? `${base}/?demo=1` : `${base}/`;
  const context = await newContext(browser, { width: 1280, height: 800, dpr: 1 });
  const page = await openPortal(context, url);
  const tag = mode === 'demo' ? 'offline' : 'online';

  await test(`${tag}: sign in as the demo Basic customer and open Plans`, async () => {
    const s0 = await state(page);
    check(s0.mode === mode, `mode ${s0.mode}, expected ${mode}`);
    await signIn(page, BASIC, mode, (s) => s.values.plan);
    await openPlans(page);
    const v = await values(page);
    check(v['plans.current'] === 'basic', `current plan ${v['plans.current']}`);
  });

  await test(`${tag}: compare: four plans side by side, prices, targets, current plan marked`, async () => {
    // Side by side: the four plans' actions on one row.
    const buttons = [];
    for (const key of ['##current-basic', '##choose-standard', '##choose-priority', '##choose-premium'])
      buttons.push(await scrollTo(page, byKeyEnd(key), key));
    check(buttons.every((b) => Math.abs(b.y - buttons[0].y) < 2), `not on one row: ${JSON.stringify(buttons.map((b) => b.y))}`);
    check(buttons[0].x < buttons[1].x && buttons[1].x < buttons[2].x && buttons[2].x < buttons[3].x, 'not left to right');
    check((await find(page, byKeyEnd('##current-basic'), 'current')).label === 'Your current plan', 'current plan label');
    check(await has(page, byLabel('Choose Premium')), 'no "Choose Premium"');
    const v = await values(page);
    check(v['plans.targets.basic'] === '24 business hours|24 business hours|48 business hours|72 business hours|72 business hours',
      `basic targets: ${v['plans.targets.basic']}`);
    check(v['plans.targets.priority'].startsWith('1 hour (24/7)|2 business hours'), `priority targets: ${v['plans.targets.priority']}`);
    check(v['plans.targets.premium'] === '30 minutes (24/7)|1 hour (24/7)|1 hour (24/7)|1 hour (24/7)|1 hour (24/7)',
      `premium targets: ${v['plans.targets.premium']}`);
    // Hours on the provider's clock and, as My support says them, on the customer's (Sofia, an
    // hour ahead of Berlin); 24/7 needs no second clock.
    check(v['plans.hours.basic'] === 'Weekdays 09:00–18:00 · your time 10:00–19:00', `basic hours: ${v['plans.hours.basic']}`);
    check(v['plans.hours.premium'] === '24/7', `premium hours: ${v['plans.hours.premium']}`);
    await toTop(page);
    if (mode === 'demo') await screenshot(page, 'plans-compare-1280x800@1x');
  });

  await test(`${tag}: the dedicated agent is refused before trying: Premium only, with the way there`, async () => {
    const up = await scrollTo(page, byKeyEnd('##upgrade-for-dedicated_agent'), 'Upgrade to Premium (add-on)');
    check(up.label === 'Upgrade to Premium', `label ${up.label}`);
    check(!(await has(page, byKeyEnd('##buy-dedicated_agent'))), 'a Buy button for the add-on on Basic');
    await toTop(page);
  });

  await test(`${tag}: the plan badges are labels, not announcements, and none stays after leaving Plans`, async () => {
    await scrollTo(page, byKeyEnd('##upgrade-for-dedicated_agent'), 'the dedicated agent card');
    await settle(page);
    const badges = ['Premium only', 'Current plan', 'Add-on', 'Package', 'Recommended'];
    const mirror = () => page.evaluate(() => ({
      live: [...document.querySelectorAll('.a11y-live')].map((e) => e.textContent),
      main: (document.querySelector('.a11y-live')?.parentElement?.querySelector('main')?.textContent) || '',
    }));
    let m = await mirror();
    check(m.main.includes('Premium only'), 'the "Premium only" label is not in the screen reader\'s tree');
    check(!m.live.some((t) => badges.some((b) => t.includes(b))), `a badge announced: ${JSON.stringify(m.live)}`);
    await nav(page, 'my_support');
    await closeNav(page);
    await waitState(page, (st) => st.values['support.locked'] !== undefined, 'My support');
    await settle(page);
    m = await mirror();
    check(!m.main.includes('Premium only') && !m.live.some((t) => t.includes('Premium only')),
      `"Premium only" stays after leaving Plans: ${JSON.stringify(m.live)}`);
    await openPlans(page);
  });

  await test(`${tag}: help me choose recommends Premium for a business that stops`, async () => {
    await click(page, await find(page, byKeyEnd('##plans-help-me-choose'), 'Help me choose'));
    await find(page, byLabel('Our business stops'), 'the first question in view');
    await answer(page, ['Our business stops', 'Yes, phone or live chat', 'Around the clock, 24/7',
      'Yes, one person who knows us', '€1,490 or more']);
    const s = await waitState(page, (st) => st.values['plans.recommended'] === 'premium', 'Premium recommended');
    check(s.values['plans.step'] === 'recommended', `step ${s.values['plans.step']}`);
    await scrollTo(page, byKeyEnd('##rec-choose-premium'), 'Choose Premium (recommendation)');
    if (mode === 'demo') await screenshot(page, 'plans-help-me-choose-1280x800@1x');
    // A smaller budget: still the plan that fits, with the closest one within budget named.
    await press(page, byLabel('Up to €499'), 'budget up to €499');
    await waitState(page, (st) => st.values['plans.recommended'] === 'premium', 'still Premium');
    await press(page, byLabel('€1,490 or more'), 'budget back');
  });

  await test(`${tag}: "Choose Premium" previews the price and the open requests' new deadlines first`, async () => {
    await press(page, byKeyEnd('##rec-choose-premium'), 'Choose Premium');
    const s = await waitState(page, (st) => st.values['plans.step'] === 'confirm', 'the confirmation card', 8000);
    check(s.values.plan === 'basic', 'the plan changed before confirming');
    check(s.values['plans.preview.kind'] === 'upgrade', `kind ${s.values['plans.preview.kind']}`);
    check(/^€\d/.test(s.values['plans.preview.charge_now']) && s.values['plans.preview.charge_now'] !== '€0',
      `charge now ${s.values['plans.preview.charge_now']}`);
    check(Number(s.values['plans.preview.requests']) >= 1, `open requests in the preview: ${s.values['plans.preview.requests']}`);
    check(Number(s.values['plans.preview.earlier']) >= 1, `no request gets an earlier deadline: ${s.values['plans.preview.earlier']}`);
    check(await has(page, byLabel('Confirm upgrade')) || (await scrollTo(page, byLabel('Confirm upgrade'), 'Confirm upgrade')),
      'no Confirm upgrade');
    await toTop(page);
    if (mode === 'demo') await screenshot(page, 'plans-confirm-upgrade-1280x800@1x');
  });

  await test(`${tag}: Cancel leaves everything as it was`, async () => {
    await press(page, byKeyEnd('##confirm-cancel'), 'Cancel');
    const s = await waitState(page, (st) => st.values['plans.step'] !== 'confirm', 'back on the page');
    check(s.values.plan === 'basic', `plan ${s.values.plan}`);
  });

  await test(`${tag}: Confirm upgrade → Premium at once, /me refreshed`, async () => {
    await press(page, byKeyEnd('##choose-premium'), 'Choose Premium on the card');
    await waitState(page, (st) => st.values['plans.step'] === 'confirm', 'the confirmation card', 8000);
    await press(page, byLabel('Confirm upgrade'), 'Confirm upgrade');
    const s = await waitState(page, (st) => st.values.plan === 'premium' && st.values['plans.current'] === 'premium',
      'plan premium in /me', 8000);
    check(s.toasts.some((t) => t.includes('You are now on Premium')), `toasts ${JSON.stringify(s.toasts)}`);
    check(s.values.tier === 'premium', `tier ${s.values.tier}`);
    check(s.values['plans.step'] === 'compare' || s.values['plans.step'] === 'recommended', `step ${s.values['plans.step']}`);
    await find(page, byKeyEnd('##current-premium'), 'Premium marked as the current plan', 5000).catch(async () =>
      scrollTo(page, byKeyEnd('##current-premium'), 'Premium marked as the current plan'));
  });

  await test(`${tag}: buy the dedicated agent: preview, confirm, /me has it`, async () => {
    const buy = await scrollTo(page, byKeyEnd('##buy-dedicated_agent'), 'Buy dedicated agent');
    check(buy.label === 'Buy dedicated agent', `label ${buy.label}`);
    await click(page, buy);
    let s = await waitState(page, (st) => st.values['plans.step'] === 'confirm', 'the add-on confirmation', 8000);
    check(s.values['plans.preview.kind'] === 'addon', `kind ${s.values['plans.preview.kind']}`);
    check(/^€\d/.test(s.values['plans.preview.charge_now']), `charge now ${s.values['plans.preview.charge_now']}`);
    await toTop(page);
    if (mode === 'demo') await screenshot(page, 'plans-confirm-addon-1280x800@1x');
    await press(page, byLabel('Confirm purchase'), 'Confirm purchase');
    s = await waitState(page, (st) => st.toasts.some((t) => t.startsWith('Dedicated agent added')), 'toast', 8000);
    await scrollTo(page, byKeyEnd('##cancel-dedicated_agent'), 'Cancel dedicated agent (now owned)');
  });

  await test(`${tag}: My support shows the dedicated channels`, async () => {
    await nav(page, 'my_support');
    const s = await waitState(page, (st) => (st.values['support.channels'] || '').includes('dedicated_chat'),
      'dedicated channels', 8000);
    check(s.values['support.dedicated'], `no dedicated agent on My support: ${JSON.stringify(s.values['support.dedicated'])}`);
    await openPlans(page);
  });

  await test(`${tag}: downgrade to Basic: scheduled for the period's end, the add-on ends with it; kept`, async () => {
    await press(page, byKeyEnd('##choose-basic'), 'Choose Basic');
    let s = await waitState(page, (st) => st.values['plans.step'] === 'confirm', 'the downgrade confirmation', 8000);
    check(s.values['plans.preview.kind'] === 'downgrade', `kind ${s.values['plans.preview.kind']}`);
    check(s.values['plans.preview.charge_now'] === '€0', `charge now ${s.values['plans.preview.charge_now']}`);
    await scrollTo(page, byLabel('Confirm downgrade'), 'Confirm downgrade');
    if (mode === 'demo') {
      await toTop(page);
      await screenshot(page, 'plans-confirm-downgrade-1280x800@1x');
    }
    await press(page, byLabel('Confirm downgrade'), 'Confirm downgrade');
    s = await waitState(page, (st) => st.values['plans.pending'] === 'basic', 'downgrade pending', 8000);
    check(s.values.plan === 'premium', `plan changed at once: ${s.values.plan}`);
    check(s.toasts.some((t) => t.startsWith('Your plan changes to Basic on')), `toasts ${JSON.stringify(s.toasts)}`);
    await toTop(page);
    await find(page, byLabel('Keep Premium'), 'Keep Premium');
    if (mode === 'demo') await screenshot(page, 'plans-pending-downgrade-1280x800@1x');
    await click(page, await find(page, byLabel('Keep Premium'), 'Keep Premium'));
    s = await waitState(page, (st) => st.values['plans.pending'] === '', 'downgrade cancelled', 8000);
    check(s.values.plan === 'premium', `plan ${s.values.plan}`);
  });

  await test(`${tag}: in Russian: translated plan cards`, async () => {
    await openNav(page);
    await click(page, await find(page, byLabel('RU'), 'RU'));
    await waitState(page, (st) => st.lang === 'ru', 'lang ru');
    await closeNav(page);
    await toTop(page);
    await scrollTo(page, byLabel('Выбрать «Базовый»'), 'Выбрать «Базовый»');
    const v = await values(page);
    check(v['plans.targets.basic'].startsWith('24 рабочих часа'), `ru targets ${v['plans.targets.basic']}`);
    await toTop(page);
    if (mode === 'demo') await screenshot(page, 'plans-compare-ru-1280x800@1x');
    await openNav(page);
    await click(page, await find(page, byLabel('EN'), 'EN'));
    await waitState(page, (st) => st.lang === 'en', 'lang en');
  });

  await test(`${tag}: no page errors`, async () => {
    check(page.portalErrors.length === 0, page.portalErrors.join('\n'));
  });
  await context.close();
}

// Online only: the server refuses (409) after the preview was shown; its message is shown.
async function conflictOnline(browser, base) {
  await test('online: a 409 from the server is shown with its message', async () => {
    const context = await newContext(browser, { width: 1280, height: 800, dpr: 1 });
    const page = await openPortal(context, `${base}/`);
    await signIn(page, STANDARD, 'online', (s) => s.values.plan);
    await openPlans(page);
    await press(page, byKeyEnd('##buy-priority_support'), 'Buy priority support');
    await waitState(page, (st) => st.values['plans.step'] === 'confirm', 'the package confirmation', 8000);
    // Meanwhile the same customer buys it elsewhere (another session).
    const r = await page.evaluate(async (who) => {
      const login = await fetch('/api/v1/auth/login', { method: 'POST', headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(who) }).then((x) => x.json());
      const res = await fetch('/api/v1/me/packages', { method: 'POST', headers: { 'Content-Type': 'application/json',
        Authorization: `Bearer ${login.token}` }, body: JSON.stringify({ package: 'priority_support' }) });
      return res.status;
    }, STANDARD);
    check(r === 200, `buying behind the page's back: ${r}`);
    // The page hears of it (account.updated on the events stream) and reloads /me: press only once
    // that is done, so that the click does not race the refresh; the open card must still send it.
    await waitState(page, (st) => (st.values['live.last'] || '').startsWith('account.updated') && st.values.tier === 'priority',
                    'the account change heard live', 8000);
    await press(page, byLabel('Confirm purchase'), 'Confirm purchase');
    const s = await waitState(page, (st) => st.values['plans.error'], 'an error in the card', 8000);
    check(s.values['plans.error_code'] === 'already_owned', `code ${s.values['plans.error_code']}`);
    check(/already have/.test(s.values['plans.error']), `message ${s.values['plans.error']}`);
    check(s.values['plans.step'] === 'confirm', 'the card closed on an error');
    await toTop(page);
    await screenshot(page, 'plans-confirm-409-online-1280x800@1x');
    await context.close();
  });
}

// Screenshots at each size: compare, help me choose (answered), the confirmation card.
async function shots(browser, base) {
  for (const [width, height, dpr] of [[1280, 800, 2], [390, 844, 1], [390, 844, 2]]) {
    const name = `${width}x${height}@${dpr}x`;
    await test(`screenshots ${name}: compare, help me choose, confirmation`, async () => {
      const touch = width < 600;
      const context = await newContext(browser, { width, height, dpr, touch });
      const page = await openPortal(context, `${base}/?demo=1`);
      await signIn(page, BASIC, 'demo', (s) => s.values.plan);
      await openPlans(page);
      await checkFits(page);
      await screenshot(page, `plans-compare-${name}`);
      if (touch) {
        // Stacked: one card under the other.
        const a = await scrollTo(page, byKeyEnd('##choose-standard'), 'Choose Standard');
        const b = await scrollTo(page, byKeyEnd('##choose-priority'), 'Choose Priority');
        check(Math.abs(a.x - b.x) < 2, 'cards not stacked on a phone');
        await toTop(page);
        await scrollTo(page, byKeyEnd('##choose-standard'), 'Choose Standard');
        await screenshot(page, `plans-compare-card-${name}`);
        await toTop(page);
      }
      await click(page, await find(page, byKeyEnd('##plans-help-me-choose'), 'Help me choose'));
      await answer(page, ['It costs us money by the hour', 'Yes, phone or live chat', 'Saturdays too',
        'Yes, one person who knows us', 'Up to €499']);
      await waitState(page, (st) => st.values['plans.recommended'] === 'priority', 'Priority recommended');
      // Basic + the Priority support package gives the same tier for less: the tip says so.
      await scrollTo(page, byKeyEnd('##tip-buy-priority_support'), 'the package tip');
      await scrollTo(page, byKeyEnd('##rec-choose-priority'), 'Choose Priority (recommendation)');
      await checkFits(page);
      await screenshot(page, `plans-help-me-choose-${name}`);
      await press(page, byKeyEnd('##rec-choose-priority'), 'Choose Priority');
      await waitState(page, (st) => st.values['plans.step'] === 'confirm', 'the confirmation card', 8000);
      await checkFits(page);
      await screenshot(page, `plans-confirm-${name}`);
      check(page.portalErrors.length === 0, page.portalErrors.join('\n'));
      await context.close();
    });
  }
}

// The page at the narrowest and widest sizes it supports: nothing sticks out, cards in a row at 1920.
async function sizes(browser, base) {
  await test('360x640 and 1920x1080: the plans page fits', async () => {
    for (const [width, height] of [[360, 640], [1920, 1080]]) {
      const context = await newContext(browser, { width, height, dpr: 1, touch: width < 600 });
      const page = await openPortal(context, `${base}/?demo=1`);
      await signIn(page, BASIC, 'demo', (s) => s.values.plan);
      await openPlans(page);
      await checkFits(page);
      if (width > 1000) {
        const a = await scrollTo(page, byKeyEnd('##current-basic'), 'Basic action');
        const b = await scrollTo(page, byKeyEnd('##choose-premium'), 'Premium action');
        check(Math.abs(a.y - b.y) < 2, 'the four plans are not side by side at 1920 px');
      } else {
        for (const key of ['##choose-premium', '##q-budget-3', '##upgrade-for-dedicated_agent']) {
          await scrollTo(page, byKeyEnd(key), key);
          await checkFits(page);
        }
      }
      await screenshot(page, `plans-compare-${width}x${height}@1x`);
      check(page.portalErrors.length === 0, page.portalErrors.join('\n'));
      await context.close();
    }
  });
}

runSuite({
  offline: async (browser, base) => {
    await flow(browser, base, 'demo');
    await shots(browser, base);
    await sizes(browser, base);
  },
  online: async (browser, base) => {
    await flow(browser, base, 'online');
    await conflictOnline(browser, base);
  },
});
