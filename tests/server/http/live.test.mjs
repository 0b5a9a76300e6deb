// Issue #10 against the real server: the events stream (who hears what, Last-Event-ID replay,
// 1,000 idle streams) and the chats (live chat from waiting to ended with its transcript on a
// request, dedicated chat only to the dedicated agent, closed hours refused with the opening time).
//   node live.test.mjs path/to/portal-server
// The catalog is the shipped one with two schedules changed so that hours are deterministic:
// dedicated chat always open, and Standard's hours (weekdays_8_20) open only two days from today.
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { assert, isErrorShape, openEvents, register, request, run, startServer, tempDir, test } from './lib.mjs';

const ASSETS = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../../../assets');
const DAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
const berlinWeekday = (date) => DAYS.indexOf(new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Berlin', weekday: 'short' }).format(date));
const openDay = (berlinWeekday(new Date()) + 2) % 7;

function testCatalog() {
  const catalog = JSON.parse(fs.readFileSync(path.join(ASSETS, 'catalog.json'), 'utf8'));
  for (const s of catalog.schedules) {
    if (s.id === 'dedicated_cet') { s.weekly = DAYS.map(() => [{ open: '00:00', close: '24:00' }]); s.holidays = []; }
    if (s.id === 'weekdays_8_20') { s.weekly = DAYS.map((_, i) => (i === openDay ? [{ open: '08:00', close: '20:00' }] : [])); s.holidays = []; }
  }
  const file = path.join(tempDir('portal-catalog-'), 'catalog.json');
  fs.writeFileSync(file, JSON.stringify(catalog));
  return file;
}

const server = await startServer({ data: tempDir(), args: ['--demo', '--catalog', testCatalog()] });
const streamAgent = new http.Agent({ keepAlive: false, maxSockets: Infinity });

async function login(email, password) {
  const r = await request(server, 'POST', '/api/v1/auth/login', { json: { email, password } });
  assert.equal(r.status, 200, r.text);
  return r.json.token;
}
const customer = (plan) => login(`${plan}@demo.example`, 'demo-pass-1');
const agent = (name) => login(`${name}@demo.example`, 'agent-pass-1');

// An open events stream of the demo server (lib.mjs openEvents).
const openStream = (token, options = {}) => openEvents(server, token, { agent: streamAgent, ...options });

test('a customer hears the agent reply within a second; another company hears nothing', async () => {
  const globex = await customer('standard');
  const northwind = await customer('basic');
  const anna = await agent('anna');
  const [gs, ns, as] = await Promise.all([openStream(globex), openStream(northwind), openStream(anna)]);
  assert.equal(gs.status, 200);
  assert.match(gs.headers['content-type'], /^text\/event-stream/);
  await gs.next((e) => e.type === 'hello');

  const created = await request(server, 'POST', '/api/v1/requests', { token: globex, json: { subject: 'VPN drops', description: 'Every hour', severity: 3, category: 'technical' } });
  assert.equal(created.status, 201, created.text);
  const id = created.json.id;
  await as.next((e) => e.type === 'request.created' && e.id === id);  // the L1 queue hears a new request

  const sent = performance.now();
  const reply = await request(server, 'POST', `/api/v1/requests/${id}/messages`, { token: anna, json: { body: 'Анна: перезапустите клиент' } });
  assert.equal(reply.status, 201, reply.text);
  const heard = await gs.next((e) => e.type === 'request.updated' && e.id === id && e.changed.includes('message'));
  assert.equal(heard.by, 'agent');
  assert.ok(heard.changed.includes('sla'), 'the reply met the first-response clock: ' + JSON.stringify(heard));
  console.log(`     reply → customer's stream: ${(heard.receivedAt - sent).toFixed(1)} ms`);

  // Northwind hears its own change, and by then has heard nothing of Globex's request.
  const own = await request(server, 'POST', '/api/v1/requests', { token: northwind, json: { subject: 'Mine', description: 'x', severity: 4, category: 'other' } });
  await ns.next((e) => e.type === 'request.created' && e.id === own.json.id);
  assert.equal(ns.events.filter((e) => e.id === id).length, 0, JSON.stringify(ns.events));
  assert.equal(gs.events.filter((e) => e.id === own.json.id).length, 0);
  for (const s of [gs, ns, as]) s.close();
});

test('Last-Event-ID replays a missed change; a token in no header is refused', async () => {
  const globex = await customer('standard');
  const anna = await agent('anna');
  const created = await request(server, 'POST', '/api/v1/requests', { token: globex, json: { subject: 'Printer', description: 'jams', severity: 4, category: 'technical' } });
  const id = created.json.id;
  const first = await openStream(globex);
  await first.next((e) => e.type === 'hello');
  const position = first.lastId;
  first.close();
  const change = await request(server, 'POST', `/api/v1/requests/${id}/status`, { token: anna, json: { status: 'pending' } });
  assert.equal(change.status, 200, change.text);
  const again = await openStream(globex, { lastEventId: position });
  const missed = await again.next((e) => e.type === 'request.updated' && e.id === id);
  assert.ok(missed.changed.includes('status'));
  assert.equal(missed.status, 'pending');
  again.close();
  const none = await openStream('not-a-token');
  assert.equal(none.status, 401);
  assert.equal(JSON.parse(none.text).error.code, 'unauthorized');
});

test('bookings and the subscription are heard by the company', async () => {
  const umbrella = await customer('premium');
  const s = await openStream(umbrella);
  await s.next((e) => e.type === 'hello');
  const slots = await request(server, 'GET', '/api/v1/booking/slots', { token: umbrella });
  assert.equal(slots.status, 200, slots.text);
  const booked = await request(server, 'POST', '/api/v1/bookings', { token: umbrella, json: { start: slots.json.slots[0].start, topic: 'support' } });
  assert.equal(booked.status, 201, booked.text);
  await s.next((e) => e.type === 'booking.created' && e.id === booked.json.id);
  const cancelled = await request(server, 'DELETE', `/api/v1/bookings/${booked.json.id}`, { token: umbrella });
  assert.equal(cancelled.status, 204);
  await s.next((e) => e.type === 'booking.cancelled' && e.id === booked.json.id);
  s.close();
});

test('live chat: waiting → accepted → both ways in Russian → ended, transcript on a request', async () => {
  const umbrella = await customer('premium');  // Premium: live chat around the clock
  const anna = await agent('anna');
  const boris = await agent('boris');
  const start = { channel: 'chat', body: 'Не работает VPN', bot: [{ from: 'customer', body: 'vpn' }, { from: 'bot', body: 'Попробуйте статью о VPN' }] };
  await request(server, 'PUT', '/api/v1/agents/me/availability', { token: anna, json: { available: false } });
  assert.equal(isErrorShape(await request(server, 'POST', '/api/v1/chats', { token: umbrella, json: start }), 409).code, 'no_agent_available');
  const avail = await request(server, 'PUT', '/api/v1/agents/me/availability', { token: anna, json: { available: true } });
  assert.equal(avail.status, 200, avail.text);
  assert.equal(avail.json.available, true);

  const [cs, as] = await Promise.all([openStream(umbrella), openStream(anna)]);
  await cs.next((e) => e.type === 'hello');
  const chat = await request(server, 'POST', '/api/v1/chats', { token: umbrella, json: start });
  assert.equal(chat.status, 201, chat.text);
  assert.equal(chat.json.status, 'waiting');
  assert.equal(chat.json.place, 1);
  assert.ok(chat.json.estimated_wait_seconds > 0);
  assert.deepEqual(chat.json.messages.map((m) => m.author_kind), ['customer', 'bot', 'customer']);
  const id = chat.json.id;
  assert.equal(isErrorShape(await request(server, 'POST', '/api/v1/chats', { token: umbrella, json: start }), 409).code, 'chat_open');
  await as.next((e) => e.type === 'chat.updated' && e.id === id && e.status === 'waiting');

  const waiting = await request(server, 'GET', '/api/v1/chats?status=waiting', { token: anna });
  assert.ok(waiting.json.chats.some((c) => c.id === id), waiting.text);
  const l2 = await request(server, 'GET', '/api/v1/chats?status=waiting', { token: boris });
  assert.ok(!l2.json.chats.some((c) => c.id === id), 'an L2 agent does not see a first-line chat');

  const accepted = await request(server, 'POST', `/api/v1/chats/${id}/accept`, { token: anna });
  assert.equal(accepted.status, 200, accepted.text);
  assert.equal(accepted.json.agent.name.length > 0, true);
  await cs.next((e) => e.type === 'chat.updated' && e.id === id && e.status === 'active');
  assert.equal(isErrorShape(await request(server, 'POST', `/api/v1/chats/${id}/accept`, { token: anna }), 409).code, 'not_waiting');

  let t0 = performance.now();
  const a1 = await request(server, 'POST', `/api/v1/chats/${id}/messages`, { token: anna, json: { body: 'Здравствуйте! Перезагрузите роутер.' } });
  assert.equal(a1.status, 201, a1.text);
  const toCustomer = await cs.next((e) => e.type === 'chat.updated' && e.id === id && e.by === 'agent' && e.message);
  t0 = toCustomer.receivedAt - t0;
  let t1 = performance.now();
  const c1 = await request(server, 'POST', `/api/v1/chats/${id}/messages`, { token: umbrella, json: { body: 'Спасибо, заработало!' } });
  assert.equal(c1.status, 201, c1.text);
  const toAgent = await as.next((e) => e.type === 'chat.updated' && e.id === id && e.by === 'customer' && e.message);
  t1 = toAgent.receivedAt - t1;
  console.log(`     chat line → other side's stream: agent→customer ${t0.toFixed(1)} ms, customer→agent ${t1.toFixed(1)} ms`);
  const read = await request(server, 'GET', `/api/v1/chats/${id}`, { token: umbrella });
  assert.deepEqual(read.json.messages.slice(-2).map((m) => m.body), ['Здравствуйте! Перезагрузите роутер.', 'Спасибо, заработало!']);

  const ended = await request(server, 'POST', `/api/v1/chats/${id}/end`, { token: anna, json: {} });
  assert.equal(ended.status, 200, ended.text);
  assert.equal(ended.json.status, 'ended');
  const rid = ended.json.request_id;
  assert.ok(rid);
  await cs.next((e) => e.type === 'request.created' && e.id === rid);
  const req = await request(server, 'GET', `/api/v1/requests/${rid}`, { token: umbrella });
  assert.equal(req.status, 200, req.text);
  assert.equal(req.json.status, 'resolved');
  assert.match(req.json.subject, /^Chat: /);
  assert.ok(req.json.description.includes('Попробуйте статью о VPN'), 'the bot lines are in the transcript');
  assert.ok(req.json.messages.some((m) => m.body === 'Здравствуйте! Перезагрузите роутер.'));
  assert.ok(req.json.sla.first_response.met_at, 'the agent line met the first-response clock: ' + JSON.stringify(req.json.sla));
  const rated = await request(server, 'POST', `/api/v1/requests/${rid}/rating`, { token: umbrella, json: { score: 5 } });
  assert.equal(rated.status, 201, rated.text);
  assert.equal(isErrorShape(await request(server, 'POST', `/api/v1/chats/${id}/messages`, { token: umbrella, json: { body: 'ещё' } }), 409).code, 'chat_ended');
  cs.close();
  as.close();
});

test('dedicated chat reaches only the dedicated agent', async () => {
  const umbrella = await customer('premium');
  const maria = await agent('maria');
  const boris = await agent('boris');
  const anna = await agent('anna');
  await request(server, 'PUT', '/api/v1/agents/me/availability', { token: boris, json: { available: true } });
  await request(server, 'PUT', '/api/v1/agents/me/availability', { token: maria, json: { available: false } });
  const body = { channel: 'dedicated_chat', body: 'Мария, нужна помощь' };
  assert.equal(isErrorShape(await request(server, 'POST', '/api/v1/chats', { token: umbrella, json: body }), 409).code, 'no_agent_available');
  await request(server, 'PUT', '/api/v1/agents/me/availability', { token: maria, json: { available: true } });
  const chat = await request(server, 'POST', '/api/v1/chats', { token: umbrella, json: body });
  assert.equal(chat.status, 201, chat.text);
  const id = chat.json.id;
  for (const other of [boris, anna]) {
    const list = await request(server, 'GET', '/api/v1/chats?status=waiting', { token: other });
    assert.ok(!list.json.chats.some((c) => c.id === id));
    assert.equal((await request(server, 'POST', `/api/v1/chats/${id}/accept`, { token: other })).status, 404);
  }
  const list = await request(server, 'GET', '/api/v1/chats?status=waiting', { token: maria });
  assert.ok(list.json.chats.some((c) => c.id === id));
  const accepted = await request(server, 'POST', `/api/v1/chats/${id}/accept`, { token: maria });
  assert.equal(accepted.status, 200, accepted.text);
  const ended = await request(server, 'POST', `/api/v1/chats/${id}/end`, { token: umbrella, json: {} });
  assert.equal(ended.status, 200, ended.text);
});

test('ending a chat on a chosen request: appended there; another company\'s or a closed one refused', async () => {
  const umbrella = await customer('premium');
  const globex = await customer('standard');
  const anna = await agent('anna');
  await request(server, 'PUT', '/api/v1/agents/me/availability', { token: anna, json: { available: true } });
  const mine = await request(server, 'POST', '/api/v1/requests', { token: umbrella, json: { subject: 'Printer offline', description: 'The printer on floor 2 is offline', severity: 3, category: 'technical' } });
  assert.equal(mine.status, 201, mine.text);
  const closedOne = await request(server, 'POST', '/api/v1/requests', { token: umbrella, json: { subject: 'Old issue', description: 'Already solved', severity: 4, category: 'technical' } });
  assert.equal(closedOne.status, 201, closedOne.text);
  const closing = await request(server, 'POST', `/api/v1/requests/${closedOne.json.id}/status`, { token: umbrella, json: { status: 'closed' } });
  assert.equal(closing.status, 200, closing.text);
  const theirs = await request(server, 'POST', '/api/v1/requests', { token: globex, json: { subject: 'Globex only', description: 'Not for Umbrella', severity: 3, category: 'technical' } });
  assert.equal(theirs.status, 201, theirs.text);

  const chat = await request(server, 'POST', '/api/v1/chats', { token: umbrella, json: { channel: 'chat', body: 'About the printer' } });
  assert.equal(chat.status, 201, chat.text);
  const id = chat.json.id;
  assert.equal((await request(server, 'POST', `/api/v1/chats/${id}/accept`, { token: anna })).status, 200);
  const reply = await request(server, 'POST', `/api/v1/chats/${id}/messages`, { token: anna, json: { body: 'Restart the print spooler, please.' } });
  assert.equal(reply.status, 201, reply.text);

  const foreign = isErrorShape(await request(server, 'POST', `/api/v1/chats/${id}/end`, { token: anna, json: { request_id: theirs.json.id } }), 422);
  assert.equal(foreign.field, 'request_id');
  const foreignByNumber = isErrorShape(await request(server, 'POST', `/api/v1/chats/${id}/end`, { token: anna, json: { request_id: theirs.json.number } }), 422);
  assert.equal(foreignByNumber.field, 'request_id');
  const closed = isErrorShape(await request(server, 'POST', `/api/v1/chats/${id}/end`, { token: anna, json: { request_id: closedOne.json.id } }), 409);
  assert.equal(closed.code, 'request_closed');
  assert.equal(closed.field, 'request_id');
  assert.equal(isErrorShape(await request(server, 'POST', `/api/v1/chats/${id}/end`, { token: anna, json: { request_id: true } }), 422).field, 'request_id');
  assert.equal((await request(server, 'GET', `/api/v1/chats/${id}`, { token: umbrella })).json.status, 'active', 'a refused end leaves the chat open');

  const ended = await request(server, 'POST', `/api/v1/chats/${id}/end`, { token: anna, json: { request_id: `#${mine.json.number}` } });
  assert.equal(ended.status, 200, ended.text);
  assert.equal(ended.json.status, 'ended');
  assert.equal(ended.json.request_id, mine.json.id);
  assert.equal(ended.json.request.id, mine.json.id);
  const req = await request(server, 'GET', `/api/v1/requests/${mine.json.id}`, { token: umbrella });
  assert.equal(req.json.subject, 'Printer offline', 'the chosen request keeps its subject');
  const bodies = req.json.messages.map((m) => m.body);
  assert.ok(bodies.includes('About the printer'), 'the customer line is appended: ' + JSON.stringify(bodies));
  assert.ok(bodies.includes('Restart the print spooler, please.'), 'the agent line is appended');
  const met = req.json.sla.first_response.met_at;
  assert.ok(met, 'the agent line met the first-response clock: ' + JSON.stringify(req.json.sla));
  assert.ok(new Date(met) >= new Date(mine.json.created_at), 'met no earlier than the request existed');
  assert.equal(req.json.status, 'resolved');
  const list = await request(server, 'GET', '/api/v1/requests?limit=100', { token: umbrella });
  assert.ok(!list.json.requests.some((r) => r.subject.startsWith('Chat: About the printer')), 'no new request was opened');
});

test('closed hours: 409 with the opening time; no channel on the tier: 403 with the way to unlock it', async () => {
  const globex = await customer('standard');
  const closed = isErrorShape(await request(server, 'POST', '/api/v1/chats', { token: globex, json: { channel: 'chat', body: 'hello' } }), 409);
  assert.equal(closed.code, 'channel_closed');
  assert.equal(closed.time_zone, 'Europe/Berlin');
  const opens = new Date(closed.opens_at);
  assert.ok(opens > new Date(), closed.opens_at);
  assert.equal(berlinWeekday(opens), openDay, `opens on the one open weekday: ${closed.opens_at}`);
  assert.equal(new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Berlin', hour: '2-digit', minute: '2-digit' }).format(opens), '08:00');
  const northwind = await customer('basic');
  const locked = isErrorShape(await request(server, 'POST', '/api/v1/chats', { token: northwind, json: { channel: 'chat', body: 'hello' } }), 403);
  assert.equal(locked.code, 'channel_locked');
  assert.ok(locked.unlock && locked.unlock.id, JSON.stringify(locked));
  const bad = isErrorShape(await request(server, 'POST', '/api/v1/chats', { token: northwind, json: { channel: 'fax', body: 'hello' } }), 422);
  assert.equal(bad.field, 'channel');
});

test('1,000 idle streams: memory and a read\'s latency; caps per user (429)', async () => {
  const rss = () => Number(/VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${server.child.pid}/status`, 'utf8'))[1]);
  const token = await customer('standard');
  const timeRead = async () => {
    const times = [];
    for (let i = 0; i < 20; i++) {
      const t = performance.now();
      const r = await request(server, 'GET', '/api/v1/requests?limit=20', { token });
      assert.equal(r.status, 200);
      times.push(performance.now() - t);
    }
    times.sort((a, b) => a - b);
    return times[10];
  };
  const before = rss();
  const readBefore = await timeRead();
  // 125 customers × 8 streams (the per-user cap); each stream its own connection.
  const users = [];
  for (let i = 0; i < 125; i++) users.push((await register(server, { company: `Idle ${i}` })).token);
  const streams = [];
  for (let batch = 0; batch < 10; batch++)
    streams.push(...await Promise.all(Array.from({ length: 100 }, (_, i) => {
      const u = (batch * 100 + i) % 125;  // each customer on an address of its own (connections are capped per address)
      return openStream(users[u], { localAddress: `127.6.0.${u + 1}` });
    })));
  assert.equal(streams.filter((s) => s.status === 200).length, 1000);
  await Promise.all(streams.map((s) => s.next((e) => e.type === 'hello')));
  const after = rss();
  const readAfter = await timeRead();
  console.log(`     server RSS: ${(before / 1024).toFixed(1)} MB before, ${(after / 1024).toFixed(1)} MB with 1,000 streams ` +
              `(+${((after - before) / 1000).toFixed(1)} KB per stream); median GET /requests ${readBefore.toFixed(2)} ms → ${readAfter.toFixed(2)} ms`);
  // The per-user cap: a ninth stream of one customer is refused.
  const extra = await openStream(users[0], { localAddress: '127.6.0.1' });
  assert.equal(extra.status, 429, extra.text);
  assert.ok(Number(extra.headers['retry-after']) > 0);
  // A change still reaches an idle stream of the company.
  const created = await request(server, 'POST', '/api/v1/requests', { token: users[0], json: { subject: 'Fan-out', description: 'x', severity: 4, category: 'other' } });
  assert.equal(created.status, 201, created.text);
  const own = streams.filter((_, i) => i % 125 === 0);
  assert.equal(own.length, 8);
  await Promise.all(own.map((s) => s.next((e) => e.type === 'request.created' && e.id === created.json.id)));
  assert.equal(streams[1].events.filter((e) => e.id === created.json.id).length, 0);
  for (const s of streams) s.close();
}, { direct: true });  // through one load balancer all streams share one address

await run();
