// Issue #9 over real HTTP and the SQLite store: the agents' queue search (number, customer and
// company names) and filters, who asked, take, an escalation reason kept from the customer,
// closing undone, the actions a Request view offers, the KB across languages, and the .ics file name of a cancelled call.
//   node queue.test.mjs path/to/portal-server
import { addAgent, assert, register, request, run, startServer, tempDir, test, uniqueEmail } from './lib.mjs';

const data = tempDir();
const AGENT = { email: uniqueEmail('anna'), name: 'Anna Agent', level: 'L1', password: 'agent password 1' };
let server, hans, olga, agent;
const get = (p, token) => request(server, 'GET', p, { token });
const post = (p, json, token) => request(server, 'POST', p, { json, token });
const numbers = (r) => r.json.requests.map((x) => x.number);

test('setup: a server, an agent, two customers with requests', async () => {
  addAgent(data, AGENT);
  addAgent(data, { email: uniqueEmail('max'), name: 'Max Manager', level: 'L2', password: 'agent password 1' });
  server = await startServer({ data });
  hans = await register(server, { name: 'Hans Müller', company: 'Globex' });
  olga = await register(server, { name: 'Ольга Иванова', company: 'Initech' });
  const login = await post('/api/v1/auth/login', { email: AGENT.email, password: AGENT.password });
  assert.equal(login.status, 200, login.text);
  agent = login.json.token;
});

test('the queue: search by number and names, filters, who asked, take', async () => {
  const body = (subject) => ({ subject, description: 'Details follow.', severity: 3, category: 'technical' });
  const a = (await post('/api/v1/requests', body('Printer offline'), hans.token)).json;
  const b = (await post('/api/v1/requests', body('VPN down'), olga.token)).json;
  let r = await get(`/api/v1/requests?q=%23${b.number}`, agent);
  assert.deepEqual(numbers(r), [b.number]);
  r = await get(`/api/v1/requests?q=${encodeURIComponent('ольга')}`, agent);
  assert.deepEqual(numbers(r), [b.number]);
  r = await get('/api/v1/requests?q=globex%20printer', agent);
  assert.deepEqual(numbers(r), [a.number]);
  assert.equal(r.json.requests[0].customer.name, 'Hans Müller');
  assert.equal(r.json.requests[0].customer.company.name, 'Globex');
  assert.equal(r.json.requests[0].customer.plan, 'basic');
  assert.equal(r.json.requests[0].customer.effective_tier, 'basic');
  r = await post(`/api/v1/requests/${a.id}/take`, {}, agent);
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.assignee.name, 'Anna Agent');
  assert.deepEqual(numbers(await get('/api/v1/requests?assignee=me', agent)), [a.number]);
  assert.deepEqual(numbers(await get('/api/v1/requests?assignee=none', agent)), [b.number]);
  assert.equal((await get('/api/v1/requests?due=breached', agent)).json.total, 0);
  assert.equal((await get('/api/v1/requests?due=nope', agent)).json.error.field, 'due');
  // The customer does not see the agents' view of who asked.
  assert.equal((await get(`/api/v1/requests/${a.id}`, hans.token)).json.customer, undefined);

  // An escalation's reason: an internal note for agents only.
  r = await post(`/api/v1/requests/${b.id}/escalate`, { reason: 'VPN team needed' }, agent);
  assert.equal(r.status, 200, r.text);
  assert.deepEqual(r.json.messages.map((m) => m.author.kind), ['system', 'internal']);
  const theirs = await get(`/api/v1/requests/${b.id}`, olga.token);
  assert.deepEqual(theirs.json.messages.map((m) => m.author.kind), ['system']);

  // Closing asks in the UI and is undone here within the grace.
  r = await post(`/api/v1/requests/${a.id}/status`, { status: 'closed' }, hans.token);
  assert.equal(r.json.status, 'closed');
  assert.ok(r.json.reopen_until, r.text);
  r = await post(`/api/v1/requests/${a.id}/status`, { status: 'open' }, hans.token);
  assert.equal(r.json.status, 'open', r.text);
});

test('the Request view says what the caller may do now (actions)', async () => {
  const body = { subject: 'Scanner jams', description: 'Every second page.', severity: 3, category: 'technical' };
  const created = await post('/api/v1/requests', body, hans.token);
  assert.equal(created.status, 201, created.text);
  assert.deepEqual(created.json.actions, ['reply', 'close']);
  const id = created.json.id;
  assert.deepEqual((await get(`/api/v1/requests/${id}`, agent)).json.actions, ['reply', 'pending', 'resolve', 'escalate', 'take']);
  let r = await post(`/api/v1/requests/${id}/messages`, { body: 'On it.' }, agent);
  assert.equal(r.status, 201, r.text);
  r = await post(`/api/v1/requests/${id}/status`, { status: 'resolved' }, agent);
  assert.deepEqual(r.json.actions, ['reply']);
  assert.deepEqual((await get(`/api/v1/requests/${id}`, hans.token)).json.actions, ['reply', 'close', 'reopen', 'rate']);
  r = await post(`/api/v1/requests/${id}/rating`, { score: 5 }, hans.token);
  assert.equal(r.status, 201, r.text);
  assert.deepEqual(r.json.actions, ['reply', 'close', 'reopen']);
  // Summaries in a list carry no messages: no actions there.
  assert.equal((await get('/api/v1/requests', hans.token)).json.requests[0].actions, undefined);
});

test('KB: a Russian query in the English interface finds the Russian article', async () => {
  const r = await get(`/api/v1/kb/search?lang=en&q=${encodeURIComponent('письма не приходят')}`);
  assert.equal(r.json.results[0].id, 'emails-not-arriving');
  assert.equal(r.json.results[0].lang, 'ru');
});

test('a cancelled call: METHOD:CANCEL, same UID, and a readable file name', async () => {
  assert.equal((await post('/api/v1/me/plan', { plan: 'priority' }, hans.token)).status, 200);
  const slots = (await get('/api/v1/booking/slots', hans.token)).json;
  assert.equal(slots.with, 'manager');
  const booked = await post('/api/v1/bookings', { start: slots.slots[0].start, topic: 'support' }, hans.token);
  assert.equal(booked.status, 201, booked.text);
  assert.equal((await request(server, 'DELETE', `/api/v1/bookings/${booked.json.id}`, { token: hans.token })).status, 204);
  const ics = await get(`/api/v1/bookings/${booked.json.id}/ics`, hans.token);
  assert.match(ics.headers['content-disposition'], /filename="call-\d{4}-\d\d-\d\d-\d{4}-max-manager-cancelled\.ics"/);
  assert.match(ics.text, /METHOD:CANCEL\r\n/);
  assert.match(ics.text, /STATUS:CANCELLED\r\n/);
  assert.match(ics.text, /SEQUENCE:1\r\n/);
  assert.ok(ics.text.includes(`UID:booking-${booked.json.id}@support-portal\r\n`));
});

test('stop', async () => { await server.stop(); });

await run();
