// Browser tests of the Calls screen, clicking and typing as a customer does:
//   node tests/browser/calls.mjs
// Runs the same flow in the offline demo (static host, ?demo=1) and ONLINE against portal-server
// (--demo, a fresh data folder), in the browser zone Europe/Sofia:
//   premium@demo.example (dedicated agent, who works in Europe/Berlin) → Calls → the week: slots
//   shown in Sofia time, weekend explained → pick a slot → topic + note → Confirm → the call is
//   listed and its slot gone → Reschedule to another slot → the .ics downloads (VCALENDAR with
//   the new DTSTART) → Cancel (confirmed first) → cancelled. basic@demo.example sees the locked
//   card with the plans / package / add-on that unlock calls and a button to Plans.
// Online also: two browsers book one slot at nearly the same moment: exactly one succeeds, the
// other is told the slot was taken and offered the nearest free slots; one click books one.
// Screenshots (week, booking card, list, locked card) at 1280x800 and 390x844, device scale 1
// and 2, into PORTAL_SCREENSHOT_DIR. Prints "N passed, M failed"; exits 1 on any failure.
import fs from 'node:fs';
import {
  byKeyEnd, byLabel, check, click, closeNav, find, has, items, nav, newContext, openNav, openPortal, pageErrors, press,
  runSuite, screenshot, scrollTo, scrollTop, signIn, state, test, typeInto, values, waitState,
} from './lib.mjs';

const PREMIUM = { email: 'premium@demo.example', password: 'demo-pass-1' };
const BASIC = { email: 'basic@demo.example', password: 'demo-pass-1' };
// Premium's personal manager (the dedicated agent is Maria Georgieva).
const MANAGER = { email: 'boris@demo.example', password: 'agent-pass-1', name: 'Boris Ivanov' };
const ZONE = 'Europe/Sofia';


// Opens Calls and waits for the week with its free slots (or the locked card).
async function openCalls(page, expect = 'week') {
  await nav(page, 'calls');
  await closeNav(page);
  await waitState(page, (s) => s.values['calls.state'] === expect && !s.values['calls.loading'] &&
    (expect !== 'week' || Number(s.values['calls.slots']) > 0), `the calls ${expect}`, 10000);
}

const slotItems = async (page) => (await items(page)).filter((i) => i.key.includes('##slot-'));
const slotIso = (item) => item.key.split('##slot-')[1];

// "10:30" in the test's browser zone, as the page should show it.
const localTime = (iso) => new Date(iso).toLocaleTimeString('en-GB', { timeZone: ZONE, hour: '2-digit', minute: '2-digit' });
const icsTime = (iso) => iso.replace(/[-:]/g, '');

async function checkFits(page) {
  const { width } = page.viewportSize();
  const out = (await items(page)).filter((i) => i.x < -1 || i.x + i.w > width + 1);
  check(out.length === 0, `items outside ${width} px: ${out.map((i) => `${i.key} [${i.x},${i.w}]`).join(', ')}`);
}

// Waits for the booking to be done (back on the week) or refused; returns which.
async function outcome(page) {
  const s = await waitState(page, (st) => st.values['calls.state'] === 'week' || st.values['calls.error_code'],
    'the booking to finish', 10000);
  return s.values['calls.error_code'] || 'ok';
}

