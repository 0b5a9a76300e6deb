// Browser test of the Account and security screen (issue #11), ONLINE against portal-server
// --demo: the signed-in customer sees the browsers signed in to the account (two more made from
// outside through the API), signs out everywhere else (their tokens stop working), is refused a
// password change with a wrong current password (the message shown), then changes it (the new
// one signs in; Enter in the field submits; the fields carry autocomplete). A screenshot at 1280x800 into PORTAL_SCREENSHOT_DIR.
//   node tests/browser/account.mjs
import {
  byKeyEnd, check, closeNav, nav, newContext, openPortal, press, runSuite, screenshot, signIn, test,
  typeInto, waitState,
} from './lib.mjs';

const CUSTOMER = { email: 'standard@demo.example', password: 'demo-pass-1' };

async function api(base, method, path, body, token, headers = {}) {
  const res = await fetch(`${base}/api/v1${path}`, {
    method, headers: { 'Content-Type': 'application/json', ...headers, ...(token ? { Authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, json: await res.json().catch(() => null) };
}

async function flow(browser, base) {
  const context = await newContext(browser, { width: 1280, height: 800, dpr: 1 });
  const page = await openPortal(context, `${base}/`);
  const elsewhere = [];
  for (const ua of ['Phone/1.0 (Android)', 'Tablet/2.0 (iPad)'])
    elsewhere.push((await api(base, 'POST', '/auth/login', CUSTOMER, null, { 'User-Agent': ua })).json.token);

  await test('online: the account screen lists the signed-in browsers', async () => {
    await signIn(page, CUSTOMER, 'online');
    await nav(page, 'account');
    await closeNav(page);
    await waitState(page, (s) => Number(s.values['account.sessions']) >= 3, 'three sessions listed', 10000);
    await screenshot(page, 'account-1280x800@1x');
  });

  await test('online: sign out everywhere else ends the other sessions', async () => {
    await press(page, byKeyEnd('##end_others'), 'Sign out everywhere else');
    await waitState(page, (s) => s.values['account.sessions'] === '1', 'only this browser left', 10000);
    for (const token of elsewhere) check((await api(base, 'GET', '/me', undefined, token)).status === 401, 'the other token still works');
  });

  await test('online: a wrong current password is refused with a clear message; the right one changes it', async () => {
    await typeInto(page, '##current_password', 'not my password');
    await typeInto(page, '##new_password', 'demo-pass-2-new');
    await press(page, byKeyEnd('##change_password'), 'Change password');
    await waitState(page, (s) => (s.values['account.error'] || '').includes('not your current password'), 'the refusal shown', 10000);
    // Real <input type=password> with the autocomplete names password managers look for.
    const kinds = await page.evaluate(() => [...document.querySelectorAll('#portal-fields input[type=password]')]
      .map((el) => el.getAttribute('autocomplete')).sort().join(','));
    check(kinds === 'current-password,new-password', `password fields' autocomplete: ${kinds}`);
    // Enter in the field submits, as in a form.
    await typeInto(page, '##current_password', CUSTOMER.password);
    await page.keyboard.press('Enter');
    await waitState(page, (s) => s.values['account.error'] === '', 'the change accepted', 10000);
    check((await api(base, 'POST', '/auth/login', { email: CUSTOMER.email, password: 'demo-pass-2-new' })).status === 200,
      'the new password signs in');
    const errors = page.portalErrors.filter((e) => !/status of 422/.test(e));  // the refusal provoked on purpose
    check(errors.length === 0, errors.join('\n'));
  });
  await context.close();
}

runSuite({ online: (browser, base) => flow(browser, base) });
