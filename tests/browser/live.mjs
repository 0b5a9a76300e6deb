// Screens that update themselves (issue #10), in headless Chromium with the GL draw off:
//   node tests/browser/live.mjs
// ONLINE against portal-server --demo, two pages side by side: the Standard customer with a
// request open, and the first-line agent Anna on her queue. A request created elsewhere appears
// in Anna's queue, and Anna's reply (in Russian) appears in the customer's open request, with a
// toast, without any input on either page; the time from the change to the frame that shows it
// is printed. OFFLINE (the demo in the page): the in-page bus is live, and idle means no frames;
// tabs of the demo (pages of one browser context: one IndexedDB, one BroadcastChannel) see each
// other's changes live — a customer's new request in the agent's queue, the agent's reply in the
// customer's open request, a chat both ways — and alternating changes in two tabs are all kept.
// Env: as tests/browser/requests.mjs. Prints "N passed, M failed"; exits 1 on any failure.
import {
  byKeyEnd, check, click, closeNav, find, nav, newContext, openPortal, pageErrors, press, ready, reload, runSuite, scrollTop,
  signIn, state, test, typeInto, values, waitState,
} from './lib.mjs';

const CUSTOMER = { email: 'standard@demo.example', password: 'demo-pass-1' };
const AGENT = { email: 'anna@demo.example', password: 'agent-pass-1' };

async function api(base, method, path, { token, body } = {}) {
  const headers = { 'Content-Type': 'application/json' };
  if (token) headers.Authorization = `Bearer ${token}`;
  const r = await fetch(base + '/api/v1' + path, { method, headers, body: body ? JSON.stringify(body) : undefined });
  return { status: r.status, json: await r.json().catch(() => null) };
}

// Waits in the page until pred(values) holds; returns Date.now() of the check that saw it.
async function seenAt(page, pred, what, timeout = 10000) {
  await waitState(page, (s) => pred(s.values), what, timeout);
  return Date.now();
}

// One line each way in an active chat; prints how long each took to show on the other page.
// Returns the two lines.
async function chatBothWays(agent, customer, where) {
  const toCustomer = 'Добрый день! Перезапустите VPN-клиент.';
  await typeIn(agent, '##chat-input', toCustomer);
  const t0 = Date.now();
  await click(agent, await find(agent, byKeyEnd('##chat-send'), 'Send (agent)'));
  const t1 = await seenAt(customer, (v) => v['chat.last'] === toCustomer, 'the agent line at the customer');
  const toAgent = 'Спасибо, заработало!';
  await typeIn(customer, '##chat-input', toAgent);
  const t2 = Date.now();
  await click(customer, await find(customer, byKeyEnd('##chat-send'), 'Send (customer)'));
  const t3 = await seenAt(agent, (v) => v['chat.last'] === toAgent, 'the customer line at the agent');
  console.log(`     ${where}: agent→customer ${t1 - t0} ms, customer→agent ${t3 - t2} ms (each including a click)`);
  return { toCustomer, toAgent };
}

