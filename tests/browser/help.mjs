// Browser tests of the Help screen, clicking and typing as a customer does:
//   node tests/browser/help.mjs
// Runs the same flow in the offline demo (a static host, ?demo=1) and ONLINE against portal-server
// (--demo, a fresh data folder), signed out first:
//   Help → instant search in English (the query follows every keystroke; the ranked server answer
//   ~150 ms after the last one) → open the article → Back → a FAQ question expands with its answer
//   → the chat-bot answers from the knowledge base, says so when nothing matches, opens the article
//   it found → "Create a request" signed out leads to sign-in → signed in, the conversation is still
//   there → "Talk to a person" opens the Requests screen with the conversation as the draft →
//   Russian and Bulgarian: the list reloads in that language and typed Cyrillic finds the article.
// Screenshots of the help page, an article and the chat at 1280x800 and 390x844 (device scale 1
// and 2) into PORTAL_SCREENSHOT_DIR (default build/screenshots).
// Env: PORTAL_DIST_DIR (else web/ + PORTAL_WASM_BUILD_DIR or build/wasm), PORTAL_SCREENSHOT_DIR,
//      PORTAL_SERVER (default build/native/src/server/portal-server), PORTAL_CHROMIUM.
// Prints "N passed, M failed"; exits 1 on any failure.
import {
  byKeyEnd, byLabel, check, click, closeNav, find, items, nav, newContext, openNav, openPortal, press,
  root, runSuite, screenshot, scrollTo, scrollTop, signIn, state, test, typeInto, values, waitState,
} from './lib.mjs';
import fs from 'node:fs';
import path from 'node:path';

const CUSTOMER = { email: 'basic@demo.example', password: 'demo-pass-1' };

async function openHelp(page, lang = 'en') {
  await nav(page, 'help');
  await closeNav(page);
  await waitState(page, (s) => s.values['help.lang'] === lang && (s.values['help.list'] || '').length > 0,
    `the help list in ${lang}`, 10000);
}

async function setLanguage(page, code) {
  await openNav(page);
  await click(page, await find(page, byLabel(code.toUpperCase()), `language ${code}`));
  await waitState(page, (s) => s.lang === code, `lang=${code}`);
  await closeNav(page);
}

// Types the query one key at a time, checking that every keystroke shows at once, then waits for
// the server's ranked results; returns their ids.
async function search(page, query) {
  const field = await scrollTo(page, byKeyEnd('##kb-search'), 'the search field');
  await click(page, field);
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Delete');
  let typed = '';
  for (const ch of query) {
    typed += ch;
    await page.keyboard.type(ch);
    await waitState(page, (st) => st.values['help.query'] === typed, `"${typed}" shown after the keystroke`, 1500);
  }
  const s = await waitState(page, (st) => st.values['help.searched'] === query && st.values['help.results'] !== '',
    `results for "${query}"`, 5000);
  return s.values['help.results'].split(',');
}

async function askBot(page, question) {
  const before = Number((await values(page))['help.chat.answers'] || 0);
  await typeInto(page, '##chat-input', question);
  await page.keyboard.press('Enter');
  const s = await waitState(page, (st) => Number(st.values['help.chat.answers'] || 0) === before + 1, `an answer to "${question}"`, 8000);
  return s.values;
}

