// The everyday basics of a web app (issue #9, points 1-4 and drafts), clicking and typing as users do:
//   node tests/browser/basics.mjs
// Offline (static host, ?demo=1) and online (portal-server --demo), at 1280x800 and 390x844 (touch):
//   text wraps: a long Cyrillic description is a real <textarea> over the canvas that shows it on
//   several lines and is edited in the middle; the placeholder stays inside the box on a phone;
//   keyboard: on a fresh load the e-mail field has the keyboard; Tab / Enter sign in through real
//   <input type=email autocomplete=username> / <input type=password> in a <form>; Tab visits the
//   menu, the switches and the buttons in order with a focus ring (screenshot), Enter opens a
//   screen and sends a form, whose first error comes into view; arrow keys never scroll the page;
//   addresses: every screen has a hash route; Back / Forward move between screens and stay in the
//   portal; reload keeps the screen; a deep link to a request opened signed out leads there after
//   signing in; fresh state: the next user sees none of the last one's filter, search or draft;
//   drafts: a new request's text survives leaving the form and a reload.
// Env: as tests/browser/requests.mjs. Prints "N passed, M failed"; exits 1 on any failure.
import {
  byKeyEnd, check, click, find, has, nav, newContext, openNav, openPortal, pageErrors, press, ready, reload,
  runSuite, screenshot, settle, signIn, sleep, state, test, typeInto, values, waitState,
} from './lib.mjs';

const ANNA = { email: 'standard@demo.example', password: 'demo-pass-1' };   // Globex customer
const OLGA = { email: 'basic@demo.example', password: 'demo-pass-1' };      // Northwind customer
const CYRILLIC = 'С понедельника письма с вложениями не доходят до общего ящика отдела продаж, ' +
  'хотя обычные письма без вложений приходят вовремя. Проверили квоту ящика, правила пересылки и ' +
  'спам-фильтр, но ничего подозрительного не нашли. Просим посмотреть журнал почтового сервера.';

const hash = (page) => page.evaluate(() => location.hash);
const activeName = (page) => page.evaluate(() => {
  const a = document.activeElement;
  if (!a || a === document.body) return '';
  return a.getAttribute('aria-label') || a.textContent || a.id;
});

async function signOut(page) {
  await openNav(page);
  await press(page, byKeyEnd('##sign-out'), 'Sign out');
  await waitState(page, (s) => s.screen === 'sign_in' && !s.user, 'signed out', 8000);
}

// The description's <textarea> (web/dom_fields.js), with its box and text metrics.
const descriptionBox = (page) => page.evaluate(() => {
  const el = [...document.querySelectorAll('#portal-fields textarea')].find((t) => t.getAttribute('aria-label') === 'Description');
  if (!el) return null;
  const r = el.getBoundingClientRect();
  const lh = parseFloat(getComputedStyle(el).lineHeight);
  return { value: el.value, x: r.x, y: r.y, w: r.width, h: r.height, lines: Math.round((el.scrollHeight - 20) / lh),
    scrollW: el.scrollWidth, clientW: el.clientWidth, placeholder: el.placeholder, focused: document.activeElement === el,
    start: el.selectionStart };
});

// Presses Tab until the item with the keyboard (portalTest focus, as items()' id) matches pred.
async function tabTo(page, pred, what, max = 60) {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    await settle(page);
    const s = await state(page);
    const it = (await page.evaluate(() => window.portalTest.items())).find((x) => x.id === s.values.focus);
    if (it && pred(it)) return it;
  }
  throw new Error(`Tab never reached ${what}`);
}

async function openForm(page) {
  await nav(page, 'requests');
  await waitState(page, (s) => s.values['requests.view'] === 'list', 'the list', 8000);
  await press(page, byKeyEnd('##new-request'), 'New request');
  await waitState(page, (s) => s.values['requests.view'] === 'new', 'the form');
}