runSuite({
  offline: async (browser, base) => {
    const ctx = await newContext(browser);
    const page = await openPortal(ctx, `${base}/?demo=1`);
    await test('offline: the in-page event source is live; with nothing changing, no events and no frames', async () => {
      await signIn(page, CUSTOMER, 'demo', (s) => !!s.values['live.state']);
      const v = await values(page);
      check(v['live.state'] === 'live', `live state ${v['live.state']}`);
      await nav(page, 'plans');
      await closeNav(page);
      // Toasts of the sign-in may still be timing out: idle means a 1.5 s window without a frame,
      // which must come (the stream itself draws nothing) within a few windows.
      let idle = false;
      let reasons = [];
      for (let i = 0; i < 8 && !idle; i++) {
        const before = await state(page);
        await new Promise((r) => setTimeout(r, 1500));
        const after = await state(page);
        idle = after.frames === before.frames && after.values['live.events'] === before.values['live.events'];
        reasons = after.frameReasons;
      }
      check(idle, `no frames and no events while nothing changes (${JSON.stringify(reasons)})`);
      check(pageErrors(page).length === 0, pageErrors(page).join('\n'));
    });
    await offlineTabs(ctx, base, page);
    await ctx.close();
  },
  online: process.env.LIVE_OFFLINE_ONLY ? null : async (browser, base) => {
    const ctx = await newContext(browser);
    const customer = await openPortal(ctx, base);
    const agent = await openPortal(ctx, base);
    const customerToken = (await api(base, 'POST', '/auth/login', { body: CUSTOMER })).json.token;
    const agentToken = (await api(base, 'POST', '/auth/login', { body: AGENT })).json.token;
    let request;

    await test('online: the agent\'s queue shows a new request without input', async () => {
      await signIn(agent, AGENT, 'online', (s) => s.values['live.state'] === 'live');
      await waitState(agent, (s) => s.screen === 'queue' && s.values['queue.total'] !== undefined && s.values['queue.total'] !== '', 'the queue', 10000);
      const total = Number((await values(agent))['queue.total']);
      const t0 = Date.now();
      const r = await api(base, 'POST', '/requests', { token: customerToken, body: { subject: 'Печать не работает', description: 'Принтер в офисе не печатает.', severity: 3, category: 'technical' } });
      check(r.status === 201, `created: ${r.status}`);
      request = r.json;
      const t1 = await seenAt(agent, (v) => Number(v['queue.total']) === total + 1, 'the new request in the queue');
      console.log(`     new request → the agent's queue shows it: ${t1 - t0} ms`);
      const toasts = (await state(agent)).toasts || [];
      check(JSON.stringify(toasts).includes(`#${request.number}`), `a toast names the request: ${JSON.stringify(toasts)}`);
    });

    await test('online: the agent replies and the customer\'s open request shows it without input', async () => {
      await signIn(customer, CUSTOMER, 'online', (s) => s.values['live.state'] === 'live');
      await nav(customer, 'requests');
      await closeNav(customer);
      await waitState(customer, (s) => s.values['requests.view'] === 'list' && s.values['requests.total'] !== '', 'the list', 8000);
      await click(customer, await find(customer, byKeyEnd(`##req-${request.number}`), 'the request row'));
      await waitState(customer, (s) => s.values['requests.detail.number'] === `#${request.number}` && s.values['requests.detail.messages'] !== undefined, 'the detail', 8000);
      const count = Number((await values(customer))['requests.detail.messages']);
      const framesBefore = (await state(customer)).frames;
      const t0 = Date.now();
      const r = await api(base, 'POST', `/requests/${request.id}/messages`, { token: agentToken, body: { body: 'Здравствуйте! Перезапустите диспетчер печати.' } });
      check(r.status === 201, `reply: ${r.status}`);
      const t1 = await seenAt(customer, (v) => Number(v['requests.detail.messages']) === count + 1, 'the reply in the open request');
      console.log(`     agent reply → the customer's open request shows it: ${t1 - t0} ms (${(await state(customer)).frames - framesBefore} frames)`);
      const toasts = (await state(customer)).toasts || [];
      check(JSON.stringify(toasts).includes('replied') || JSON.stringify(toasts).length > 2, `a toast: ${JSON.stringify(toasts)}`);
      check(pageErrors(customer).length === 0, pageErrors(customer).join('\n'));
      check(pageErrors(agent).length === 0, pageErrors(agent).join('\n'));
    });

    await test('online: an event refresh keeps the list on screen (no loading state) and marks an unseen reply', async () => {
      await click(customer, await find(customer, byKeyEnd('detail-back'), 'Back to the list'));
      await waitState(customer, (s) => s.values['requests.view'] === 'list' && s.values['requests.total'] !== '', 'the list', 8000);
      const v0 = await values(customer);
      const total = Number(v0['requests.total']);
      const loadingFrames = v0['requests.loading_frames'];
      // A request from another tab of the same customer, then an agent's reply to the first one.
      const r = await api(base, 'POST', '/requests', { token: customerToken, body: { subject: 'Второй вопрос', description: 'Сканер тоже не работает.', severity: 4, category: 'technical' } });
      check(r.status === 201, `created: ${r.status}`);
      await seenAt(customer, (v) => Number(v['requests.total']) === total + 1, 'the new request in the list');
      const reply = await api(base, 'POST', `/requests/${request.id}/messages`, { token: agentToken, body: { body: 'Проверьте драйвер, пожалуйста.' } });
      check(reply.status === 201, `reply: ${reply.status}`);
      await seenAt(customer, (v) => (v['requests.unread'] || '').split(',').includes(String(request.number)), 'the unread marker');
      await seenAt(customer, (v) => (v['requests.rows'] || '').length > 0, 'the rows');
      check((await values(customer))['requests.loading_frames'] === loadingFrames, 'the list never showed its loading state during the refreshes');
      // Opening the request clears its marker.
      await click(customer, await find(customer, byKeyEnd(`##req-${request.number}`), 'the request row'));
      await waitState(customer, (s) => s.values['requests.detail.number'] === `#${request.number}`, 'the detail', 8000);
      check(!((await values(customer))['requests.unread'] || '').split(',').includes(String(request.number)), 'the marker is gone once opened');
    });

    await test('online: a customer and an agent chat both ways in real time, in Russian', async () => {
      const cctx = await newContext(browser);
      const premium = await openPortal(cctx, base);
      await signIn(premium, { email: 'premium@demo.example', password: 'demo-pass-1' }, 'online', (s) => s.values['live.state'] === 'live');
      // Bot first: the customer asks, the bot answers from the knowledge base. Nobody is available
      // yet (Anna is away), so "talk to a person" offers to leave a message: a real request.
      await click(premium, await find(premium, byKeyEnd('##chat-button'), 'the chat button (customer)'));
      await askBot(premium, 'Как создать обращение в поддержку?', 1);
      await click(premium, await find(premium, byKeyEnd('##chat-start'), 'Talk to a person (nobody available)'));
      await click(premium, await find(premium, byKeyEnd('##chat-leave'), 'Leave a message'));
      await waitState(premium, (s) => /^[0-9]+$/.test(s.values['chat.left'] || ''), 'the message left as a request', 8000);
      const left = Number((await values(premium))['chat.left']);
      const premiumToken = (await api(base, 'POST', '/auth/login', { body: { email: 'premium@demo.example', password: 'demo-pass-1' } })).json.token;
      const found = (await api(base, 'GET', '/requests?limit=5', { token: premiumToken })).json;
      const leftRequest = (found.requests || found.items || []).find((r) => r.number === left);
      check(!!leftRequest, `request #${left} in the customer's list`);
      // The agent sets herself available in her panel.
      await click(agent, await find(agent, byKeyEnd('##chat-button'), 'the chat button (agent)'));
      await click(agent, await find(agent, (i) => i.label.startsWith('Available for chats'), 'the availability toggle'));
      await waitState(agent, (s) => s.values['chat.available'] === '1', 'available', 8000);
      // Bot first again, then a person: the chat starts with the bot's conversation.
      await askBot(premium, 'Как создать обращение в поддержку?', 1);
      await typeIn(premium, '##chat-first', 'Здравствуйте, у нас не работает VPN');
      await click(premium, await find(premium, byKeyEnd('##chat-start'), 'Talk to a person'));
      await waitState(premium, (s) => s.values['chat.status'] === 'waiting' && s.values['chat.place'] === '1', 'waiting, first in line', 8000);
      // The waiting chat appears in the agent's panel by itself; she accepts.
      await waitState(agent, (s) => Number(s.values['chat.waiting']) >= 1, 'a waiting chat', 8000);
      await click(agent, await find(agent, (i) => i.key.includes('##chat-accept-'), 'Accept'));
      await waitState(agent, (s) => s.values['chat.status'] === 'active', 'the agent in the chat', 8000);
      check(Number((await values(agent))['chat.messages']) >= 3, 'the agent sees the bot conversation (question, answer, first line)');
      await waitState(premium, (s) => s.values['chat.status'] === 'active', 'the customer sees the agent joined', 8000);
      const { toAgent } = await chatBothWays(agent, premium, 'chat line → the other page shows it');
      // Where the transcript goes: a new request by default, or one of the customer's open ones.
      await waitState(agent, (s) => s.values['chat.target'] === 'new' && Number(s.values['chat.targets']) >= 1, 'the customer\'s open requests listed', 8000);
      await click(agent, await find(agent, byKeyEnd('##chat-target'), 'the transcript target'));
      await find(agent, byKeyEnd('##chat-target-new'), 'New request (the default) among the choices');
      const option = await find(agent, (i) => i.key.includes('##chat-target-') && !i.key.endsWith('##chat-target-new'), 'an open request of the customer');
      await click(agent, option);
      const chosen = option.key.slice(option.key.indexOf('##chat-target-') + '##chat-target-'.length);
      await waitState(agent, (s) => s.values['chat.target'] === chosen, 'the chosen request', 8000);
      await click(agent, await find(agent, byKeyEnd('##chat-end'), 'End chat'));
      await waitState(premium, (s) => s.values['chat.status'] === 'ended', 'the chat ended at the customer', 8000);
      const onRequest = (await api(base, 'GET', `/requests/${chosen}`, { token: agentToken })).json;
      check(onRequest.messages.some((m) => m.body === toAgent), 'the transcript is on the chosen request');
      check(pageErrors(premium).length === 0, pageErrors(premium).join('\n'));
      check(pageErrors(agent).length === 0, pageErrors(agent).join('\n'));
      await cctx.close();
    });
    await ctx.close();
  },
});