async function flow(browser, base, mode) {
  const url = mode === 'demo' ? `${base}/?demo=1` : `${base}/`;
  const context = await newContext(browser, { width: 1280, height: 800, dpr: 1 });
  const page = await openPortal(context, url);
  const tag = mode === 'demo' ? 'offline' : 'online';

  await test(`${tag}: Help signed out: guides by category, FAQ, chat`, async () => {
    check((await state(page)).mode === mode, `mode ${(await state(page)).mode}`);
    await openHelp(page);
    if (mode !== 'demo') return;  // the same UI code as offline: only the loading differs
    const v = await values(page);
    check(v['help.list'].split(',').includes('response-deadlines'), `list: ${v['help.list']}`);
    check(v['help.categories'].startsWith('all,') && v['help.categories'].includes('troubleshooting'), `categories ${v['help.categories']}`);
    await press(page, byKeyEnd('##kb-cat-troubleshooting'), 'Troubleshooting');
    const t = await waitState(page, (st) => st.values['help.category'] === 'troubleshooting', 'category chosen');
    check(t.values['help.list'] === 'trouble-sign-in,trouble-offline-demo,trouble-request-stuck,emails-not-arriving', `troubleshooting: ${t.values['help.list']}`);
    await press(page, byKeyEnd('##kb-cat-all'), 'All');
  });

  await test(`${tag}: instant search in English, open the article, back`, async () => {
    const ids = await search(page, 'deadlines');
    check(ids[0] === 'response-deadlines', `first result ${ids[0]} of ${ids}`);
    await press(page, byKeyEnd('##kb-response-deadlines'), 'the result');
    const s = await waitState(page, (st) => st.values['help.article_title'] !== '' && st.values['help.view'] === 'article', 'the article');
    check(s.values['help.article'] === 'response-deadlines', `article ${s.values['help.article']}`);
    check(s.values['help.article_title'] === 'How response deadlines are calculated', `title ${s.values['help.article_title']}`);
    if (mode === 'demo') await screenshot(page, 'help-article-1280x800@1x');
    await press(page, byKeyEnd('##kb-back'), 'Back');
    const b = await waitState(page, (st) => st.values['help.view'] === 'list', 'back to the list');
    check(b.values['help.query'] === 'deadlines', 'the search was kept');
    await typeInto(page, '##kb-search', '');
    await waitState(page, (st) => st.values['help.query'] === '' && (st.values['help.list'] || '') !== '', 'the list again');
  });

  if (mode === 'demo') await test(`${tag}: nothing found says so`, async () => {
    await typeInto(page, '##kb-search', 'zzqxv');
    await waitState(page, (st) => st.values['help.searched'] === 'zzqxv', 'the empty search');
    check((await values(page))['help.results'] === '', 'results for nonsense');
    await typeInto(page, '##kb-search', '');
  });

  await test(`${tag}: a FAQ question expands with its answer`, async () => {
    await press(page, byKeyEnd('##kb-cat-faq'), 'the FAQ chip');
    await waitState(page, (st) => st.values['help.category'] === 'faq', 'FAQ chosen');
    await press(page, byKeyEnd('##faq-faq-determine-level'), 'the FAQ question');
    const s = await waitState(page, (st) => (st.values['help.faq_open'] || '').includes('faq-determine-level') &&
      (st.values['help.faq_body.faq-determine-level'] || '').length > 20, 'the answer');
    const kb = JSON.parse(fs.readFileSync(path.join(root, 'assets/kb/en.json'), 'utf8'));
    const want = kb.articles.find((a) => a.id === 'faq-determine-level').body.slice(0, 40);
    check(s.values['help.faq_body.faq-determine-level'].startsWith(want), `answer ${s.values['help.faq_body.faq-determine-level']}`);
    await press(page, byKeyEnd('##faq-faq-determine-level'), 'the FAQ question again');
    await waitState(page, (st) => !(st.values['help.faq_open'] || '').includes('faq-determine-level'), 'collapsed');
  });

  const question = 'How are response deadlines calculated?';
  await test(`${tag}: the chat-bot answers from the knowledge base`, async () => {
    await scrollTop(page);
    let v = await askBot(page, question);
    check(v['help.chat.last_article'] === 'response-deadlines', `answer ${v['help.chat.last_article']}`);
    // Plain words that do not all appear in one article: the bot still finds the best one.
    v = await askBot(page, 'my request seems stuck and nobody is answering');
    check(v['help.chat.last_article'] === 'trouble-request-stuck', `answer ${v['help.chat.last_article']}`);
    v = await askBot(page, 'zzqxv wubble');
    check(v['help.chat.last_article'] === '', `nonsense answered with ${v['help.chat.last_article']}`);
    check(v['help.chat.count'] === '6', `messages ${v['help.chat.count']}`);
    if (mode === 'demo') await screenshot(page, 'help-chat-1280x800@1x');
    await press(page, byKeyEnd('##chat-open-1'), 'Open article');
    await waitState(page, (st) => st.values['help.article'] === 'response-deadlines' && st.values['help.article_title'] !== '', 'the article from the chat');
    await press(page, byKeyEnd('##kb-back'), 'Back');
    await waitState(page, (st) => st.values['help.view'] === 'list', 'back');
  });

  await test(`${tag}: hand-over: sign in first, then "Talk to a person" opens a request with the conversation`, async () => {
    await press(page, byKeyEnd('##chat-request'), 'Create a request');
    await waitState(page, (st) => st.screen === 'sign_in', 'sent to sign in');
    await signIn(page, CUSTOMER, mode);
    await openHelp(page);
    check((await values(page))['help.chat.count'] === '6', 'the conversation was lost');
    await press(page, byKeyEnd('##chat-person'), 'Talk to a person');
    const s = await waitState(page, (st) => st.screen === 'requests', 'the Requests screen');
    const draft = JSON.parse(s.values['help.chat.handover']);
    check(draft.subject === question, `subject ${draft.subject}`);
    check(draft.category === 'technical', `category ${draft.category}`);
    check(draft.description.startsWith(`You: ${question}\nBot: `) && draft.description.includes('You: zzqxv wubble'),
      `description ${draft.description}`);
  });

  await test(`${tag}: Russian and Bulgarian: the list reloads, typed Cyrillic finds the article`, async () => {
    await openHelp(page);
    await setLanguage(page, 'ru');
    await waitState(page, (st) => st.values['help.lang'] === 'ru' && (st.values['help.list'] || '') !== '', 'the list in Russian');
    let ids = await search(page, 'сроки ответа');
    check(ids[0] === 'response-deadlines', `ru first result ${ids[0]}`);
    await press(page, byKeyEnd('##kb-response-deadlines'), 'the Russian result');
    let s = await waitState(page, (st) => st.values['help.article_title'] !== '', 'the Russian article');
    check(s.values['help.article_title'] === 'Как рассчитываются сроки ответа', `ru title ${s.values['help.article_title']}`);
    await press(page, byKeyEnd('##kb-back'), 'Назад');
    await setLanguage(page, 'bg');
    // The same query is searched again in Bulgarian; then a Bulgarian one.
    await waitState(page, (st) => st.values['help.lang'] === 'bg', 'the list in Bulgarian');
    ids = await search(page, 'работен час');
    check(ids[0] === 'faq-business-hour', `bg first result ${ids[0]}`);
    await press(page, byKeyEnd('##kb-faq-business-hour'), 'the Bulgarian result');
    s = await waitState(page, (st) => st.values['help.article_title'] !== '', 'the Bulgarian article');
    check(s.values['help.article_title'] === 'Какво е работен час?', `bg title ${s.values['help.article_title']}`);
    await press(page, byKeyEnd('##kb-back'), 'Back');
    await typeInto(page, '##kb-search', '');
    await setLanguage(page, 'en');
    check(page.portalErrors.length === 0, page.portalErrors.join('\n'));
  });
  await context.close();
}