// ---- the flow, once per mode ---------------------------------------------------------------------
async function flow(browser, base, mode) {
  const tag = mode === 'demo' ? 'offline' : 'online';
  const context = await newContext(browser, { width: 1280, height: 800, dpr: 1, timezoneId: ZONE });
  const page = await openPortal(context, mode === 'demo' ? `${base}/?demo=1` : `${base}/`);
  let booked = '', bookingId = '', moved = '';

  await test(`${tag}: premium opens Calls: the agent, both zones, the week in Sofia time`, async () => {
    check((await state(page)).mode === mode, `mode ${(await state(page)).mode}`);
    await signIn(page, PREMIUM, mode, (s) => s.values.plan);
    await openCalls(page);
    const v = await values(page);
    check(v['calls.agent'], 'no agent name');
    check(v['calls.agent_tz'] === 'Europe/Berlin', `agent zone ${v['calls.agent_tz']}`);
    check(v['calls.zone'] === ZONE, `browser zone ${v['calls.zone']}`);
    const days = v['calls.days'].split(',');
    check(days.length === 7 && days[5] === 'weekend' && days[6] === 'weekend', `days ${v['calls.days']}`);
    const slots = await slotItems(page);
    // Buttons scrolled out of view are not reported: at most as many as there are free slots.
    check(slots.length > 0 && slots.length <= Number(v['calls.slots']), `${slots.length} slot buttons for ${v['calls.slots']} slots`);
    for (const s of slots.slice(0, 5)) check(s.label === localTime(slotIso(s)), `slot ${slotIso(s)} shown as ${s.label}`);
    // The dedicated agent works 09:00-17:00 Berlin: 10:00-18:00 in Sofia.
    check(slots.every((s) => s.label >= '10:00' && s.label < '18:00'), 'a slot outside 10:00-18:00 Sofia time');
    check(await has(page, byKeyEnd('##calls-this-week')) || v['calls.week'], 'week');
    if (mode === 'demo') await screenshot(page, 'calls-week-1280x800@1x');
  });

  await test(`${tag}: book a slot with a topic and a note`, async () => {
    booked = slotIso((await slotItems(page))[2]);
    await press(page, byKeyEnd(`##slot-${booked}`), `slot ${booked}`);
    let s = await waitState(page, (st) => st.values['calls.state'] === 'book', 'the booking card');
    check(s.values['calls.picked'] === booked, `picked ${s.values['calls.picked']}`);
    await click(page, await find(page, byLabel('Training'), 'topic Training'));
    await typeInto(page, '##calls-note', 'Onboarding of two new colleagues');
    s = await waitState(page, (st) => st.values['calls.topic'] === 'training' && st.values['calls.note'].startsWith('Onboarding'),
      'topic and note');
    if (mode === 'demo') await screenshot(page, 'calls-book-1280x800@1x');
    await press(page, byKeyEnd('##calls-confirm'), 'Confirm booking');
    check(await outcome(page) === 'ok', `refused: ${(await values(page))['calls.error']}`);
    s = await waitState(page, (st) => st.values['calls.upcoming'] && !st.values['calls.loading'] &&
      Number(st.values['calls.slots']) > 0, 'the call listed', 8000);
    bookingId = s.values['calls.upcoming'];
    check(s.values['calls.bookings'].includes(`${bookingId}@${booked}@booked`), `bookings ${s.values['calls.bookings']}`);
    check(!(await has(page, byKeyEnd(`##slot-${booked}`))), 'the booked slot is still offered');
  });

  await test(`${tag}: reschedule the call to another slot`, async () => {
    await press(page, byKeyEnd(`##call-reschedule-${bookingId}`), 'Reschedule');
    await waitState(page, (st) => st.values['calls.rescheduling'] === bookingId, 'moving mode');
    await scrollTop(page);
    moved = slotIso((await slotItems(page))[4]);
    check(moved !== booked, 'the same slot');
    await press(page, byKeyEnd(`##slot-${moved}`), `slot ${moved}`);
    await waitState(page, (st) => st.values['calls.state'] === 'reschedule', 'the move card');
    await press(page, byKeyEnd('##calls-confirm'), 'Move the call');
    check(await outcome(page) === 'ok', `refused: ${(await values(page))['calls.error']}`);
    const s = await waitState(page, (st) => (st.values['calls.bookings'] || '').includes(`${bookingId}@${moved}@booked`),
      'the call moved', 8000);
    check(s.values['calls.rescheduling'] === '', 'still in moving mode');
    await waitState(page, (st) => !st.values['calls.loading'] && Number(st.values['calls.slots']) > 0, 'the week again');
    check(await has(page, byKeyEnd(`##slot-${booked}`)), 'the old slot is not free again');
  });

  await test(`${tag}: download the invitation: VCALENDAR with the new DTSTART`, async () => {
    const button = await scrollTo(page, byKeyEnd(`##call-ics-${bookingId}`), 'Add to calendar');
    if (mode === 'demo') await screenshot(page, 'calls-list-1280x800@1x');
    const [download] = await Promise.all([page.waitForEvent('download', { timeout: 8000 }), click(page, button)]);
    const text = fs.readFileSync(await download.path(), 'utf8');
    check(download.suggestedFilename().endsWith('.ics'), `file ${download.suggestedFilename()}`);
    check(text.startsWith('BEGIN:VCALENDAR'), `not a calendar: ${text.slice(0, 60)}`);
    check(text.includes(`DTSTART:${icsTime(moved)}`), `DTSTART not ${icsTime(moved)}:\n${text}`);
  });

  await test(`${tag}: cancel the call (asked first)`, async () => {
    await press(page, byKeyEnd(`##call-cancel-${bookingId}`), 'Cancel call');
    await find(page, byKeyEnd(`##call-cancel-yes-${bookingId}`), 'the confirmation');
    check((await values(page))['calls.bookings'].includes(`${bookingId}@${moved}@booked`), 'cancelled before confirming');
    await press(page, byKeyEnd(`##call-cancel-yes-${bookingId}`), 'Yes, cancel');
    const s = await waitState(page, (st) => (st.values['calls.bookings'] || '').includes(`${bookingId}@${moved}@cancelled`),
      'the call cancelled', 8000);
    await waitState(page, (st) => st.values['calls.upcoming'] === '', 'no upcoming call');
    check(pageErrors(page).length === 0, pageErrors(page).join('\n'));
  });

  let managerCall = '';
  await test(`${tag}: premium has two people to call: choose the personal manager, book with him`, async () => {
    await scrollTop(page);
    let v = await values(page);
    check(v['calls.choices'] === 'manager,dedicated', `choices ${v['calls.choices']}`);
    check(v['calls.with'] === 'dedicated', `default ${v['calls.with']}`);
    const dedicatedAgent = v['calls.agent'];
    check((await find(page, byKeyEnd('##calls-with-manager'), 'the manager choice')).label === `Your manager, ${MANAGER.name}`,
      'the manager choice names him');
    await press(page, byKeyEnd('##calls-with-manager'), 'Your manager');
    const s = await waitState(page, (st) => st.values['calls.with'] === 'manager' && st.values['calls.state'] === 'week' &&
      !st.values['calls.loading'] && Number(st.values['calls.slots']) > 0, "the manager's week", 10000);
    check(s.values['calls.agent'] === MANAGER.name && s.values['calls.agent'] !== dedicatedAgent,
      `agent ${s.values['calls.agent']} (dedicated: ${dedicatedAgent})`);
    const slot = slotIso((await slotItems(page))[1]);
    await press(page, byKeyEnd(`##slot-${slot}`), `slot ${slot}`);
    await waitState(page, (st) => st.values['calls.state'] === 'book', 'the booking card');
    await press(page, byKeyEnd('##calls-confirm'), 'Confirm booking');
    check(await outcome(page) === 'ok', `refused: ${(await values(page))['calls.error']}`);
    v = (await waitState(page, (st) => st.values['calls.upcoming'], 'the call listed', 8000)).values;
    managerCall = v['calls.upcoming'];
    check(v['calls.with'] === 'manager', `after booking: with ${v['calls.with']}`);
    // Booked with the manager: the page says so.
    const text = await page.evaluate(() => document.querySelector('main')?.textContent || '');
    check(text.includes(`with ${MANAGER.name}`), 'the call is not listed "with Boris Ivanov"');
  });

  await test(`${tag}: the manager sees the call booked with him, with the customer and company`, async () => {
    await openNav(page);
    await press(page, byKeyEnd('##sign-out'), 'Sign out');
    await signIn(page, MANAGER, mode);
    await nav(page, 'calls');
    await closeNav(page);
    const s = await waitState(page, (st) => st.values['calls.state'] === 'agent' && st.values['calls.upcoming'],
      "the agent's calls", 10000);
    check(s.values['calls.upcoming'].split(',').includes(managerCall), `upcoming ${s.values['calls.upcoming']} lacks ${managerCall}`);
    const text = await page.evaluate(() => document.querySelector('main')?.textContent || '');
    check(text.includes('Calls booked with you'), 'no "Calls booked with you" heading');
    check(text.includes('with Georgi Nikolov (Umbrella Corp)'), 'the customer and company are not named');
    check(await has(page, byKeyEnd(`##call-cancel-${managerCall}`)), 'the agent cannot cancel the call');
    check(!(await has(page, byKeyEnd(`##call-reschedule-${managerCall}`))), 'the agent is offered to reschedule');
    check(!(await has(page, (i) => i.key.includes('##slot-'))), 'slots for an agent');
    check(pageErrors(page).length === 0, pageErrors(page).join('\n'));
  });
  await context.close();

  await test(`${tag}: basic sees the locked card with the ways to unlock calls`, async () => {
    const ctx = await newContext(browser, { width: 1280, height: 800, dpr: 1, timezoneId: ZONE });
    const p = await openPortal(ctx, mode === 'demo' ? `${base}/?demo=1` : `${base}/`);
    await signIn(p, BASIC, mode, (s) => s.values.plan);
    await openCalls(p, 'locked');
    const v = await values(p);
    check(/personal manager/.test(v['calls.locked']), `server message ${v['calls.locked']}`);
    for (const way of ['plan-priority', 'plan-premium', 'package-priority_support', 'addon-dedicated_agent'])
      check(v['calls.unlock'].split(',').includes(way), `no ${way} in ${v['calls.unlock']}`);
    check(!(await has(p, (i) => i.key.includes('##slot-'))), 'slots on the locked card');
    if (mode === 'demo') await screenshot(p, 'calls-locked-1280x800@1x');
    await press(p, byKeyEnd('##calls-see-plans'), 'See plans');
    await waitState(p, (s) => s.screen === 'plans', 'the Plans screen');
    check(pageErrors(p).length === 0, pageErrors(p).join('\n'));
    await ctx.close();
  });
}