// Types into a text field of the chat panel (a window over the screen: no scrolling).
async function typeIn(page, idSuffix, text) {
  await click(page, await find(page, byKeyEnd(idSuffix), `field ${idSuffix}`));
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Delete');
  await page.keyboard.type(text);
  await page.evaluate(() => window.portalTest.frame());
}

// Asks the chat panel's bot and waits for its answer (bot lines counted in the panel).
async function askBot(page, question, lines) {
  await typeIn(page, '##chat-first', question);
  await click(page, await find(page, byKeyEnd('##chat-ask'), 'Ask the bot'));
  await waitState(page, (s) => Number(s.values['chat.bot_lines']) >= lines, 'the bot answers', 8000);
}

// ---- the offline demo's tabs ---------------------------------------------------------------------

// Creates a request through the customer's form; returns its number ("123") once its detail shows.
async function createRequest(page, subject, description) {
  await scrollTop(page);
  await press(page, byKeyEnd('##new-request'), 'New request');
  await waitState(page, (s) => s.values['requests.view'] === 'new', 'the form');
  await typeInto(page, '##new-subject', subject);
  await typeInto(page, '##new-description', description);
  await waitState(page, (s) => s.values['requests.kb.pending'] !== '1', 'the suggestions', 8000);
  await press(page, byKeyEnd('##sev-3'), 'severity 3');
  await press(page, byKeyEnd('##cat-technical'), 'category technical');
  const t0 = Date.now();
  await press(page, byKeyEnd('##new-submit'), 'Send request');
  const s = await waitState(page, (st) => st.values['requests.view'] === 'detail' && st.values['requests.detail.subject'] === subject,
    `the detail of "${subject}"`, 8000);
  return { number: s.values['requests.detail.number'].replace('#', ''), t0 };
}

