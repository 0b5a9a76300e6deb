// The screen-reader mirror (src/portal/ui/a11y.*, web/a11y_mirror.js), in the offline demo:
//   node tests/browser/a11y.mjs
// For each screen in SCREENS: the accessibility tree Chromium exposes (CDP Accessibility, the
// data page.accessibility.snapshot() used to return; saved as a11y-<screen>.json in
// PORTAL_SCREENSHOT_DIR) has the expected headings, buttons, text fields with labels, the language
// switch and the navigation with the current page marked. The sign-in screen is operated through
// the DOM only (its real inputs, web/dom_fields.js, and mirror elements: getByRole focus / type /
// Enter / click, never the canvas);
// Tab and arrow keys move DOM focus in step with ImGui; the welcome toast is in a live region;
// unchanged frames send no tree (its CPU cost is a figure of tests/bench/portal_bench.mjs).
// Extending to another screen: add a row to SCREENS (how to get there, the roles and names).
// Env: as tests/browser/portal.mjs (PORTAL_WASM_BUILD_DIR, PORTAL_SCREENSHOT_DIR, PORTAL_CHROMIUM).
import fs from 'node:fs';
import path from 'node:path';
import {
  check, checkBuilt, items, launchChromium, mirrorFrameCost, newContext, openPortal, servedDirs, serveStatic, settle, shotsDir,
  sleep, summary, test, waitState,
} from './lib.mjs';

const CUSTOMER = { email: 'basic@demo.example', password: 'demo-pass-1', name: 'Olga Smirnova' };

// What each screen must expose. headings: [level, name]; nav: [entries, the current one].
const SCREENS = [
  {
    screen: 'sign_in',
    headings: [[1, 'Sign in to Support']],
    buttons: ['Sign in', 'Create account'],
    textboxes: ['Email', 'Password'],
    radios: ['Sign in', 'Create account', 'EN', 'RU', 'BG'],
    switches: ['Dark theme'],
    nav: [['Sign in', 'Plans', 'Help'], 'Sign in'],
    text: ['See your support level'],
  },
  {
    screen: 'my_support',
    headings: [[1, 'My support']],
    buttons: ['Sign out'],
    textboxes: [],
    radios: ['EN', 'RU', 'BG'],
    switches: ['Dark theme'],
    nav: [['My support', 'Requests', 'Calls', 'Plans', 'Help', 'Metrics'], 'My support'],
    text: [CUSTOMER.name],
  },
  {
    screen: 'plans',
    headings: [[1, null]],
    buttons: ['Sign out'],
    textboxes: [],
    radios: ['EN', 'RU', 'BG'],
    switches: ['Dark theme'],
    nav: [['My support', 'Plans'], 'Plans'],
    text: [],
  },
];

// ---- the accessibility tree ----------------------------------------------------------------------
const PROPS = ['level', 'checked', 'pressed', 'focused', 'disabled', 'expanded', 'value'];

// Chromium's accessibility tree as page.accessibility.snapshot() returned it (removed from
// Playwright 1.57): [{role, name, level?, checked?, focused?, disabled?, current?, value?, children?}].
async function axSnapshot(page) {
  if (page.accessibility && page.accessibility.snapshot) return page.accessibility.snapshot();
  if (!page.a11yCdp) page.a11yCdp = await page.context().newCDPSession(page);
  const { nodes } = await page.a11yCdp.send('Accessibility.getFullAXTree');
  const byId = new Map(nodes.map((n) => [n.nodeId, n]));
  const build = (n) => {
    const kids = [];
    for (const id of n.childIds || []) {
      const c = byId.get(id);
      if (!c) continue;
      const built = build(c);
      if (Array.isArray(built)) kids.push(...built);
      else if (built) kids.push(built);
    }
    const role = n.role && n.role.value;
    if (n.ignored || role === 'none' || role === 'generic' || role === 'InlineTextBox' || role === 'LineBreak')
      return kids;
    const out = { role, name: (n.name && n.name.value) || '' };
    for (const p of n.properties || []) {
      if (PROPS.includes(p.name)) out[p.name] = p.value.value;
      if (p.name === 'ariaCurrent' || p.name === 'current') out.current = p.value.value;
    }
    if (n.value && n.value.value !== undefined && n.value.value !== '') out.value = n.value.value;
    if (role === 'StaticText') return out;
    // Paragraphs are named by their text (as page.accessibility.snapshot() showed them).
    if (!out.name && kids.length && kids.every((k) => k.role === 'StaticText')) {
      out.name = kids.map((k) => k.name).join('');
      return out;
    }
    if (kids.length) out.children = kids;
    return out;
  };
  const root = nodes.find((n) => !n.parentId);
  const tree = build(root);
  return Array.isArray(tree) ? { role: 'RootWebArea', children: tree } : tree;
}

