// Browser tests of Requests (customer) and Queue (agent), clicking and typing as the users do:
//   node tests/browser/requests.mjs
// The same flow twice: in the offline demo (a static host, ?demo=1; the store is shared inside the
// page, so the agent sees the customer's requests after a sign-out) and ONLINE against
// portal-server --demo (a fresh data folder):
//   the Standard customer (Globex, L1) → validation names each field (ours, then the server's 422
//   for a too-long subject) → a KB suggestion "This solved it" closes the form without a request →
//   a request typed in Russian and one in Bulgarian, each shown with its due time and the
//   explanation in that language → status filter and search narrow the list → the L1 agent Anna
//   answers (first response met), escalates to L2, resolves → the customer sees the target met and
//   rates it.
// Screenshots of list, form, detail and queue at 1280x800 (1x, 2x) and 390x844 (1x, 2x).
// Env: as tests/browser/plans.mjs (PORTAL_WASM_BUILD_DIR, PORTAL_SCREENSHOT_DIR, PORTAL_SERVER …).
// Prints "N passed, M failed"; exits 1 on any failure.
import {
  byKeyEnd, byLabel, check, click, closeNav, find, has, items, nav, newContext, openNav, openPortal,
  pageErrors, press, runSuite, screenshot, scrollTop, signIn, state, test, typeInto, values,
  sleep, waitState,
} from './lib.mjs';

const CUSTOMER = { email: 'standard@demo.example', password: 'demo-pass-1' };
const AGENT = { email: 'anna@demo.example', password: 'agent-pass-1' };
const RU = { subject: 'Не приходят письма с вложениями', body: 'С понедельника письма с вложениями не доходят до общего ящика.' };
const BG = { subject: 'Отчетът не се изпраща по имейл', body: 'Седмичният отчет не пристига при колегите от петък насам.' };


async function signOut(page) {
  await openNav(page);
  await press(page, byKeyEnd('##sign-out'), 'Sign out');
  await waitState(page, (s) => s.screen === 'sign_in' && !s.user, 'signed out', 8000);
}

async function language(page, code) {
  await openNav(page);
  await click(page, await find(page, byLabel(code.toUpperCase()), `language ${code}`));
  await waitState(page, (s) => s.lang === code, `lang ${code}`);
  await closeNav(page);
}

async function openRequests(page) {
  await nav(page, 'requests');
  await closeNav(page);
  await waitState(page, (s) => s.values['requests.view'] === 'list' && s.values['requests.total'] !== '', 'the list', 8000);
}

async function fillForm(page, { subject, body, severity, category }) {
  if (subject !== undefined) await typeInto(page, '##new-subject', subject);
  if (body !== undefined) await typeInto(page, '##new-description', body);
  // Knowledge-base suggestions for the typed text: on narrow screens they appear above the buttons.
  await waitState(page, (s) => s.values['requests.kb.pending'] !== '1', 'the suggestions', 8000);
  if (severity) await press(page, byKeyEnd(`##sev-${severity}`), `severity ${severity}`);
  if (category) await press(page, byKeyEnd(`##cat-${category}`), `category ${category}`);
}

// Creates a request through the form; returns its detail values once shown.
async function createRequest(page, req) {
  await scrollTop(page);
  await press(page, byKeyEnd('##new-request'), 'New request');
  await waitState(page, (s) => s.values['requests.view'] === 'new', 'the form');
  await fillForm(page, { ...req, severity: 3, category: 'technical' });
  await press(page, byKeyEnd('##new-submit'), 'Send request');
  const s = await waitState(page, (st) => st.values['requests.view'] === 'detail' && st.values['requests.detail.subject'] === req.subject,
    `the detail of "${req.subject}"`, 8000);
  return s.values;
}

