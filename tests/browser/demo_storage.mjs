// Browser test of the offline demo's storage (issue #11): a saved state that cannot be read is
// kept aside under another IndexedDB key (never overwritten) and the page says so; a failed save
// (IndexedDB refusing writes) is shown and retried until it works again.
//   node tests/browser/demo_storage.mjs
import { check, newContext, openPortal, reload, runSuite, signIn, test, waitState } from './lib.mjs';

const CUSTOMER = { email: 'basic@demo.example', password: 'demo-pass-1' };

const idb = (page, fn, arg) => page.evaluate(([body, a]) => new Promise((resolve, reject) => {
  const open = indexedDB.open('portal-demo', 1);
  open.onupgradeneeded = () => open.result.createObjectStore('state');
  open.onerror = () => reject(open.error);
  open.onsuccess = () => {
    const store = open.result.transaction('state', 'readwrite').objectStore('state');
    // eslint-disable-next-line no-new-func
    new Function('store', 'a', 'resolve', body)(store, a, resolve);
  };
}), [fn, arg]);

async function flow(browser, base) {
  const context = await newContext(browser, { width: 1280, height: 800, dpr: 1 });
  const page = await openPortal(context, `${base}/?demo=1`);
  await page.waitForFunction(() => (window.portalDemoSaves || 0) > 0, null, { timeout: 20000 });

  await test('offline: an unreadable saved state is kept aside and the page says so', async () => {
    await idb(page, "store.put('{ not the demo state', 'v1').onsuccess = () => resolve();");
    await reload(page);
    await waitState(page, (s) => s.values['demo.storage'] === 'unreadable_kept_aside', 'the notice', 20000);
    const toasts = (await page.evaluate(() => window.portalTest.state())).toasts || [];
    check(JSON.stringify(toasts).includes('could not be read'), `the page says so: ${JSON.stringify(toasts)}`);
    await page.waitForFunction(() => (window.portalDemoSaves || 0) > 0, null, { timeout: 20000 });
    const keys = await idb(page, 'const r = store.getAllKeys(); r.onsuccess = () => resolve(r.result);');
    const aside = keys.filter((k) => String(k).startsWith('unreadable-'));
    check(aside.length === 1, `kept aside: ${keys.join(', ')}`);
    const kept = await idb(page, 'const r = store.get(a); r.onsuccess = () => resolve(r.result);', aside[0]);
    check(kept === '{ not the demo state', `kept as it was: ${kept}`);
  });

  await test('offline: a failed save is shown and retried until it works', async () => {
    await page.evaluate(() => {
      window.realPut = IDBObjectStore.prototype.put;
      IDBObjectStore.prototype.put = function () { throw new DOMException('full', 'QuotaExceededError'); };
    });
    await signIn(page, CUSTOMER, 'demo');  // a new session: a change to save
    await waitState(page, (s) => s.values['demo.storage'] === 'save_failed', 'the failure shown', 20000);
    const saves = await page.evaluate(() => window.portalDemoSaves || 0);
    await page.evaluate(() => { IDBObjectStore.prototype.put = window.realPut; });
    await waitState(page, (s) => s.values['demo.storage'] === 'saved', 'saved again by a retry', 20000);
    check(await page.evaluate((n) => (window.portalDemoSaves || 0) > n, saves), 'a save completed after the retry');
  });
  await context.close();
}

runSuite({ offline: (browser, base) => flow(browser, base) });
