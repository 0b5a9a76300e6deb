// Browser tests of the Metrics screen:
//   node tests/browser/metrics.mjs
// Signs in as the demo Basic customer (offline demo, then ONLINE against portal-server --demo) and
// checks that the numbers on screen are GET /metrics's for that company, written as the screen
// promises (durations "10 h", "16 h", percentages, CSI), with eight weekly bars. Online, the test
// then drives a request of that company through the API (the customer opens it, a demo agent
// replies and resolves it, the customer rates it 1/5) and checks that Refresh shows the new
// numbers. Offline the demo's GET /metrics cannot be read from outside the page: the numbers shown
// are compared with the online server's for the same seed (the demo data are the same).
// Screenshots at 1280x800 and 390x844 (device scale 1 and 2) into PORTAL_SCREENSHOT_DIR.
// Env: as tests/browser/help.mjs.
import {
  byKeyEnd, check, click, closeNav, find, items, nav, newContext, openNav, openPortal, press,
  runSuite, screenshot, scrollTop, signIn, state, test, waitState,
} from './lib.mjs';

const CUSTOMER = { email: 'basic@demo.example', password: 'demo-pass-1' };
const AGENT = { email: 'anna@demo.example', password: 'agent-pass-1' };  // L1: new requests start there

// ---- the API from outside the page ---------------------------------------------------------------
async function api(base, method, path, body, token) {
  const res = await fetch(`${base}/api/v1${path}`, {
    method, headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = await res.json().catch(() => null);
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(json)}`);
  return json;
}
const login = async (base, who) => (await api(base, 'POST', '/auth/login', who)).token;

// ---- what the screen should show (shared/locale/format.cpp's English rules) -------------------------
function duration(minutes) {
  if (minutes === null || minutes === undefined) return '—';
  const s = Math.round(minutes * 60);
  if (s < 60) return '< 1 min';
  const d = Math.floor(s / 86400), h = Math.floor(s / 3600) % 24, m = Math.floor(s / 60) % 60;
  const part = (v, u) => `${v}\u00a0${u}`;
  if (d > 0) return h ? `${part(d, 'd')} ${part(h, 'h')}` : part(d, 'd');
  if (h > 0) return m ? `${part(h, 'h')} ${part(m, 'min')}` : part(h, 'h');
  return part(m, 'min');
}
const percent = (v) => (v === null ? '—' : `${v.toFixed(1).replace(/\.0$/, '')}%`);
const csi = (v) => (v === null ? '—' : v.toFixed(0));

function expectShown(v, m, what) {
  const pairs = [
    ['metrics.shown.first_median', duration(m.first_response_minutes.median)],
    ['metrics.shown.resolution_median', duration(m.resolution_minutes.median)],
    ['metrics.shown.sla', percent(m.sla_met_percent)],
    ['metrics.shown.csi', csi(m.csi)],
    ['metrics.raw.ratings', String(m.ratings)],
    ['metrics.raw.total', String(m.requests_total)],
    ['metrics.raw.weekly', m.weekly.map((w) => `${w.created}/${w.resolved}`).join(',')],
  ];
  for (const [key, want] of pairs) check(v[key] === want, `${what}: ${key} shows "${v[key]}", GET /metrics says "${want}"`);
  check(v['metrics.shown.first_detail'].includes(duration(m.first_response_minutes.p90)),
    `${what}: first response p90 not shown: ${v['metrics.shown.first_detail']}`);
  check(v['metrics.shown.resolution_detail'].includes(duration(m.resolution_minutes.p90)),
    `${what}: resolution p90 not shown: ${v['metrics.shown.resolution_detail']}`);
}

async function openMetrics(page) {
  await nav(page, 'metrics');
  await closeNav(page);
  return (await waitState(page, (s) => s.values['metrics.state'] === 'ready', 'the metrics', 10000)).values;
}

async function flow(browser, base, mode, server) {
  const tag = mode === 'demo' ? 'offline' : 'online';
  const context = await newContext(browser, { width: 1280, height: 800, dpr: 1 });
  const page = await openPortal(context, mode === 'demo' ? `${base}/?demo=1` : `${base}/`);

  await test(`${tag}: the numbers shown are GET /metrics's for the signed-in customer`, async () => {
    check((await state(page)).mode === mode, `mode ${(await state(page)).mode}`);
    await signIn(page, CUSTOMER, mode);
    const v = await openMetrics(page);
    const m = await api(server.base, 'GET', '/metrics', undefined, await login(server.base, CUSTOMER));
    expectShown(v, m, tag);
    check(v['metrics.shown.first_median'] !== '—' && v['metrics.shown.csi'] !== '—', 'the demo customer has data');
    if (mode === 'demo') await screenshot(page, 'metrics-1280x800@1x');
  });

  if (mode === 'online') {
    await test('online: a request resolved and rated changes the numbers (after Refresh)', async () => {
      const customer = await login(server.base, CUSTOMER);
      const agent = await login(server.base, AGENT);
      const before = await api(server.base, 'GET', '/metrics', undefined, customer);
      const r = await api(server.base, 'POST', '/requests',
        { subject: 'Metrics test', description: 'Printer offline', severity: 3, category: 'technical' }, customer);
      await api(server.base, 'POST', `/requests/${r.id}/messages`, { body: 'Fixed: restart the spooler.' }, agent);
      await api(server.base, 'POST', `/requests/${r.id}/status`, { status: 'resolved' }, agent);
      await api(server.base, 'POST', `/requests/${r.id}/rating`, { score: 1, comment: '' }, customer);
      const after = await api(server.base, 'GET', '/metrics', undefined, customer);
      check(after.ratings === before.ratings + 1 && after.csi !== before.csi, 'the API did not change');
      await press(page, byKeyEnd('##metrics-refresh'), 'Refresh');
      const v = (await waitState(page, (s) => s.values['metrics.raw.ratings'] === String(after.ratings) &&
        s.values['metrics.state'] === 'ready', 'the new numbers', 8000)).values;
      expectShown(v, after, 'after the change');
      check(v['metrics.shown.csi'] !== csi(before.csi), 'CSI on screen did not change');
      check(v['metrics.shown.resolution_median'] !== duration(before.resolution_minutes.median), 'resolution did not change');
    });
  }

  await test(`${tag}: Russian: durations and percentages in Russian`, async () => {
    await openNav(page);
    await click(page, await find(page, (i) => i.label === 'RU', 'RU'));
    await waitState(page, (s) => s.lang === 'ru', 'lang ru');
    await closeNav(page);
    const v = (await state(page)).values;
    check(/ч|мин|д/.test(v['metrics.shown.first_median']) && !/h$/.test(v['metrics.shown.first_median']),
      `ru duration ${v['metrics.shown.first_median']}`);
    check(v['metrics.shown.sla'].endsWith('\u00a0%'), `ru percent ${v['metrics.shown.sla']}`);
    if (mode === 'demo') await screenshot(page, 'metrics-ru-1280x800@1x');
    await openNav(page);
    await click(page, await find(page, (i) => i.label === 'EN', 'EN'));
    await waitState(page, (s) => s.lang === 'en', 'lang en');
    check(page.portalErrors.length === 0, page.portalErrors.join('\n'));
  });
  await context.close();
}

async function shots(browser, base) {
  for (const [width, height, dpr] of [[1280, 800, 2], [390, 844, 1], [390, 844, 2]]) {
    const name = `${width}x${height}@${dpr}x`;
    await test(`screenshots ${name}`, async () => {
      const context = await newContext(browser, { width, height, dpr, touch: width < 600 });
      const page = await openPortal(context, `${base}/?demo=1`);
      await signIn(page, CUSTOMER, 'demo');
      await openMetrics(page);
      await scrollTop(page);
      await screenshot(page, `metrics-${name}`);
      const out = (await items(page)).filter((i) => i.x < -1 || i.x + i.w > width + 1);
      check(out.length === 0, `items outside: ${out.map((i) => i.key).join(', ')}`);
      check(page.portalErrors.length === 0, page.portalErrors.join('\n'));
      await context.close();
    });
  }
}

runSuite({
  offline: async (browser, base, server) => {
    if (!server) return;  // the offline figures are compared with the server's (same demo data)
    await flow(browser, base, 'demo', server);  // before the online run changes the server's data
    await shots(browser, base);
  },
  online: (browser, base, server) => flow(browser, base, 'online', server),
});