function flatten(node, out = [], ancestors = []) {
  if (!node) return out;
  out.push({ ...node, ancestors });
  for (const c of node.children || []) flatten(c, out, [...ancestors, node.role]);
  return out;
}

async function snapshot(page, name) {
  const tree = await axSnapshot(page);
  // CDP's tree has no aria-current: take it from the mirror's DOM (one nav entry per name).
  const current = await page.evaluate(() => [...document.querySelectorAll('#portal-a11y nav [aria-current]')]
    .map((el) => el.textContent));
  const mark = (n, inNav) => {
    if (inNav && n.role === 'link' && current.includes(n.name)) n.current = 'page';
    for (const c of n.children || []) mark(c, inNav || n.role === 'navigation');
  };
  mark(tree, false);
  fs.mkdirSync(shotsDir, { recursive: true });
  fs.writeFileSync(path.join(shotsDir, `a11y-${name}.json`), JSON.stringify(tree, null, 1));
  return flatten(tree);
}

// Checks one screen's tree against its SCREENS row.
async function checkScreen(page, spec) {
  // The mirror follows the drawn frame; the first frames after a switch may still load data.
  let all = [];
  const t0 = Date.now();
  let missing = [];
  while (Date.now() - t0 < 5000) {
    all = await snapshot(page, spec.screen);
    missing = problems(all, spec);
    if (!missing.length) return all;
    await sleep(150);
  }
  throw new Error(`${spec.screen}: ${missing.join('; ')}\n     tree: ${all.filter((n) => n.name).map((n) => `${n.role}:${n.name}`).join(' | ').slice(0, 1500)}`);
}