// The agent's reply from the queue's detail of request `number`; back to the list after it.
async function agentReply(agent, number, text) {
  await press(agent, byKeyEnd(`##req-${number}`), `request #${number} in the queue`);
  await waitState(agent, (s) => s.values['queue.view'] === 'detail' && s.values['queue.detail.number'] === `#${number}`, 'the detail', 8000);
  const count = Number((await values(agent))['queue.detail.messages']);
  await typeInto(agent, '##detail-reply', text);
  const t0 = Date.now();
  await press(agent, byKeyEnd('##detail-send'), 'Send reply');
  await waitState(agent, (s) => Number(s.values['queue.detail.messages']) === count + 1, 'the reply sent', 8000);
  await press(agent, byKeyEnd('detail-back'), 'Back to the queue');
  await waitState(agent, (s) => s.values['queue.view'] !== 'detail', 'the queue', 8000);
  return t0;
}

// Frames drawn by each page over a 1.5 s window, once nothing is left to settle (a few windows).
async function allIdle(pages) {
  for (let i = 0; i < 8; i++) {
    const before = await Promise.all(pages.map((p) => state(p)));
    await new Promise((r) => setTimeout(r, 1500));
    const after = await Promise.all(pages.map((p) => state(p)));
    if (after.every((a, k) => a.frames === before[k].frames)) return { idle: true };
    if (i === 7) {
      const delta = (a, b) => Object.fromEntries(Object.keys(a.frameReasons || {}).map((k) => [k, a.frameReasons[k] - ((b.frameReasons || {})[k] || 0)]));
      return { idle: false, reasons: after.map((a, k) => ({ frames: a.frames - before[k].frames, screen: a.screen, toasts: a.toasts, view: a.values['requests.view'], focus: a.values.focus, ...delta(a, before[k]) })) };
    }
  }
  return { idle: false };
}