// Screenshots of the help page, an article and the chat at both sizes and device scales.
async function shots(browser, base) {
  for (const [width, height, dpr] of [[1280, 800, 2], [390, 844, 1], [390, 844, 2]]) {
    const name = `${width}x${height}@${dpr}x`;
    await test(`screenshots ${name}`, async () => {
      const context = await newContext(browser, { width, height, dpr, touch: width < 600 });
      const page = await openPortal(context, `${base}/?demo=1`);
      await openHelp(page);
      await scrollTop(page);
      await screenshot(page, `help-${name}`);
      const { width: w } = page.viewportSize();
      const out = (await items(page)).filter((i) => i.x < -1 || i.x + i.w > w + 1);
      check(out.length === 0, `items outside: ${out.map((i) => i.key).join(', ')}`);
      await askBot(page, 'Can I book a call on the Basic plan?');
      await scrollTo(page, byKeyEnd('##chat-person'), 'the handover buttons');
      await screenshot(page, `help-chat-${name}`);
      await press(page, byKeyEnd('##chat-open-1'), 'Open article');
      await waitState(page, (st) => st.values['help.article_title'] !== '', 'the article');
      await screenshot(page, `help-article-${name}`);
      check(page.portalErrors.length === 0, page.portalErrors.join('\n'));
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