// Online: two browsers confirm the same slot at nearly the same moment.
async function race(browser, base) {
  await test('online: two browsers book one slot: exactly one wins, the other is offered other slots', async () => {
    const pages = [];
    const contexts = [];
    for (let i = 0; i < 2; i++) {
      const ctx = await newContext(browser, { width: 1280, height: 800, dpr: 1, timezoneId: ZONE });
      contexts.push(ctx);
      const p = await openPortal(ctx, `${base}/`);
      await signIn(p, PREMIUM, 'online', (s) => s.values.plan);
      await openCalls(p);
      pages.push(p);
    }
    const iso = slotIso((await slotItems(pages[0]))[0]);
    for (const p of pages) {
      await press(p, byKeyEnd(`##slot-${iso}`), `slot ${iso}`);
      await waitState(p, (st) => st.values['calls.state'] === 'book' && st.values['calls.picked'] === iso, 'the booking card');
    }
    const buttons = await Promise.all(pages.map((p) => find(p, byKeyEnd('##calls-confirm'), 'Confirm booking')));
    await Promise.all(pages.map((p, i) => p.mouse.click(buttons[i].x + buttons[i].w / 2, buttons[i].y + buttons[i].h / 2)));
    const outcomes = await Promise.all(pages.map(outcome));
    check(outcomes.filter((o) => o === 'ok').length === 1 && outcomes.filter((o) => o === 'slot_taken').length === 1,
      `outcomes ${outcomes}`);
    const loser = pages[outcomes.indexOf('slot_taken')];
    const winner = pages[outcomes.indexOf('ok')];
    let s = await waitState(loser, (st) => st.values['calls.alternatives'], 'other slots offered', 8000);
    check(s.values['calls.state'] === 'book', `state ${s.values['calls.state']}`);
    check(/someone else booked/.test((await items(loser)).map((i) => i.label).join(' ')) || s.values['calls.error_code'] === 'slot_taken',
      'not told');
    const alts = s.values['calls.alternatives'].split(',');
    check(!alts.includes(iso), 'the taken slot offered again');
    await screenshot(loser, 'calls-taken-online-1280x800@1x');
    // One click on the nearest other slot books it.
    await press(loser, byKeyEnd(`##alt-${alts[0]}`), 'an offered slot');
    check(await outcome(loser) === 'ok', `the offered slot failed: ${(await values(loser))['calls.error']}`);
    s = await waitState(loser, (st) => (st.values['calls.bookings'] || '').includes(`@${alts[0]}@booked`), 'booked', 8000);
    check((s.values['calls.bookings'].match(new RegExp(`@${iso}@booked`, 'g')) || []).length === 1,
      `the raced slot booked ${s.values['calls.bookings']}`);
    const w = await values(winner);
    check(w['calls.bookings'].includes(`@${iso}@booked`), `winner's list ${w['calls.bookings']}`);
    for (const p of pages) check(pageErrors(p).length === 0, pageErrors(p).join('\n'));
    for (const c of contexts) await c.close();
  });
}