const idbState = (page) => page.evaluate(() => new Promise((resolve, reject) => {
  const open = indexedDB.open('portal-demo', 1);
  open.onerror = () => reject(open.error);
  open.onsuccess = () => {
    const tx = open.result.transaction('state', 'readonly');
    const v = tx.objectStore('state').get('v1'), r = tx.objectStore('state').get('rev');
    tx.oncomplete = () => resolve({ text: v.result, rev: r.result });
    tx.onerror = () => reject(tx.error);
  };
}));

// Another window of the demo, signed out (a popup of `opener`: in one window only the front tab
// draws, as in a real browser, so the test puts them side by side). The tabs of a browser share
// the saved session (localStorage), so the new one forgets it on its first load only (a reload
// keeps the one signed in last); see forgetSessionInNewTabs.
async function openTab(ctx, opener, base) {
  const popup = ctx.waitForEvent('page');
  await opener.evaluate((u) => { window.open(u, '_blank', 'noopener,popup,width=1280,height=800'); }, `${base}/?demo=1&tab=new`);
  const page = await popup;
  page.portalErrors = [];
  page.on('pageerror', (e) => page.portalErrors.push(String(e)));
  page.on('console', (m) => { if (m.type() === 'error') page.portalErrors.push(m.text()); });
  await ready(page);
  return page;
}

const forgetSessionInNewTabs = (ctx) => ctx.addInitScript(() => {
  if (!location.search.includes('tab=new') || sessionStorage.getItem('live-test-tab')) return;
  sessionStorage.setItem('live-test-tab', '1');
  localStorage.removeItem('portal.session.demo');
});