// ---- desktop: keyboard, wrapping, drafts ---------------------------------------------------------
async function desktop(browser, base, mode) {
  const tag = mode === 'demo' ? 'offline' : 'online';
  const url = mode === 'demo' ? `${base}/?demo=1` : `${base}/`;
  const context = await newContext(browser, { width: 1280, height: 800 });
  const page = await openPortal(context, url);

  await test(`${tag} 1280: keyboard-only sign-in through a real form (no click)`, async () => {
    await waitState(page, (s) => s.screen === 'sign_in', 'the sign-in screen', 10000);
    check(await hash(page) === '#/sign-in', `hash ${await hash(page)}`);
    const form = await page.evaluate(() => {
      const email = document.querySelector('#portal-fields form input[type=email]');
      const pw = document.querySelector('#portal-fields form input[type=password]');
      return { email: email && email.autocomplete, pw: pw && pw.autocomplete, focused: document.activeElement === email };
    });
    check(form.email === 'username' && form.pw === 'current-password', `form fields ${JSON.stringify(form)}`);
    check(form.focused, 'the e-mail field has the keyboard on a fresh load');
    await page.keyboard.type(ANNA.email);
    await page.keyboard.press('Tab');
    await settle(page);
    check(await activeName(page) === 'Password', `Tab went to ${await activeName(page)}`);
    await page.keyboard.type(ANNA.password);
    await page.keyboard.press('Enter');
    await waitState(page, (s) => s.user === ANNA.email && s.screen === 'my_support', 'signed in', 15000);
    check(await hash(page) === '#/my-support', `hash after sign-in ${await hash(page)}`);
  });

  await test(`${tag} 1280: Tab visits the menu, switches and buttons in order; Enter opens a screen`, async () => {
    const seen = [];
    for (let i = 0; i < 14; i++) {
      await page.keyboard.press('Tab');
      await settle(page);
      seen.push(await activeName(page));
    }
    const menu = ['My support', 'Requests', 'Calls', 'Plans', 'Help', 'Metrics'];
    const at = menu.map((m) => seen.indexOf(m));
    check(at.every((i, k) => i >= 0 && (k === 0 || i > at[k - 1])), `menu order in ${seen.join(' | ')}`);
    for (const x of ['EN', 'Dark theme', 'Sign out']) check(seen.includes(x), `${x} not reached: ${seen.join(' | ')}`);
    const scroll = await page.evaluate(() => [window.scrollY, document.getElementById('portal-a11y').scrollTop]);
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await settle(page);
    const after = await page.evaluate(() => [window.scrollY, document.getElementById('portal-a11y').scrollTop]);
    check(JSON.stringify(scroll) === JSON.stringify(after) && after[0] === 0, `arrow keys scrolled the page ${after}`);
    // Shift+Tab back to "Requests", then Enter.
    for (let i = 0; i < 30 && (await activeName(page)) !== 'Requests'; i++) {
      await page.keyboard.press('Shift+Tab');
      await settle(page);
    }
    check(await activeName(page) === 'Requests', `focus on ${await activeName(page)}`);
    if (mode === 'demo') await screenshot(page, 'basics-focus-ring-1280');
    await page.keyboard.press('Enter');
    await waitState(page, (s) => s.screen === 'requests', 'Requests opened with Enter');
    check(await hash(page) === '#/requests', `hash ${await hash(page)}`);
  });

  await test(`${tag} 1280: Enter on "Send request" of an empty form brings the first error into view`, async () => {
    await press(page, byKeyEnd('##new-request'), 'New request');
    await waitState(page, (s) => s.values['requests.view'] === 'new', 'the form');
    check(await hash(page) === '#/requests/new', `hash ${await hash(page)}`);
    for (let i = 0; i < 40 && (await activeName(page)) !== 'Send request'; i++) {
      await page.keyboard.press('Tab');
      await settle(page);
    }
    check(await activeName(page) === 'Send request', `focus on ${await activeName(page)}`);
    await page.keyboard.press('Enter');
    await waitState(page, (s) => (s.values['requests.errors'] || '').includes('subject'), 'the errors');
    await settle(page);
    const subject = await find(page, byKeyEnd('##new-subject'), 'subject field');
    check(subject.y >= 0 && subject.y + subject.h <= 800, `the first error's field is off screen at y=${subject.y}`);
  });

  await test(`${tag} 1280: a long Cyrillic description wraps onto several lines and is edited in the middle`, async () => {
    const field = await find(page, byKeyEnd('##new-description'), 'description');
    await click(page, field);
    await page.keyboard.type(CYRILLIC);
    await settle(page);
    let box = await descriptionBox(page);
    check(box && box.value === CYRILLIC, `textarea value ${box && box.value.slice(0, 40)}`);
    check(box.lines >= 3, `${box.lines} lines`);
    check(box.scrollW <= box.clientW + 1, 'text runs sideways');
    const grown = await find(page, byKeyEnd('##new-description'), 'description');
    check(grown.h >= box.lines * 20, `the field's frame (${grown.h} px) did not grow with the text`);
    // The caret to the middle (after "письма с вложениями"), then type there.
    const mid = CYRILLIC.indexOf(' не доходят');
    await page.keyboard.press('Control+Home');
    for (let i = 0; i < mid; i++) await page.keyboard.press('ArrowRight');
    await page.keyboard.type(' (PDF и XLSX)');
    await settle(page);
    box = await descriptionBox(page);
    const edited = CYRILLIC.slice(0, mid) + ' (PDF и XLSX)' + CYRILLIC.slice(mid);
    check(box.value === edited, `edited text: ${box.value.slice(0, 80)}`);
    await typeInto(page, '##new-subject', 'Письма с вложениями');
    if (mode === 'demo') await screenshot(page, 'basics-wrapped-description-1280');
  });

  await test(`${tag} 1280: the subject is a DOM <input> in ImGui's font: edited in the middle, Tab goes through it`, async () => {
    const subject = () => page.evaluate(() => {
      const el = [...document.querySelectorAll('#portal-fields input')].find((t) => t.getAttribute('aria-label') === 'Subject');
      if (!el) return null;
      const cs = getComputedStyle(el);
      return { value: el.value, focused: document.activeElement === el, autocomplete: el.getAttribute('autocomplete'),
        family: cs.fontFamily, size: parseFloat(cs.fontSize), inter: document.fonts.check(`${cs.fontSize} PortalInter`) };
    });
    check((await page.evaluate(() => document.querySelectorAll('#portal-fields input, #portal-fields textarea').length)) >= 2,
      'the subject and the description are DOM fields');
    let f = await subject();
    check(f && f.value === 'Письма с вложениями', `subject ${f && f.value}`);
    check(f.autocomplete === 'off', `autocomplete ${f.autocomplete}`);
    const v = await values(page);
    const imguiPx = parseFloat(v['fields.font_px']);
    check(Math.abs(f.size - imguiPx) < 0.01, `the field's font ${f.size} px, ImGui's ${imguiPx} px`);
    check(f.family.startsWith('PortalInter') && f.inter, `the field's face ${f.family} (Inter loaded: ${f.inter})`);
    // The same sample is as wide in the field's font as on the canvas (ImGui's CalcTextSize).
    const domW = await page.evaluate((px) => {
      const ctx = document.createElement('canvas').getContext('2d');
      ctx.font = `${px}px PortalInter`;
      return ctx.measureText('Subject: Письма с вложениями 0123').width;
    }, f.size);
    const canvasW = parseFloat(v['fields.sample_w']);
    check(Math.abs(domW - canvasW) <= canvasW * 0.03, `the sample is ${domW.toFixed(1)} px in the field's font, ${canvasW} px on the canvas`);
    // The caret after "Письма", then type there.
    await click(page, await find(page, byKeyEnd('##new-subject'), 'subject'));
    await page.keyboard.press('Home');
    for (let i = 0; i < 'Письма'.length; i++) await page.keyboard.press('ArrowRight');
    await page.keyboard.type(' и счета');
    await settle(page);
    await sleep(150);
    f = await subject();
    check(f.value === 'Письма и счета с вложениями', `edited subject: ${f.value}`);
    check(f.focused, 'the subject keeps the keyboard');
    // Tab leaves it for the next item, Shift+Tab comes back to it.
    await page.keyboard.press('Tab');
    await settle(page);
    check(!(await subject()).focused, 'Tab left the subject');
    await page.keyboard.press('Shift+Tab');
    await settle(page);
    check((await subject()).focused, `Shift+Tab came back to the subject (focus on ${await activeName(page)})`);
    check((await subject()).value === 'Письма и счета с вложениями', 'the edit survives Tab');
    await typeInto(page, '##new-subject', 'Письма с вложениями');
  });

  await test(`${tag} 1280: the draft survives leaving the form and a reload; reload keeps the screen`, async () => {
    const edited = (await descriptionBox(page)).value;
    await nav(page, 'help');
    check(await hash(page) === '#/help', `hash ${await hash(page)}`);
    await page.goBack();
    await waitState(page, (s) => s.screen === 'requests' && s.values['requests.view'] === 'new', 'Back to the form');
    check((await descriptionBox(page)).value === edited, 'the draft after leaving');
    await reload(page);
    await waitState(page, (s) => s.screen === 'requests' && s.values['requests.view'] === 'new', 'the form after reload', 10000);
    await settle(page);
    const box = await descriptionBox(page);
    check(box && box.value === edited, `the draft after reload: ${box && box.value.slice(0, 40)}`);
  });

  await test(`${tag} 1280: Back / Forward between screens stay in the portal; reload on every screen`, async () => {
    const screens = [['my_support', '#/my-support'], ['requests', '#/requests'], ['calls', '#/calls'],
      ['plans', '#/plans'], ['help', '#/help'], ['metrics', '#/metrics']];
    const visited = [];  // [screen, hash] of every history entry made, in order
    for (const [id, h] of screens) {
      await nav(page, id);
      await settle(page);
      if (id === 'requests' && (await values(page))['requests.view'] !== 'list') {
        visited.push([id, await hash(page)]);
        await press(page, byKeyEnd('##new-cancel'), 'Back to the list');
      }
      check(await hash(page) === h, `${id}: hash ${await hash(page)}`);
      visited.push([id, h]);
    }
    for (let k = visited.length - 2; k >= 0; k--) {
      await page.goBack();
      await waitState(page, (s) => s.screen === visited[k][0], `Back to ${visited[k][1]}`);
      check(await hash(page) === visited[k][1], `Back: ${await hash(page)} for ${visited[k][1]}`);
    }
    check(page.url().startsWith(base), `left the portal: ${page.url()}`);
    await page.goForward();
    await waitState(page, (s) => s.screen === visited[1][0], 'Forward');
    for (const [id, h] of screens) {
      await page.goto(`${url.replace(/#.*$/, '')}${h}`);
      await ready(page);
      await waitState(page, (s) => s.screen === id, `reload on ${h}`, 10000);
    }
  });

  await test(`${tag} 1280: keyboard through a confirmation: it is shown whole, Cancel with Enter`, async () => {
    await nav(page, 'plans');
    const choose = await tabTo(page, (i) => i.key.endsWith('##choose-priority'), 'Choose Priority');
    check(choose.y >= 0 && choose.y + choose.h <= 800, `the focused button is off screen at ${choose.y}`);
    await page.keyboard.press('Enter');
    await waitState(page, (st) => (st.values['plans.step'] || '') !== 'compare' || st.values['plans.preview.kind'], 'the confirmation');
    const ok = await find(page, byKeyEnd('##confirm-ok'), 'Confirm', 8000);
    const cancel = await find(page, byKeyEnd('##confirm-cancel'), 'Cancel');
    check(ok.y + ok.h <= 800 && cancel.y + cancel.h <= 800, `the confirmation is cut off: ${ok.y} ${cancel.y}`);
    if (mode === 'demo') await screenshot(page, 'basics-confirmation-1280');
    await tabTo(page, (i) => i.key.endsWith('##confirm-cancel'), 'Cancel');
    await page.keyboard.press('Enter');
    await settle(page);
    check(!(await has(page, byKeyEnd('##confirm-ok'))), 'Cancel did not close the confirmation');
    check((await values(page)).plan === 'standard', 'the plan changed');
  });

  let requestId = '', requestNumber = '';
  await test(`${tag} 1280: a deep link to a request, opened signed out, leads there after signing in`, async () => {
    await page.goto(`${url}#/requests`);
    await ready(page);
    await waitState(page, (s) => s.values['requests.total'] && s.values['requests.total'] !== '', 'the list', 8000);
    const row = await find(page, (i) => /##req-\d+$/.test(i.key), 'a request row');
    await click(page, row);
    await waitState(page, (s) => s.values['requests.view'] === 'detail' && s.values['requests.detail.id'], 'the detail');
    requestId = (await values(page))['requests.detail.id'];
    requestNumber = (await values(page))['requests.detail.number'].replace('#', '');
    // Addresses name a request by its number, as people do.
    for (let i = 0; i < 100 && (await hash(page)) !== `#/requests/${requestNumber}`; i++) await sleep(50);
    check(await hash(page) === `#/requests/${requestNumber}`, `hash ${await hash(page)}`);
    await signOut(page);
    await page.goto(`${url}#/requests/${requestNumber}`);
    await ready(page);
    await waitState(page, (s) => s.screen === 'sign_in', 'the sign-in screen');
    check(await hash(page) === `#/requests/${requestNumber}`, `the deep link was dropped: ${await hash(page)}`);
    await signIn(page, ANNA, mode);
    await waitState(page, (s) => s.screen === 'requests' && s.values['requests.detail.id'] === requestId, 'the linked request', 10000);
  });

  await test(`${tag} 1280: the next user sees none of the last one's filter, search, draft or request`, async () => {
    await nav(page, 'requests');
    if ((await values(page))['requests.view'] !== 'list') await press(page, byKeyEnd('##detail-back'), 'Back');
    await waitState(page, (s) => s.values['requests.view'] === 'list', 'the list');
    const chip = await find(page, byKeyEnd('##filter-pending'), 'the Pending filter');
    await click(page, chip);
    await typeInto(page, '##req-search', 'вложения');
    await waitState(page, (s) => s.values['requests.search'] === 'вложения' && s.values['requests.filter'] !== 'all', 'filter and search');
    await signOut(page);
    await signIn(page, OLGA, mode);
    await nav(page, 'requests');
    const v = (await waitState(page, (s) => s.values['requests.view'] === 'list' && s.values['requests.total'] !== '', 'the list', 8000)).values;
    check(v['requests.search'] === '' && (v['requests.filter'] === 'all' || v['requests.filter'] === 'open'),
      `filter ${v['requests.filter']} search ${v['requests.search']}`);
    await press(page, byKeyEnd('##new-request'), 'New request');
    await settle(page);
    const box = await descriptionBox(page);
    check(box && box.value === '', `another user's draft: ${box && box.value.slice(0, 30)}`);
    await page.goto(`${url}#/requests/${requestNumber}`);
    await ready(page);
    await waitState(page, (s) => s.values['requests.view'] === 'detail', 'the detail view');
    await sleep(300);
    const s = await state(page);
    check(s.values['requests.detail.status'] === '', `another company's request is shown: ${s.values['requests.detail.status']}`);
    check(pageErrors(page).length === 0, `page errors: ${pageErrors(page).join(' | ')}`);
  });
  await context.close();
}

// ---- phone: placeholders inside the box, addresses --------------------------------------------------
async function phone(browser, base, mode) {
  const tag = mode === 'demo' ? 'offline' : 'online';
  const url = mode === 'demo' ? `${base}/?demo=1` : `${base}/`;
  const context = await newContext(browser, { width: 390, height: 844, dpr: 1, touch: true });
  const page = await openPortal(context, url);
  await test(`${tag} 390: the description wraps and its placeholder stays inside the box`, async () => {
    await signIn(page, ANNA, mode, (s) => s.screen === 'my_support');
    await openForm(page);
    const box = await descriptionBox(page);
    check(box && box.placeholder.length > 0, 'no placeholder');
    check(box.x >= 0 && box.x + box.w <= 390 && box.scrollW <= box.clientW + 1, `box ${JSON.stringify(box)}`);
    if (mode === 'demo') await screenshot(page, 'basics-description-390');
  });
  await test(`${tag} 390: Back / Forward and reload keep the portal's screens`, async () => {
    await nav(page, 'plans');
    check(await hash(page) === '#/plans', `hash ${await hash(page)}`);
    await page.goBack();
    await waitState(page, (s) => s.screen === 'requests', 'Back to requests');
    await page.goForward();
    await waitState(page, (s) => s.screen === 'plans', 'Forward to plans');
    await reload(page);
    await waitState(page, (s) => s.screen === 'plans', 'plans after reload');
    check(!(await has(page, (i) => i.key.includes('##nav-'))), 'the drawer stayed open');
  });
  await context.close();
}

runSuite({
  offline: async (browser, base) => {
    await desktop(browser, base, 'demo');
    await phone(browser, base, 'demo');
  },
  online: async (browser, base) => {
    await desktop(browser, base, 'online');
    await phone(browser, base, 'online');
  },
});