// ---- the flow, once per mode ---------------------------------------------------------------------
async function flow(browser, base, mode) {
  const url = mode === 'demo' ? `${base}/?demo=1` : `${base}/`;
  const context = await newContext(browser, { width: 1280, height: 800, dpr: 1 });
  const page = await openPortal(context, url);
  const tag = mode === 'demo' ? 'offline' : 'online';
  const numbers = {};

  await test(`${tag}: the customer's list shows the company's requests with due / met / breached`, async () => {
    check((await state(page)).mode === mode, `mode ${(await state(page)).mode}`);
    await signIn(page, CUSTOMER, mode, (s) => s.values.role);
    await openRequests(page);
    const v = await values(page);
    check(Number(v['requests.total']) >= 2, `total ${v['requests.total']}`);
    check(v['requests.rows'].split(',').length === Number(v['requests.total']), `rows ${v['requests.rows']}`);
    check(/(Due in|Met at|Breached|Answered late|Clock stopped)/.test(v['requests.dues']), `dues ${v['requests.dues']}`);
    if (mode === 'demo') await screenshot(page, 'requests-list-1280x800@1x');
  });

  await test(`${tag}: validation names each field, in Russian; the server's 422 names the subject`, async () => {
    await language(page, 'ru');
    await press(page, byKeyEnd('##new-request'), 'New request');
    await waitState(page, (s) => s.values['requests.view'] === 'new', 'the form');
    await press(page, byKeyEnd('##new-submit'), 'Send request');
    let s = await waitState(page, (st) => st.values['requests.errors'] === 'category,description,severity,subject',
      'four field errors', 3000);
    check(s.values['requests.error.subject'] === 'Укажите тему.', `subject error ${s.values['requests.error.subject']}`);
    check(s.values['requests.error.severity'] === 'Выберите критичность.', `severity error ${s.values['requests.error.severity']}`);
    // Only the server knows the subject's limit (200 characters): its 422 lands on the field.
    await fillForm(page, { subject: 'x'.repeat(201), body: 'Проверка', severity: 4, category: 'billing' });
    s = await waitState(page, (st) => st.values['requests.errors'] === '', 'errors cleared while fixing');
    await press(page, byKeyEnd('##new-submit'), 'Send request');
    s = await waitState(page, (st) => st.values['requests.errors'] === 'subject', 'the server names the subject', 8000);
    check(/200/.test(s.values['requests.error.subject']), `server message ${s.values['requests.error.subject']}`);
    check(s.values['requests.view'] === 'new', 'left the form on a 422');
    if (mode === 'demo') {
      await scrollTop(page);
      await screenshot(page, 'requests-form-errors-1280x800@1x');
    }
  });

  await test(`${tag}: a knowledge-base article "This solved it" closes the form without a request`, async () => {
    const before = Number((await values(page))['requests.total']);
    await fillForm(page, { subject: 'Не получается войти в портал', body: 'Пароль не подходит, вход не работает.' });
    const s = await waitState(page, (st) => (st.values['requests.kb'] || '').includes('trouble-sign-in'), 'the sign-in article', 8000);
    const first = s.values['requests.kb'].split(',')[0];
    await press(page, byKeyEnd(`##kb-solved-${first}`), 'This solved it');
    const after = await waitState(page, (st) => st.values['requests.view'] === 'list' && st.values['requests.total'] !== '', 'back to the list', 8000);
    check(after.toasts.some((t) => t.includes('обращение не создано')), `toasts ${JSON.stringify(after.toasts)}`);
    check(Number(after.values['requests.total']) === before, `total ${after.values['requests.total']}, was ${before}`);
  });

  await test(`${tag}: a request typed in Russian: due time and its explanation in Russian`, async () => {
    const v = await createRequest(page, RU);
    numbers.ru = v['requests.detail.number'];
    check(v['requests.detail.status'] === 'new' && v['requests.detail.level'] === 'L1', `status ${v['requests.detail.status']} ${v['requests.detail.level']}`);
    check(v['requests.detail.sla.first_response.state'] === 'running', `state ${v['requests.detail.sla.first_response.state']}`);
    check(v['requests.detail.sla.first_response'].startsWith('Осталось '), `due ${v['requests.detail.sla.first_response']}`);
    const ex = v['requests.detail.explanation.first_response'];
    check(ex.startsWith('Срок ') && ex.includes('рабочее время'), `explanation ${ex}`);
    check(/засчитано/.test(ex), `no counted day in ${ex}`);
    if (mode === 'demo') await screenshot(page, 'requests-detail-ru-1280x800@1x');
  });

  await test(`${tag}: the address names the request by its number; an old link by id still opens it`, async () => {
    const hash = () => page.evaluate(() => location.hash);
    const v = await values(page);
    const n = v['requests.detail.number'].replace('#', '');
    const id = v['requests.detail.id'];
    check(/^\d+$/.test(n) && id && id !== n, `number ${n} id ${id}`);
    for (let i = 0; i < 100 && (await hash()) !== `#/requests/${n}`; i++) await sleep(50);
    check(await hash() === `#/requests/${n}`, `hash ${await hash()}`);
    await press(page, byKeyEnd('##detail-back'), 'back');
    await waitState(page, (st) => st.values['requests.view'] === 'list', 'the list');
    await page.evaluate((h) => { location.hash = h; }, `#/requests/${id}`);  // a link from before
    await waitState(page, (st) => st.values['requests.view'] === 'detail' && st.values['requests.detail.number'] === `#${n}`, 'the request by its id', 8000);
    for (let i = 0; i < 100 && (await hash()) !== `#/requests/${n}`; i++) await sleep(50);
    check(await hash() === `#/requests/${n}`, `the address was not corrected to the number: ${await hash()}`);
  });

  await test(`${tag}: drafts are bounded: one more reply draft removes the least recently written`, async () => {
    const id = (await values(page))['requests.detail.id'];
    await typeInto(page, '##detail-reply', 'Черновик');
    const stored = () => page.evaluate(() => Object.fromEntries(Object.keys(localStorage)
      .filter((k) => k.startsWith('portal.draft.')).map((k) => [k, localStorage.getItem(k)])));
    let kept = await stored();
    const replyKey = Object.keys(kept).find((k) => k.endsWith(`.reply.${id}`));
    check(replyKey && kept[replyKey] === 'Черновик', `no reply draft in ${JSON.stringify(Object.keys(kept))}`);
    const prefix = replyKey.slice(0, replyKey.length - `reply.${id}`.length);  // portal.draft.<mode>.<user>.
    const bare = (k) => k.slice('portal.'.length);
    check((kept[`${prefix}index`] || '').split('\n').includes(bare(replyKey)), `index ${kept[`${prefix}index`]}`);
    // A full set (20) of older drafts, the reply the newest of them.
    await page.evaluate(({ prefix, replyKey }) => {
      const keys = [];
      for (let i = 0; i < 19; i++) {
        localStorage.setItem(`${prefix}reply.old${i}`, `old ${i}`);
        keys.push(`${prefix}reply.old${i}`.slice('portal.'.length));
      }
      keys.push(replyKey.slice('portal.'.length));
      localStorage.setItem(`${prefix}index`, keys.join('\n') + '\n');
    }, { prefix, replyKey });
    await typeInto(page, '##detail-reply', 'Черновик 2');  // written again: still 20, nothing dropped
    kept = await stored();
    check(kept[`${prefix}reply.old0`] === 'old 0', 'a draft was dropped below the cap');
    await page.evaluate((prefix) => {  // a 21st draft, written before the reply: the oldest goes
      localStorage.setItem(`${prefix}index`, `${prefix}reply.extra`.slice('portal.'.length) + '\n' + localStorage.getItem(`${prefix}index`));
      localStorage.setItem(`${prefix}reply.extra`, 'extra');
    }, prefix);
    await typeInto(page, '##detail-reply', 'Черновик 3');
    kept = await stored();
    const index = kept[`${prefix}index`].split('\n').filter(Boolean);
    check(index.length === 20, `index holds ${index.length}`);
    check(!(`${prefix}reply.extra` in kept), `the oldest draft was kept: ${index.slice(0, 3)}`);
    check(kept[`${prefix}reply.old0`] === 'old 0' && index[index.length - 1] === bare(replyKey), `index ${index.slice(-2)}`);
    await typeInto(page, '##detail-reply', '');  // sent or emptied: gone, and out of the index
    kept = await stored();
    check(!(replyKey in kept) && !kept[`${prefix}index`].includes(bare(replyKey)), 'the emptied draft is kept');
    await page.evaluate((prefix) => {
      for (const k of Object.keys(localStorage)) if (k.startsWith(`${prefix}reply.old`)) localStorage.removeItem(k);
      localStorage.removeItem(`${prefix}index`);
    }, prefix);
  });

  await test(`${tag}: a request typed in Bulgarian: due time and its explanation in Bulgarian`, async () => {
    await press(page, byKeyEnd('##detail-back'), 'back');
    await language(page, 'bg');
    const v = await createRequest(page, BG);
    numbers.bg = v['requests.detail.number'];
    check(v['requests.detail.sla.first_response'].startsWith('Остават '), `due ${v['requests.detail.sla.first_response']}`);
    const ex = v['requests.detail.explanation.first_response'];
    check(ex.startsWith('Срок ') && ex.includes('работно време') && /отчетени/.test(ex), `explanation ${ex}`);
    // The countdown is live: the text is redrawn while the detail is shown.
    const f0 = (await state(page)).frames;
    await page.waitForFunction((n) => window.portalTest.state().frames > n, f0, { timeout: 3000 });
  });

  await test(`${tag}: the status filter and the search narrow the list`, async () => {
    await press(page, byKeyEnd('##detail-back'), 'back');
    await openRequests(page);
    await language(page, 'en');
    const all = Number((await values(page))['requests.total']);
    await press(page, byKeyEnd('##filter-closed'), 'Closed');
    let s = await waitState(page, (st) => st.values['requests.filter'] === 'closed' && st.values['requests.total'] !== '', 'closed');
    check(Number(s.values['requests.total']) < all, `closed ${s.values['requests.total']} of ${all}`);
    check(!(s.values['requests.rows'] || '').includes(':open') && !(s.values['requests.rows'] || '').includes(':new'), `rows ${s.values['requests.rows']}`);
    await press(page, byKeyEnd('##filter-open'), 'Open');
    s = await waitState(page, (st) => st.values['requests.filter'] === 'open' && st.values['requests.total'] !== '', 'open');
    const n = (x) => x.replace('#', '');
    check(s.values['requests.rows'].includes(`${n(numbers.ru)}:new`) && s.values['requests.rows'].includes(`${n(numbers.bg)}:new`),
      `open rows ${s.values['requests.rows']}`);
    await typeInto(page, '##req-search', 'Отчетът');
    s = await waitState(page, (st) => st.values['requests.search'] === 'Отчетът' && st.values['requests.total'] === '1', 'one hit', 5000);
    check(s.values['requests.rows'] === `${n(numbers.bg)}:new`, `search rows ${s.values['requests.rows']}`);
    await typeInto(page, '##req-search', '');
    await press(page, byKeyEnd('##filter-all'), 'All');
    await waitState(page, (st) => st.values['requests.total'] === String(all), 'all again', 5000);
  });

  await test(`${tag}: the agent answers from the queue (first response met), escalates, resolves`, async () => {
    await signOut(page);
    await signIn(page, AGENT, mode, (s) => s.values.role);
    let s = await waitState(page, (st) => st.screen === 'queue' && st.values['queue.total'] && st.values['queue.rows'], 'the queue', 8000);
    const rows = s.values['queue.rows'].split(',');
    const n = numbers.ru.replace('#', '');
    check(rows.some((r) => r.startsWith(`${n}:new:L1`)), `queue rows ${s.values['queue.rows']}`);
    // Soonest due first: breached requests (due in the past) before running ones.
    const dues = s.values['queue.dues'].split('|');
    const firstRunning = dues.findIndex((d) => d.includes('Due in'));
    check(firstRunning < 0 || !dues.slice(firstRunning).some((d) => d.includes('Breached')), `order ${s.values['queue.dues']}`);
    if (mode === 'demo') await screenshot(page, 'queue-list-1280x800@1x');
    await press(page, byKeyEnd(`##req-${n}`), `request #${n}`);
    await waitState(page, (st) => st.values['queue.view'] === 'detail' && st.values['queue.detail.number'] === numbers.ru, 'the detail', 8000);
    await typeInto(page, '##detail-reply', 'Здравствуйте! Проверяем почтовый шлюз, ответим в течение часа.');
    await press(page, byKeyEnd('##detail-send'), 'Send reply');
    s = await waitState(page, (st) => st.values['queue.detail.sla.first_response.state'] === 'met', 'first response met', 8000);
    check(s.values['queue.detail.status'] === 'open', `status ${s.values['queue.detail.status']}`);
    check(s.values['queue.detail.last_author'] === 'agent', `last author ${s.values['queue.detail.last_author']}`);
    await press(page, byKeyEnd('##act-escalate'), 'Escalate');
    // Escalation asks for a reason first (an internal note), refused when empty.
    await waitState(page, (st) => st.values['queue.detail.asking'] === 'escalate', 'the reason asked');
    await press(page, byKeyEnd('##escalate-yes'), 'Escalate without a reason');
    check((await state(page)).values['queue.detail.level'] === 'L1', 'escalated without a reason');
    await typeInto(page, '##escalate-reason', 'The mail gateway needs L2.');
    await press(page, byKeyEnd('##escalate-yes'), 'Escalate');
    s = await waitState(page, (st) => st.values['queue.detail.level'] === 'L2', 'L2', 8000);
    check(s.values['queue.detail.actions'].includes('act-escalate'), 'no escalation to L3 offered');
    if (mode === 'demo') await screenshot(page, 'queue-detail-1280x800@1x');
    await press(page, byKeyEnd('##act-resolve'), 'Resolve');
    s = await waitState(page, (st) => st.values['queue.detail.status'] === 'resolved', 'resolved', 8000);
    check(!s.values['queue.detail.actions'].includes('act-escalate'), 'escalation offered on a resolved request');
  });

  await test(`${tag}: the customer sees the first response met and rates the resolved request`, async () => {
    await signOut(page);
    await signIn(page, CUSTOMER, mode, (s) => s.values.role);
    await openRequests(page);
    const n = numbers.ru.replace('#', '');
    let s = await waitState(page, (st) => (st.values['requests.rows'] || '').includes(`${n}:resolved`), 'resolved in the list', 8000);
    check(/Met at/.test(s.values['requests.dues'].split('|').find((d) => d.startsWith(`${n}:`))), `due ${s.values['requests.dues']}`);
    await press(page, byKeyEnd(`##req-${n}`), `request #${n}`);
    s = await waitState(page, (st) => st.values['requests.view'] === 'detail' && st.values['requests.detail.number'] === numbers.ru, 'detail', 8000);
    check(s.values['requests.detail.sla.first_response.state'] === 'met', `state ${s.values['requests.detail.sla.first_response.state']}`);
    check(s.values['requests.detail.sla.first_response'].startsWith('Met at '), `text ${s.values['requests.detail.sla.first_response']}`);
    check(s.values['requests.detail.actions'] === 'act-reopen,act-close', `actions ${s.values['requests.detail.actions']}`);
    await press(page, byKeyEnd('##rate-star-4'), '4 stars');
    await waitState(page, (st) => st.values['requests.detail.stars'] === '4', '4 stars chosen');
    await typeInto(page, '##rate-comment', 'Quick and clear, thank you.');
    await press(page, byKeyEnd('##rate-submit'), 'Send rating');
    s = await waitState(page, (st) => st.values['requests.detail.rating'] === '4', 'rated 4', 8000);
    check(!(await has(page, byKeyEnd('##rate-submit'))), 'the rating form is still shown');
    check(pageErrors(page).length === 0, pageErrors(page).join('\n'));
  });
  await context.close();
}