async function offlineTabs(ctx, base, customer) {
  await forgetSessionInNewTabs(ctx);
  const agent = await openTab(ctx, customer, base);
  const tabs = [customer, agent];
  const numbers = [];
  await test('offline tabs: a new request in one tab appears in the agent\'s queue in another, without input', async () => {
    await signIn(agent, AGENT, 'demo', (s) => s.values['live.state'] === 'live');
    await waitState(agent, (s) => s.screen === 'queue' && s.values['queue.total'] !== undefined && s.values['queue.total'] !== '', 'the queue', 10000);
    const total = Number((await values(agent))['queue.total']);
    await nav(customer, 'requests');
    await closeNav(customer);
    await waitState(customer, (s) => s.values['requests.view'] === 'list' && s.values['requests.total'] !== '', 'the list', 8000);
    const { number, t0 } = await createRequest(customer, 'Печать не работает', 'Принтер в офисе не печатает.');
    numbers.push(number);
    const t1 = await seenAt(agent, (v) => Number(v['queue.total']) === total + 1 && (v['queue.rows'] || '').includes(`${number}:`), 'the new request in the queue');
    console.log(`     offline: new request in tab A → tab B's queue shows it: ${t1 - t0} ms (including the click)`);
    const v = await values(agent);
    check(Number(v['queue.new']) >= 1, `the "N new" cue: ${v['queue.new']}`);
    const toasts = (await state(agent)).toasts || [];
    check(JSON.stringify(toasts).includes(`#${number}`), `a toast names the request: ${JSON.stringify(toasts)}`);
    await click(agent, await find(agent, byKeyEnd('##queue-new'), 'the "N new" cue'));
    check((await values(agent))['queue.new'] === '0', 'the cue is gone once clicked');
  });

  await test('offline tabs: the agent\'s reply in one tab appears in the customer\'s open request in another', async () => {
    const count = Number((await values(customer))['requests.detail.messages']);
    const framesBefore = (await state(customer)).frames;
    const [t0, t1] = await Promise.all([
      agentReply(agent, numbers[0], 'Здравствуйте! Перезапустите диспетчер печати.'),
      seenAt(customer, (v) => Number(v['requests.detail.messages']) === count + 1, 'the reply in the open request', 20000),
    ]);
    console.log(`     offline: agent reply in tab B → tab A's open request shows it: ${t1 - t0} ms (${(await state(customer)).frames - framesBefore} frames, including the click)`);
  });

  await test('offline tabs: alternating changes in two tabs are all kept (no tab overwrites another), after a reload too', async () => {
    await press(customer, byKeyEnd('detail-back'), 'Back to the list');
    await waitState(customer, (s) => s.values['requests.view'] === 'list', 'the list', 8000);
    const second = await createRequest(customer, 'Сканер тоже не работает', 'Сканер не видит сеть.');
    numbers.push(second.number);
    await seenAt(agent, (v) => (v['queue.rows'] || '').includes(`${second.number}:`), 'the second request in the queue');
    await agentReply(agent, second.number, 'Проверьте кабель сканера.');
    await press(customer, byKeyEnd('detail-back'), 'Back to the list');
    const third = await createRequest(customer, 'Третий вопрос', 'Монитор мерцает.');
    numbers.push(third.number);
    await seenAt(agent, (v) => (v['queue.rows'] || '').includes(`${third.number}:`), 'the third request in the queue');
    const saved = await idbState(customer);
    for (const text of ['Печать не работает', 'Перезапустите диспетчер печати', 'Сканер тоже не работает', 'Проверьте кабель сканера', 'Третий вопрос'])
      check(saved.text.includes(text), `saved state keeps "${text}" (rev ${saved.rev})`);
    await reload(agent);
    await waitState(agent, (s) => s.screen === 'queue' && (s.values['queue.rows'] || '') !== '', 'the queue after a reload', 10000);
    const rows = (await values(agent))['queue.rows'];
    for (const n of numbers) check(rows.includes(`${n}:`), `#${n} in the queue after a reload: ${rows}`);
  });

  await test('offline tabs: a customer and an agent chat both ways in Russian', async () => {
    const premiumWho = { email: 'premium@demo.example', password: 'demo-pass-1' };
    const premium = await openTab(ctx, customer, base);
    await signIn(premium, premiumWho, 'demo', (s) => s.values['live.state'] === 'live');
    await click(agent, await find(agent, byKeyEnd('##chat-button'), 'the chat button (agent)'));
    await click(agent, await find(agent, (i) => i.label.startsWith('Available for chats'), 'the availability toggle'));
    await waitState(agent, (s) => s.values['chat.available'] === '1', 'available', 8000);
    await click(premium, await find(premium, byKeyEnd('##chat-button'), 'the chat button (customer)'));
    await typeIn(premium, '##chat-first', 'Здравствуйте, у нас не работает VPN');
    await click(premium, await find(premium, byKeyEnd('##chat-start'), 'Talk to a person'));
    await waitState(premium, (s) => s.values['chat.status'] === 'waiting', 'waiting', 8000);
    await waitState(agent, (s) => Number(s.values['chat.waiting']) >= 1, 'a waiting chat at the agent', 8000);
    await click(agent, await find(agent, (i) => i.key.includes('##chat-accept-'), 'Accept'));
    await waitState(agent, (s) => s.values['chat.status'] === 'active', 'the agent in the chat', 8000);
    await waitState(premium, (s) => s.values['chat.status'] === 'active', 'the customer sees the agent joined', 8000);
    await chatBothWays(agent, premium, 'offline: chat line → the other tab shows it');
    await click(agent, await find(agent, byKeyEnd('##chat-end'), 'End chat'));
    await waitState(premium, (s) => s.values['chat.status'] === 'ended', 'the chat ended at the customer', 8000);
    await click(premium, await find(premium, byKeyEnd('##chat-button'), 'the chat button (customer): closed'));
    await click(agent, await find(agent, byKeyEnd('##chat-button'), 'the chat button (agent): closed'));
    tabs.push(premium);
  });

  await test('offline tabs: with nothing changing, no tab draws a frame', async () => {
    const [customer, agent, premium] = tabs;
    // The request detail asks for a frame every second or so (not the tabs: noted for its owner); the list.
    await press(customer, byKeyEnd('detail-back'), 'Back to the list');
    await waitState(customer, (s) => s.values['requests.view'] === 'list', 'the list', 8000);
    // The pointer off the controls (an icon button under it asks for frames until its tooltip shows).
    for (const p of tabs) await p.mouse.move(1279, 1);
    const { idle, reasons } = await allIdle([customer, agent, premium]);
    check(idle, `idle tabs draw no frames (${JSON.stringify(reasons)})`);
    check(tabs.length === 3, 'the chat tab is there');
    for (const p of tabs) check(pageErrors(p).length === 0, pageErrors(p).join('\n'));
  });
}
