// Browser tests of issue #9's screen contents, offline (demo) and online (portal-server --demo),
// at 1280x800 with the GL draw off except for screenshots:
//   - a customer closes a request: it asks first, then the close can be undone; no rating prompt
//     for a request no agent answered;
//   - a search typed in Russian in the English interface finds the Russian article and opens it;
//   - an agent finds a request by number and by the customer's name, takes it, sees the customer's
//     name, company and plan, and opens the Metrics of their queue;
//   - a cancelled call offers its cancellation .ics (METHOD:CANCEL, same UID), named for people.
//   node tests/browser/basics_screens.mjs
import fs from 'node:fs';
import {
  byKeyEnd, check, click, closeNav, find, items, nav, newContext, openNav, openPortal, press, runSuite, screenshot,
  scrollTo, scrollTop, signIn, test, typeInto, values, waitState,
} from './lib.mjs';

const BASIC = { email: 'basic@demo.example', password: 'demo-pass-1' };     // Northwind, Olga Smirnova
const PRIORITY = { email: 'priority@demo.example', password: 'demo-pass-1' };  // Initech, manager Boris Ivanov
const ANNA = { email: 'anna@demo.example', password: 'agent-pass-1' };      // L1
const ZONE = 'Europe/Sofia';

async function signOut(page) {
  await openNav(page);
  await click(page, await find(page, byKeyEnd('##sign-out'), 'Sign out'));
  await waitState(page, (s) => s.screen === 'sign_in' && s.user === '', 'signed out');
}

// The request whose row shows `number` (rows "<number>:<status>..."), opened from the list.
async function openRow(page, number) {
  await press(page, byKeyEnd(`##req-${number}`), `request #${number}`);
}