// Screenshots at the other sizes: list, form, detail (customer), queue (agent).
async function shots(browser, base) {
  for (const [width, height, dpr] of [[1280, 800, 2], [390, 844, 1], [390, 844, 2]]) {
    const name = `${width}x${height}@${dpr}x`;
    await test(`screenshots ${name}: list, form, detail, queue; nothing sticks out`, async () => {
      const touch = width < 600;
      const context = await newContext(browser, { width, height, dpr, touch });
      const page = await openPortal(context, `${base}/?demo=1`);
      const fits = async () => {
        const out = (await items(page)).filter((i) => i.x < -1 || i.x + i.w > width + 1);
        check(out.length === 0, `items outside ${width} px: ${out.map((i) => i.key).join(', ')}`);
      };
      await signIn(page, CUSTOMER, 'demo', (s) => s.values.role);
      await openRequests(page);
      await fits();
      await screenshot(page, `requests-list-${name}`);
      await press(page, byKeyEnd('##new-request'), 'New request');
      await waitState(page, (s) => s.values['requests.view'] === 'new', 'the form');
      await press(page, byKeyEnd('##new-submit'), 'Send request');
      await waitState(page, (s) => s.values['requests.errors'] !== '', 'errors');
      await scrollTop(page);
      await fits();
      await screenshot(page, `requests-form-${name}`);
      await press(page, byKeyEnd('##new-cancel'), 'back');
      const first = (await values(page))['requests.rows'].split(',')[0].split(':')[0];
      await press(page, byKeyEnd(`##req-${first}`), 'the first request');
      await waitState(page, (s) => s.values['requests.view'] === 'detail' && s.values['requests.detail.status'], 'detail', 8000);
      await fits();
      await screenshot(page, `requests-detail-${name}`);
      await signOut(page);
      await signIn(page, AGENT, 'demo', (s) => s.values.role);
      await waitState(page, (s) => s.screen === 'queue' && s.values['queue.rows'], 'the queue', 8000);
      await fits();
      await screenshot(page, `queue-list-${name}`);
      check(pageErrors(page).length === 0, pageErrors(page).join('\n'));
      await context.close();
    });
  }
}

runSuite({
  offline: async (browser, base) => {
    await flow(browser, base, 'demo');
    await shots(browser, base);
  },
  online: (browser, base) => flow(browser, base, 'online'),
});