function problems(all, spec) {
  const out = [];
  const named = (role, name) => all.filter((n) => n.role === role && (name === null || n.name === name));
  for (const [level, name] of spec.headings) {
    const hs = named('heading', name).filter((n) => n.level === level);
    if (!hs.length) out.push(`no heading level ${level} "${name}"`);
  }
  for (const b of spec.buttons) if (!named('button', b).length) out.push(`no button "${b}"`);
  for (const t of spec.textboxes) if (!named('textbox', t).length) out.push(`no textbox labelled "${t}"`);
  for (const r of spec.radios) if (!named('radio', r).length) out.push(`no radio "${r}"`);
  if (!named('radio', null).some((n) => n.checked === 'true' || n.checked === true)) out.push('no radio is checked');
  for (const s of spec.switches) if (!named('switch', s).length) out.push(`no switch "${s}"`);
  const navLinks = all.filter((n) => n.role === 'link' && n.ancestors.includes('navigation'));
  for (const l of spec.nav[0]) if (!navLinks.some((n) => n.name === l)) out.push(`no nav link "${l}"`);
  const current = navLinks.filter((n) => n.current && n.current !== 'false');
  if (current.length !== 1 || current[0].name !== spec.nav[1])
    out.push(`current nav entry: ${current.map((n) => n.name).join(',') || 'none'} (want ${spec.nav[1]})`);
  for (const t of spec.text)
    if (!all.some((n) => (n.role === 'paragraph' || n.role === 'StaticText') && n.name.includes(t)))
      out.push(`no text "${t}"`);
  if (all.some((n) => /##|[\uF000-\uF8FF]/.test(n.name))) out.push('a name with "##" or an icon glyph');
  return out;
}

// ---- focus and cost --------------------------------------------------------------------------------
const activeInfo = (page) => page.evaluate(() => {
  const el = document.activeElement;
  return {
    id: el && el.id, tag: el && el.tagName, label: el && (el.getAttribute('aria-label') || el.textContent),
    inMirror: !!(el && el.closest && el.closest('#portal-a11y')),
  };
});

async function waitActive(page, pred, what, timeout = 3000) {
  const t0 = Date.now();
  let a;
  while (Date.now() - t0 < timeout) {
    a = await activeInfo(page);
    if (pred(a)) return a;
    await sleep(40);
  }
  throw new Error(`DOM focus: waited for ${what}, have ${JSON.stringify(a)}`);
}

// The mirror sends its tree to the DOM only when it changed: over 12 forced frames of a settled
// screen at most one send (a countdown's minute may turn over). How long serialising takes is a
// figure of tests/bench/portal_bench.mjs, not a check here: timings on a shared machine are noise.
async function idleSends(page, label) {
  const c = await mirrorFrameCost(page, true);
  console.log(`     ${label}: trees sent on 12 unchanged frames: ${c.sent}`);
  check(c.sent <= 1, `the tree was re-sent on unchanged frames of ${label}: ${c.sent}`);
}

// ---- the test ----------------------------------------------------------------------------------------
async function main() {
  const dirs = servedDirs();
  checkBuilt(dirs);
  const host = await serveStatic(dirs);
  const browser = await launchChromium();
  const t0 = Date.now();
  try {
    const context = await newContext(browser);
    const page = await openPortal(context, host.base + '/?demo=1');
    await waitState(page, (s) => s.screen === 'sign_in', 'the sign-in screen', 10000);
    const mirror = page.locator('#portal-a11y');
    const fields = page.locator('#portal-fields');

    await test('sign-in: the tree has the heading, labelled fields, buttons, language switch, current nav', async () => {
      await checkScreen(page, SCREENS[0]);
      check(await page.locator('#portal-a11y').evaluate((el) => getComputedStyle(el).display !== 'none'),
        'the mirror is display:none');
      // The mirror must not change what the test hooks report.
      const keys = (await items(page)).map((i) => i.key).join('|');
      await page.evaluate(() => window.portalTest.a11yEnable(false));
      await settle(page);
      const keysOff = (await items(page)).map((i) => i.key).join('|');
      await page.evaluate(() => window.portalTest.a11yEnable(true));
      await settle(page);
      check(keys === keysOff, `portalTest.items() differs with the mirror on:\n${keys}\n${keysOff}`);
    });

    await test('sign-in: Tab and arrow keys move DOM focus in step with ImGui', async () => {
      // The sign-in fields are real inputs of a <form> over the canvas (web/dom_fields.js).
      await fields.getByRole('textbox', { name: 'Email' }).focus();
      await waitActive(page, (a) => a.tag === 'INPUT' && a.label === 'Email', 'the Email input');
      await page.keyboard.press('Tab');
      await waitActive(page, (a) => a.tag === 'INPUT' && a.label === 'Password', 'Tab: the Password input');
      await settle(page);
      // Keyboard navigation between widgets: arrows move ImGui's nav item, DOM focus follows.
      await mirror.getByRole('button', { name: 'Sign in', exact: true }).focus();
      await waitActive(page, (a) => a.inMirror && a.label === 'Sign in', 'the Sign in button');
      await settle(page);
      await page.keyboard.press('ArrowDown');
      const next = await waitActive(page, (a) => a.inMirror && a.label !== 'Sign in', 'another mirror element');
      await page.keyboard.press('ArrowUp');
      const back = await waitActive(page, (a) => a.inMirror && a.label !== next.label, 'focus to move again');
      console.log(`     arrow down from "Sign in" went to "${next.label}", arrow up to "${back.label}"`);
    });

    await test('sign-in: operated through the mirror only (type, Enter on the button), welcome toast in a live region', async () => {
      const email = fields.getByRole('textbox', { name: 'Email' });
      await email.focus();
      await waitActive(page, (a) => a.tag === 'INPUT' && a.label === 'Email', 'the Email field');
      await page.keyboard.press('Control+A');
      await page.keyboard.press('Delete');
      await page.keyboard.type(CUSTOMER.email);
      await fields.locator('input[type=password]').focus();
      await waitActive(page, (a) => a.tag === 'INPUT' && a.label === 'Password', 'the Password field');
      await page.keyboard.type(CUSTOMER.password);
      await settle(page);
      // Real inputs hold what was typed (the password in a type=password input); the mirror holds
      // no copy of the password.
      const values = await page.evaluate(() => [...document.querySelectorAll('#portal-fields input')].map((i) => [i.getAttribute('aria-label'), i.type, i.value]));
      check(values.some(([l, , v]) => l === 'Email' && v === CUSTOMER.email), `email value: ${JSON.stringify(values)}`);
      check(values.some(([l, t, v]) => l === 'Password' && t === 'password' && v === CUSTOMER.password), `password input: ${JSON.stringify(values)}`);
      check(await page.evaluate((pw) => [...document.querySelectorAll('#portal-a11y input')].every((i) => !i.value.includes(pw)),
        CUSTOMER.password), 'the password is copied into the mirror');
      // Enter on the focused mirror button: the screen reader's way (no pointer at all).
      await mirror.getByRole('button', { name: 'Sign in', exact: true }).press('Enter');
      await waitState(page, (s) => s.screen === 'my_support' && s.user === CUSTOMER.email, 'signed in', 15000);
      const status = mirror.getByRole('status');
      await page.waitForFunction((name) => [...document.querySelectorAll('#portal-a11y [role=status] p')]
        .some((p) => p.textContent.includes(name)), CUSTOMER.name, { timeout: 5000 });
      const all = await snapshot(page, 'toast');
      check(all.some((n) => n.role === 'status' && JSON.stringify(n).includes(CUSTOMER.name)),
        `the toast is not in a status region: ${await status.innerText()}`);
    });

    await test('my support: the tree of the signed-in screen', async () => {
      await checkScreen(page, SCREENS[1]);
    });

    await test('plans: reached by clicking the mirror link; its tree', async () => {
      await mirror.getByRole('link', { name: 'Plans' }).click();
      await waitState(page, (s) => s.screen === 'plans', 'the plans screen');
      await checkScreen(page, SCREENS[2]);
    });

    await test('language switch operated from the mirror (screen-reader click), names follow', async () => {
      await mirror.getByRole('radio', { name: 'RU' }).dispatchEvent('click');
      await waitState(page, (s) => s.lang === 'ru', 'Russian');
      await page.waitForFunction(() => [...document.querySelectorAll('#portal-a11y nav [aria-current=page]')]
        .some((el) => el.textContent === 'Тарифы' || /[А-я]/.test(el.textContent)), null, { timeout: 3000 });
      check(await mirror.getByRole('radio', { name: 'RU' }).getAttribute('aria-checked') === 'true', 'RU not checked');
      await mirror.getByRole('radio', { name: 'EN' }).press('Space');
      await waitState(page, (s) => s.lang === 'en', 'English again');
    });

    await test('unchanged frames send no tree (plans and sign-in)', async () => {
      await idleSends(page, 'plans');
      await mirror.getByRole('button', { name: 'Sign out' }).click();
      await waitState(page, (s) => s.screen === 'sign_in' && s.user === '', 'signed out');
      await settle(page);
      await idleSends(page, 'sign-in');
    });

    const errors = (page.portalErrors || []).filter((e) => !/Failed to load resource/.test(e));
    await test('no page errors', async () => check(!errors.length, errors.join('\n')));
  } finally {
    await browser.close();
    await host.close();
  }
  console.log(`runtime ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  process.exit(summary() ? 1 : 0);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
