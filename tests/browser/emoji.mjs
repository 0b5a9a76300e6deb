// Emoji in ImGui text (issue #9, point 7), offline (static host, ?demo=1) and online (portal-server):
//   node tests/browser/emoji.mjs
// The first load fetches no emoji font. A request whose subject has emoji is created through the
// form; its detail draws the subject. The chunks of the emoji font that hold those code points
// (emoji/<hex>.ttf, scripts/subset-emoji) are fetched then, and only those. While they are held
// back the subject shows ImGui's "?" fallback; once they arrive the glyphs are in the atlas and the
// same screen is drawn again: the pixels of the subject change, with more ink than the "?"s had.
// Env: as tests/browser/requests.mjs. Prints "N passed, M failed"; exits 1 on any failure.
import fs from 'node:fs';
import path from 'node:path';
import {
  byKeyEnd, check, newContext, openPortal, pageErrors, press, runSuite, scrollTop, settle, shotsDir,
  signIn, state, test, typeInto, waitState,
} from './lib.mjs';

const ANNA = { email: 'standard@demo.example', password: 'demo-pass-1' };
// Party popper, rocket, thumbs up with a skin tone, red heart with the emoji variation selector.
const SUBJECT = 'Printer party 🎉🚀👍🏽❤️ again';
const CHUNKS = ['1f380', '1f680', '1f440', '2740'];  // the 64-code-point chunks of those four
const GLYPHS = ['1f389', '1f680', '1f44d', '2764'];

// Compares two PNG screenshots in a blank page (the portal's CSP allows no data: fetch): how many
// pixels differ, and on the topmost band of changed rows (the subject's line) how far right the
// ink (dark pixels) reaches in each: an emoji is about twice as wide as the "?" drawn without it.
async function compare(context, a, b) {
  const scratch = await context.newPage();
  try {
    return await scratch.evaluate(async ([pa, pb]) => {
      const load = async (b64) => {
        const bmp = await createImageBitmap(await (await fetch(`data:image/png;base64,${b64}`)).blob());
        const c = new OffscreenCanvas(bmp.width, bmp.height);
        const ctx = c.getContext('2d');
        ctx.drawImage(bmp, 0, 0);
        return ctx.getImageData(0, 0, bmp.width, bmp.height);
      };
      const [ia, ib] = [await load(pa), await load(pb)];
      const w = ia.width, h = ia.height, da = ia.data, db = ib.data;
      const dark = (d, i) => 0.3 * d[i] + 0.59 * d[i + 1] + 0.11 * d[i + 2] < 110;
      let n = 0;
      const rows = [];
      for (let y = 0; y < h; y++) {
        let changed = false;
        for (let x = 0; x < w; x++) {
          const i = (y * w + x) * 4;
          if (Math.abs(da[i] - db[i]) + Math.abs(da[i + 1] - db[i + 1]) + Math.abs(da[i + 2] - db[i + 2]) < 24) continue;
          n++;
          changed = true;
        }
        if (changed) rows.push(y);
      }
      if (!rows.length) return { n };
      let y0 = rows[0], y1 = rows[0];
      for (const y of rows) if (y <= y1 + 4) y1 = y;
      const right = (d) => {
        let r = -1;
        for (let y = y0; y <= y1; y++) for (let x = 0; x < w; x++) if (dark(d, (y * w + x) * 4)) r = Math.max(r, x);
        return r;
      };
      return { n, band: [y0, y1], rightA: right(da), rightB: right(db) };
    }, [a.toString('base64'), b.toString('base64')]);
  } finally {
    await scratch.close();
  }
}

async function flow(browser, base, mode) {
  const tag = mode === 'demo' ? 'offline' : 'online';
  const url = mode === 'demo' ? `${base}/?demo=1` : `${base}/`;
  const context = await newContext(browser, { width: 1280, height: 800 });
  const fetched = [];
  const held = [];
  let hold = true;
  await context.route('**/emoji/*.ttf', (route) => {
    fetched.push(new URL(route.request().url()).pathname.replace(/^.*\/emoji\//, ''));
    if (hold) held.push(route);
    else route.continue();
  });
  const page = await openPortal(context, url);

  await test(`${tag}: the first load and a screen without emoji fetch no emoji font`, async () => {
    await signIn(page, ANNA, mode, (s) => s.screen === 'my_support');
    await press(page, byKeyEnd('##nav-requests'), 'Requests');
    await waitState(page, (s) => s.values['requests.view'] === 'list', 'the list', 8000);
    await settle(page);
    check(fetched.length === 0, `fetched ${fetched.join(', ')}`);
  });

  let before = null;
  await test(`${tag}: a subject with emoji fetches only the chunks it needs; "?" until they are here`, async () => {
    await scrollTop(page);
    await press(page, byKeyEnd('##new-request'), 'New request');
    await waitState(page, (s) => s.values['requests.view'] === 'new', 'the form');
    await typeInto(page, '##new-subject', SUBJECT);
    await typeInto(page, '##new-description', 'The office printer stopped after the party 🎉 on Friday.');
    await waitState(page, (s) => s.values['requests.kb.pending'] !== '1', 'the suggestions', 8000);
    await press(page, byKeyEnd('##sev-3'), 'severity 3');
    await press(page, byKeyEnd('##cat-technical'), 'category technical');
    await press(page, byKeyEnd('##new-submit'), 'Send request');
    await waitState(page, (s) => s.values['requests.view'] === 'detail' && s.values['requests.detail.subject'] === SUBJECT,
      'the detail with the emoji subject', 8000);
    await settle(page);
    const wanted = [...new Set(fetched)].map((f) => f.replace(/\.ttf$/, '')).sort();
    check(JSON.stringify(wanted) === JSON.stringify([...CHUNKS].sort()), `fetched ${wanted.join(', ')}`);
    const s = await state(page);
    check((s.values.emoji_glyphs || '') === '', `glyphs before the font arrived: ${s.values.emoji_glyphs}`);
    await page.evaluate(() => window.portalTest.draw(true));
    await settle(page);
    before = await page.screenshot();
  });

  await test(`${tag}: once the chunks are here the subject is drawn with emoji glyphs, not "?"`, async () => {
    check(before, 'no screenshot before');
    hold = false;
    for (const r of held.splice(0)) await r.continue();
    await waitState(page, (st) => GLYPHS.every((g) => (st.values.emoji_glyphs || '').split(',').includes(g)),
      'the emoji glyphs in the atlas', 8000);
    check(fetched.length === CHUNKS.length, `fetched again: ${fetched.join(', ')}`);
    await settle(page);
    const after = await page.screenshot();
    await page.evaluate(() => window.portalTest.draw(false));
    if (mode === 'demo') {
      fs.mkdirSync(shotsDir, { recursive: true });
      fs.writeFileSync(path.join(shotsDir, 'emoji-subject-before-1280.png'), before);
      fs.writeFileSync(path.join(shotsDir, 'emoji-subject-1280.png'), after);
    }
    // The subject's line: four emoji of about 1.1 em each where four "?" of 0.6 em were.
    const d = await compare(context, before, after);
    check(d.n > 100, `only ${d.n} pixels changed`);
    check(d.band && d.band[1] - d.band[0] < 60, `the first changed rows are not one line: ${JSON.stringify(d)}`);
    check(d.rightB - d.rightA > 30, `the subject did not widen with emoji glyphs: ${JSON.stringify(d)}`);
    check(pageErrors(page).length === 0, pageErrors(page).join('; '));
  });
  await context.close();
}

runSuite({
  offline: (browser, base) => flow(browser, base, 'demo'),
  online: (browser, base) => flow(browser, base, 'online'),
});