async function flow(browser, base, mode) {
  const tag = mode === 'demo' ? 'offline' : 'online';
  const context = await newContext(browser, { width: 1280, height: 800, dpr: 1, timezoneId: ZONE });
  const page = await openPortal(context, mode === 'demo' ? `${base}/?demo=1` : `${base}/`);

  await test(`${tag}: closing a request asks first and can be undone; no rating without an agent's answer`, async () => {
    await signIn(page, BASIC, mode, (s) => s.values.plan);
    await nav(page, 'requests');
    await closeNav(page);
    await waitState(page, (s) => s.values['requests.total'], 'the list');
    await openRow(page, 3);  // "Правило автоматизации…": new, no agent reply yet
    await waitState(page, (s) => s.values['requests.detail.status'] === 'new', 'request #3');
    await press(page, byKeyEnd('##act-close'), 'Close request');
    let v = await values(page);
    check(v['requests.detail.asking'] === 'close', `no question asked: ${v['requests.detail.asking']}`);
    check(v['requests.detail.status'] === 'new', 'closed before the answer');
    await screenshot(page, `basics-close-confirm-${tag}`);
    await press(page, byKeyEnd('##close-yes'), 'Yes, close it');
    await waitState(page, (s) => s.values['requests.detail.status'] === 'closed', 'closed');
    v = await values(page);
    check(v['requests.detail.rating_shown'] === 'no', 'a rating prompt for a request no agent answered');
    check((v['requests.detail.actions'] || '').includes('act-reopen'), `no undo: ${v['requests.detail.actions']}`);
    await press(page, byKeyEnd('##act-reopen'), 'Undo close');
    await waitState(page, (s) => s.values['requests.detail.status'] === 'open', 'reopened');
  });

  await test(`${tag}: a Russian search in the English interface finds the Russian article`, async () => {
    await nav(page, 'help');
    await closeNav(page);
    await typeInto(page, '##kb-search', 'письма не приходят');
    const s = await waitState(page, (st) => st.values['help.searched'] === 'письма не приходят' && st.values['help.results'],
      'the search', 10000);
    check(s.values['help.results'].split(',')[0] === 'emails-not-arriving', `results ${s.values['help.results']}`);
    await press(page, byKeyEnd('##kb-emails-not-arriving'), 'the first result');
    await waitState(page, (st) => (st.values['help.article_title'] || '').startsWith('Письма не приходят'),
      'the Russian article', 8000);
    await signOut(page);
  });

  await test(`${tag}: the agent finds a request by number and by name, takes it, sees who asked, and metrics`, async () => {
    await signIn(page, ANNA, mode, (s) => s.screen === 'queue');
    await waitState(page, (s) => s.values['queue.total'], 'the queue');
    await typeInto(page, '##queue-search', '#7');
    let s = await waitState(page, (st) => st.values['queue.search'] === '#7' && st.values['queue.total'] === '1', 'search #7');
    check((s.values['queue.rows'] || '').startsWith('7:'), `rows ${s.values['queue.rows']}`);
    await typeInto(page, '##queue-search', 'Olga Smirnova');
    s = await waitState(page, (st) => st.values['queue.search'] === 'Olga Smirnova' && st.values['queue.total'] &&
      st.values['queue.rows'], 'search by customer name');
    const rows = (s.values['queue.rows'] || '').split(',').map((r) => r.split(':')[0]);
    check(rows.includes('1') && rows.includes('3') && !rows.includes('7'), `Olga's requests: ${s.values['queue.rows']}`);
    await typeInto(page, '##queue-search', '7');
    await waitState(page, (st) => st.values['queue.search'] === '7' && st.values['queue.total'] === '1', 'search 7');
    await openRow(page, 7);
    s = await waitState(page, (st) => st.values['queue.detail.number'] === '#7' && st.values['queue.detail.customer'], 'request #7');
    check(s.values['queue.detail.customer'] === 'Elena Dimitrova', `customer ${s.values['queue.detail.customer']}`);
    check(s.values['queue.detail.company'] === 'Initech', `company ${s.values['queue.detail.company']}`);
    check(s.values['queue.detail.plan'] === 'priority', `plan ${s.values['queue.detail.plan']}`);
    check(s.values['queue.detail.assignee'] === '', `assigned already: ${s.values['queue.detail.assignee']}`);
    await press(page, byKeyEnd('##act-take'), 'Take it');
    await waitState(page, (st) => st.values['queue.detail.assignee'] === 'Anna Kovacheva', 'taken');
    await scrollTop(page);  // the header: customer, company, plan, assignee
    await screenshot(page, `basics-agent-request-${tag}`);
    await press(page, byKeyEnd('##detail-back'), 'Back');
    await press(page, byKeyEnd('##scope-mine'), 'Mine');
    await typeInto(page, '##queue-search', '');
    await waitState(page, (st) => st.values['queue.scope'] === 'mine' && st.values['queue.search'] === '' &&
      st.values['queue.total'] === '1', 'mine: the taken request');
    await nav(page, 'metrics');
    await closeNav(page);
    s = await waitState(page, (st) => st.values['metrics.state'] === 'ready', 'the agent\'s metrics', 10000);
    check(Number(s.values['metrics.raw.total']) > 0, `metrics total ${s.values['metrics.raw.total']}`);
    await signOut(page);
  });

  await test(`${tag}: a cancelled call offers its cancellation .ics, named for people`, async () => {
    await signIn(page, PRIORITY, mode, (s) => s.values.plan);
    await nav(page, 'calls');
    await closeNav(page);
    await waitState(page, (s) => s.values['calls.state'] === 'week' && !s.values['calls.loading'] &&
      Number(s.values['calls.slots']) > 0, 'the week', 10000);
    const slot = (await items(page)).find((i) => i.key.includes('##slot-'));
    check(slot, 'no free slot');
    const start = slot.key.split('##slot-')[1];
    await click(page, slot);
    await waitState(page, (s) => s.values['calls.state'] === 'book', 'the booking card');
    await press(page, byKeyEnd('##calls-confirm'), 'Confirm booking');
    let s = await waitState(page, (st) => st.values['calls.upcoming'] && !st.values['calls.loading'], 'the call listed', 10000);
    const id = s.values['calls.upcoming'];
    await press(page, byKeyEnd(`##call-cancel-${id}`), 'Cancel call');
    await press(page, byKeyEnd(`##call-cancel-yes-${id}`), 'Yes, cancel');
    await waitState(page, (st) => (st.values['calls.bookings'] || '').includes(`${id}@${start}@cancelled`), 'cancelled', 8000);
    const button = await scrollTo(page, byKeyEnd(`##call-ics-${id}`), 'Remove from calendar');
    const [download] = await Promise.all([page.waitForEvent('download', { timeout: 8000 }), click(page, button)]);
    const text = fs.readFileSync(await download.path(), 'utf8');
    const file = download.suggestedFilename();
    check(/^call-\d{4}-\d\d-\d\d-\d{4}-boris-ivanov-cancelled\.ics$/.test(file), `file name ${file}`);
    check(text.includes('METHOD:CANCEL\r\n') && text.includes('STATUS:CANCELLED\r\n'), `not a cancellation:\n${text}`);
    check(text.includes(`UID:booking-${id}@support-portal\r\n`), `another event:\n${text}`);
    check(text.includes('SEQUENCE:1\r\n'), `SEQUENCE not bumped:\n${text}`);
  });
  await context.close();
}

runSuite({
  offline: (browser, base) => flow(browser, base, 'demo'),
  online: (browser, base) => flow(browser, base, 'online'),
});