// Screenshots at the other sizes: the week, the booking card, the list, the locked card.
async function shots(browser, base) {
  for (const [width, height, dpr] of [[1280, 800, 2], [390, 844, 1], [390, 844, 2]]) {
    const name = `${width}x${height}@${dpr}x`;
    await test(`screenshots ${name}: week, booking card, list, locked card`, async () => {
      const touch = width < 600;
      const ctx = await newContext(browser, { width, height, dpr, touch, timezoneId: ZONE });
      const page = await openPortal(ctx, `${base}/?demo=1`);
      await signIn(page, PREMIUM, 'demo', (s) => s.values.plan);
      await openCalls(page);
      await checkFits(page);
      await screenshot(page, `calls-week-${name}`);
      const slot = await scrollTo(page, (i) => i.key.includes('##slot-'), 'a slot');
      await click(page, slot);
      await waitState(page, (st) => st.values['calls.state'] === 'book', 'the booking card');
      await checkFits(page);
      await screenshot(page, `calls-book-${name}`);
      await press(page, byKeyEnd('##calls-confirm'), 'Confirm booking');
      check(await outcome(page) === 'ok', 'booking failed');
      await waitState(page, (st) => st.values['calls.upcoming'], 'the call listed', 8000);
      const id = (await values(page))['calls.upcoming'];
      await scrollTo(page, byKeyEnd(`##call-cancel-${id}`), 'the call in the list');
      await checkFits(page);
      await screenshot(page, `calls-list-${name}`);
      check(pageErrors(page).length === 0, pageErrors(page).join('\n'));
      await ctx.close();

      const ctx2 = await newContext(browser, { width, height, dpr, touch, timezoneId: ZONE });
      const p2 = await openPortal(ctx2, `${base}/?demo=1`);
      await signIn(p2, BASIC, 'demo', (s) => s.values.plan);
      await openCalls(p2, 'locked');
      await checkFits(p2);
      await screenshot(p2, `calls-locked-${name}`);
      await ctx2.close();
    });
  }
}

// A slot stops being offered when its notice period begins (its book_by: the start minus the
// catalog's 2 h notice). An open page must not keep offering it: the week reloads by itself at
// that moment, without input. On Playwright's clock, in the offline demo, whose in-page server
// reads the same clock; a Monday morning, so the first slot of the day is minutes from its book_by.
async function slotExpires(browser, base) {
  await test('offline: the first slot of the day disappears by itself when its notice period begins', async () => {
    const context = await newContext(browser, { width: 1280, height: 800, dpr: 1, timezoneId: ZONE });
    await context.clock.install({ time: new Date('2027-03-08T05:56:00Z') });  // Mon 06:56 in Berlin
    const page = await openPortal(context, `${base}/?demo=1`);
    await signIn(page, PREMIUM, 'demo', (s) => s.values.plan);
    await openCalls(page);
    const before = (await slotItems(page)).map(slotIso).sort();
    const count = Number((await values(page))['calls.slots']);
    const first = before[0];
    const bookBy = Date.parse(first) - 120 * 60 * 1000;  // assets/catalog.json booking.min_notice_minutes
    const wait = bookBy - await page.evaluate(() => Date.now());
    check(wait > 0 && wait < 10 * 60 * 1000, `the first slot ${first} is bookable for a few more minutes (${wait} ms)`);
    await context.clock.fastForward(wait + 1000);  // no input: only the page's own timer can notice
    const s = await waitState(page, (st) => st.values['calls.state'] === 'week' && !st.values['calls.loading'] &&
      Number(st.values['calls.slots']) === count - 1, 'the week without its first slot', 10000);
    const after = (await slotItems(page)).map(slotIso);
    check(!after.includes(first), `${first} is no longer offered`);
    check(after.includes(before[1]), `${before[1]} still is`);
    check(s.values['calls.slots'] === String(count - 1), `slots ${count} → ${s.values['calls.slots']}`);

    // The booking window ends 21 days from now (the server's bookable.until): from the week of
    // Mon 8 Mar the weeks of 15, 22 and 29 Mar can hold slots, the week of 5 Apr cannot.
    const weeks = [];
    for (let i = 0; i < 5 && (await values(page))['calls.can_next'] === '1'; i += 1) {
      await press(page, byLabel('Next week'), 'the next week button');
      const w = await waitState(page, (st) => st.values['calls.state'] === 'week' && !st.values['calls.loading'],
        'the next week', 10000);
      weeks.push(w.values['calls.days']);
    }
    check(weeks.length === 3, `next week three times, then no further: ${weeks.join(' | ')}`);
    check(pageErrors(page).length === 0, pageErrors(page).join('\n'));
    await context.close();
  });
}

runSuite({
  offline: async (browser, base) => {
    await flow(browser, base, 'demo');
    await slotExpires(browser, base);
    await shots(browser, base);
  },
  online: async (browser, base) => {
    await flow(browser, base, 'online');
    await race(browser, base);
  },
});
