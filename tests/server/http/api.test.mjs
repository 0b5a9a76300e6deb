// Every endpoint of api.md over real HTTP against portal-server, plus the HTTP layer's duties:
// limits, bad input, rate limits, isolation between customers, security headers, gzip, caching,
// static files and their path tricks, and a clean SIGTERM.
//   node api.test.mjs path/to/portal-server
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import {
  CLUSTER, addAgent, assert, checkSecurityHeaders, command, isErrorShape, rawRequest, register, request, run,
  startServer, tempDir, test, uniqueEmail,
} from './lib.mjs';

const data = tempDir();
const web = tempDir('portal-web-');
const outside = tempDir('portal-outside-');

// A small static site: a page, a script with a pre-compressed sibling, a hashed asset, a large
// CSS without sibling (gzipped on the fly), and a symlink that points outside the folder.
const SECRET = 'TOP-SECRET-OUTSIDE-THE-WEB-FOLDER';
fs.writeFileSync(path.join(outside, 'secret.txt'), SECRET);
const indexHtml = '<!doctype html><title>Support portal</title><script src="app.js"></script>';
fs.writeFileSync(path.join(web, 'index.html'), indexHtml);
const appJs = '// app\n' + 'console.log("portal");\n'.repeat(200);
fs.writeFileSync(path.join(web, 'app.js'), appJs);
const appJsGz = zlib.gzipSync(appJs, { level: 9 });
fs.writeFileSync(path.join(web, 'app.js.gz'), appJsGz);
fs.writeFileSync(path.join(web, 'app.0123abcd89.js'), 'console.log(1);');
const css = 'body { color: #123456; }\n'.repeat(300);
fs.writeFileSync(path.join(web, 'portal.css'), css);
fs.writeFileSync(path.join(web, 'portal.wasm'), Buffer.from([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0]));
fs.mkdirSync(path.join(web, 'sub'));
fs.writeFileSync(path.join(web, 'sub', 'page.txt'), 'sub page');
fs.symlinkSync(path.join(outside, 'secret.txt'), path.join(web, 'escape.txt'));
fs.writeFileSync(path.join(web, '.hidden'), 'hidden');

const AGENT_PW = 'agent password 1';
const L1 = { email: uniqueEmail('l1'), name: 'Lena One', level: 'L1', password: AGENT_PW };
const L2 = { email: uniqueEmail('l2'), name: 'Lars Two', level: 'L2', password: AGENT_PW };

let server;
let alice;  // a customer (basic, later priority)
let bob;    // another company's customer
let agentToken;
let requestId;

const get = (p, opts) => request(server, 'GET', p, opts);
const post = (p, opts) => request(server, 'POST', p, opts);
const del = (p, opts) => request(server, 'DELETE', p, opts);

test('operator commands: add-agent (password file), refusals, list-agents, check-catalog', async () => {
  addAgent(data, L1);
  // Too short a password, a bad level, a duplicate email: refused, nothing created.
  const pwDir = tempDir('pw-');
  fs.writeFileSync(path.join(pwDir, 'short'), 'short\n');
  let r = command(['add-agent', '--data', data, '--email', uniqueEmail('x'), '--name', 'X', '--level', 'L1',
                   '--password-file', path.join(pwDir, 'short')]);
  assert.equal(r.code, 1, r.stderr);
  assert.match(r.stderr, /at least 8/);
  r = command(['add-agent', '--data', data, '--email', uniqueEmail('x'), '--name', 'X', '--level', 'L9',
               '--password-file', path.join(pwDir, 'short')]);
  assert.equal(r.code, 2, r.stderr);
  r = command(['add-agent', '--data', data, '--email', L1.email, '--name', 'Again', '--level', 'L1'], { input: 'long enough pw\n' });
  assert.equal(r.code, 1, r.stderr);
  assert.match(r.stderr, /already used/);
  // the password from stdin (not a terminal here: read as a line)
  const L3email = uniqueEmail('l3');
  r = command(['add-agent', '--data', data, '--email', L3email, '--name', 'Via Stdin', '--level', 'L3'], { input: 'from stdin 123\n' });
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /added agent ag_[0-9a-f]+ \(L3\)/);
  r = command(['list-agents', '--data', data]);
  assert.equal(r.code, 0, r.stderr);
  assert.ok(r.stdout.includes(L1.email) && r.stdout.includes('L1'), r.stdout);
  assert.ok(r.stdout.includes(L3email), r.stdout);
  assert.equal(r.stdout.trim().split('\n').length, 2);
  r = command(['check-catalog']);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /4 plans/);
  const bad = path.join(pwDir, 'bad.json');
  fs.writeFileSync(bad, '{"plans": 5}');
  r = command(['check-catalog', '--catalog', bad]);
  assert.equal(r.code, 1);
  assert.match(r.stderr, /catalog/);
  r = command(['--help']);
  assert.equal(r.code, 0);
  for (const word of ['add-agent', 'set-company', 'backup', 'check-catalog', '--port', '--web', '--demo', '--assets'])
    assert.ok(r.stdout.includes(word), `--help mentions ${word}`);
  r = command(['--no-such-flag']);
  assert.equal(r.code, 2);
});

test('server starts on a free port (--port 0) and prints it; no demo logins without --demo', async () => {
  server = await startServer({ data, args: ['--web', web], quiet: false });
  assert.ok(server.port > 0);
  assert.ok(!/demo\.example/.test(server.stdout), 'no demo logins printed');
  const r = await post('/api/v1/auth/login', { json: { email: 'basic@demo.example', password: 'demo-pass-1' } });
  isErrorShape(r, 401);
});

test('add-agent while the server runs (L2 agent)', async () => {
  addAgent(data, L2);
});

test('POST /auth/register → 201 {token, customer}; duplicate → 409; bad fields → 422', async () => {
  alice = await register(server, { name: 'Alice Ångström', company: 'Acme Ltd' });
  assert.equal(typeof alice.token, 'string');
  assert.ok(alice.token.length >= 32);
  assert.equal(alice.customer.email, alice.email);
  bob = await register(server, { name: 'Bob', company: 'Other Co' });
  let r = await post('/api/v1/auth/register', { json: { email: alice.email.toUpperCase(), password: 'whatever 123', name: 'A', company: 'B' } });
  assert.equal(isErrorShape(r, 409).field, 'email');
  r = await post('/api/v1/auth/register', { json: { email: uniqueEmail(), password: 'short', name: 'A', company: 'B' } });
  assert.equal(isErrorShape(r, 422).field, 'password');
  r = await post('/api/v1/auth/register', { json: { email: 'not-an-email', password: 'long enough 1', name: 'A', company: 'B' } });
  assert.equal(isErrorShape(r, 422).field, 'email');
});

test('POST /auth/login → 200 {token, customer} or 401; agents sign in too', async () => {
  let r = await post('/api/v1/auth/login', { json: { email: alice.email, password: alice.password } });
  assert.equal(r.status, 200, r.text);
  assert.equal(typeof r.json.token, 'string');
  assert.equal(r.json.customer.email, alice.email);
  r = await post('/api/v1/auth/login', { json: { email: alice.email, password: 'wrong password' } });
  isErrorShape(r, 401);
  r = await post('/api/v1/auth/login', { json: { email: L2.email, password: AGENT_PW } });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.role, 'agent');
  assert.equal(r.json.agent.level, 'L2');
  agentToken = r.json.token;
});

test('GET /plans (no auth): plans basic..premium ranked 1-4, packages, addons, schedules, policies', async () => {
  const r = await get('/api/v1/plans');
  assert.equal(r.status, 200);
  assert.match(r.headers['content-type'], /^application\/json; charset=utf-8/);
  checkSecurityHeaders(r);
  const j = r.json;
  assert.deepEqual(j.plans.map((p) => p.id), ['basic', 'standard', 'priority', 'premium']);
  assert.deepEqual(j.plans.map((p) => p.rank), [1, 2, 3, 4]);
  for (const p of j.plans) {
    assert.equal(typeof p.price.amount_cents, 'number');
    assert.ok(Array.isArray(p.channels) && p.channels.length > 0);
    assert.equal(typeof p.schedule, 'string');
    assert.equal(typeof p.policy, 'string');
  }
  const ded = j.addons.find((a) => a.id === 'dedicated_agent');
  assert.equal(ded.requires_plan, 'premium');
  assert.ok(j.packages.length >= 1);
  assert.ok(j.schedules.every((s) => s.weekly.length === 7 && s.tz === 'Europe/Berlin'));
  assert.ok(j.policies.every((p) => p.targets.length === 5));
});

test('GET /sla/preview → due times; bad query → 400/422', async () => {
  let r = await get('/api/v1/sla/preview?plan=premium&severity=1&at=2026-11-23T09:00:00Z');
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.first_response_due, '2026-11-23T09:30:00Z');
  assert.equal(typeof r.json.follow_up_due, 'string');
  r = await get('/api/v1/sla/preview?plan=basic&addons=&severity=3&at=2026-11-23T09:00:00Z');
  assert.equal(r.status, 200, r.text);
  r = await get('/api/v1/sla/preview?plan=gold&severity=3');
  assert.equal(isErrorShape(r, 422).field, 'plan');
  r = await get('/api/v1/sla/preview?plan=basic&severity=3&at=yesterday');
  assert.equal(isErrorShape(r, 400).field, 'at');
  r = await get('/api/v1/sla/preview?plan=basic&severity=%ZZ');
  isErrorShape(r, 400);
});

test('GET /me (auth) → customer, plan basic, tier, manager null, channels; no token → 401', async () => {
  let r = await get('/api/v1/me', { token: alice.token });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.customer.email, alice.email);
  assert.equal(r.json.plan, 'basic');
  assert.equal(r.json.effective_tier, 'basic');
  assert.equal(r.json.manager, null);
  assert.ok(Array.isArray(r.json.channels) && Array.isArray(r.json.addons) && Array.isArray(r.json.packages));
  r = await get('/api/v1/me');
  isErrorShape(r, 401);
  r = await get('/api/v1/me', { token: 'not-a-token' });
  isErrorShape(r, 401);
  r = await get('/api/v1/me', { headers: { Authorization: 'Basic abc' } });
  isErrorShape(r, 401);
});

test('packages and add-ons: POST /me/packages, DELETE, POST /me/addons 409 below premium', async () => {
  let r = await post('/api/v1/me/packages', { token: alice.token, json: { package: 'extended_support' } });
  assert.equal(r.status, 200, r.text);
  assert.ok(r.json.packages.includes('extended_support') || r.json.packages.some((p) => p.id === 'extended_support'), r.text);
  assert.equal(r.json.effective_tier, 'standard');
  r = await del('/api/v1/me/packages/extended_support', { token: alice.token });
  assert.equal(r.status, 204, r.text);
  assert.equal(r.body.length, 0);
  checkSecurityHeaders(r);
  r = await del('/api/v1/me/packages/extended_support', { token: alice.token });
  isErrorShape(r, 404);
  r = await post('/api/v1/me/addons', { token: alice.token, json: { addon: 'dedicated_agent' } });
  isErrorShape(r, 409);
  r = await post('/api/v1/me/addons', { token: alice.token, json: { addon: 'nope' } });
  assert.equal(isErrorShape(r, 422).field, 'addon');
  r = await del('/api/v1/me/addons/dedicated_agent', { token: alice.token });
  isErrorShape(r, 404);
});

test('POST /requests → 201 Request; GET list and one; messages; unicode kept byte for byte', async () => {
  const subject = 'VPN не работи — ошибка ✓ 𝄞';
  let r = await post('/api/v1/requests', { token: alice.token, json: { subject, description: 'Line 1\nLine 2 «quoted»', severity: 2, category: 'technical' } });
  assert.equal(r.status, 201, r.text);
  const req = r.json;
  requestId = req.id;
  assert.equal(req.subject, subject);
  assert.equal(req.status, 'new');
  assert.equal(req.level, 'L1');
  assert.equal(typeof req.number, 'number');
  assert.equal(typeof req.sla.first_response.due, 'string');
  assert.ok(Array.isArray(req.messages));
  r = await get('/api/v1/requests', { token: alice.token });
  assert.equal(r.status, 200);
  assert.equal(r.json.total, 1);
  assert.equal(r.json.requests[0].id, requestId);
  r = await get('/api/v1/requests?status=new&q=' + encodeURIComponent('ошибка'), { token: alice.token });
  assert.equal(r.json.total, 1, r.text);
  r = await get('/api/v1/requests?status=bogus', { token: alice.token });
  isErrorShape(r, 400);
  r = await get(`/api/v1/requests/${requestId}`, { token: alice.token });
  assert.equal(r.status, 200);
  assert.equal(r.json.subject, subject);
  r = await post(`/api/v1/requests/${requestId}/messages`, { token: alice.token, json: { body: 'More details: ☃' } });
  assert.equal(r.status, 201, r.text);
  assert.equal(r.json.messages.at(-1).body, 'More details: ☃');
  // onsite only with on-site visits (premium)
  r = await post('/api/v1/requests', { token: alice.token, json: { subject: 'x', description: 'y', severity: 3, category: 'onsite', address: 'Main St 1' } });
  assert.equal(isErrorShape(r, 422).field, 'category');
  r = await post('/api/v1/requests', { token: alice.token, json: { subject: '', description: 'y', severity: 3, category: 'other' } });
  assert.equal(isErrorShape(r, 422).field, 'subject');
  r = await post('/api/v1/requests', { token: alice.token, json: { subject: 's', description: 'y', severity: 6, category: 'other' } });
  assert.equal(isErrorShape(r, 422).field, 'severity');
  r = await post('/api/v1/requests', { token: agentToken, json: { subject: 's', description: 'y', severity: 3, category: 'other' } });
  isErrorShape(r, 403);
});

test('a customer cannot read another company\'s request: 404 exactly like a missing id', async () => {
  const other = await get(`/api/v1/requests/${requestId}`, { token: bob.token });
  const missingId = 'req_' + '0'.repeat(16);
  const missing = await get(`/api/v1/requests/${missingId}`, { token: bob.token });
  isErrorShape(other, 404);
  isErrorShape(missing, 404);
  assert.equal(other.text.replaceAll(requestId, 'ID'), missing.text.replaceAll(missingId, 'ID'));
  for (const [method, suffix, json] of [['POST', '/messages', { body: 'hi' }], ['POST', '/status', { status: 'closed' }],
                                        ['POST', '/rating', { score: 5 }]]) {
    const r = await request(server, method, `/api/v1/requests/${requestId}${suffix}`, { token: bob.token, json });
    isErrorShape(r, 404);
  }
  const list = await get('/api/v1/requests', { token: bob.token });
  assert.equal(list.json.total, 0);
});

test('agents: escalate (L1→L2), reply meets first response, resolve; customer rates once; status moves', async () => {
  let r = await post(`/api/v1/requests/${requestId}/escalate`, { token: alice.token });
  isErrorShape(r, 403);
  r = await post(`/api/v1/requests/${requestId}/escalate`, { token: agentToken, json: { reason: 'needs L2' } });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.level, 'L2');
  r = await post(`/api/v1/requests/${requestId}/messages`, { token: agentToken, json: { body: 'We are on it.' } });
  assert.equal(r.status, 201, r.text);
  assert.equal(typeof r.json.sla.first_response.met_at, 'string', r.text);
  r = await get('/api/v1/requests', { token: agentToken });
  assert.equal(r.status, 200);
  assert.ok(r.json.requests.some((q) => q.id === requestId), 'in the L2 queue');
  r = await post(`/api/v1/requests/${requestId}/rating`, { token: alice.token, json: { score: 5, comment: 'early' } });
  assert.ok([409, 422].includes(r.status), r.text);
  r = await post(`/api/v1/requests/${requestId}/status`, { token: agentToken, json: { status: 'resolved' } });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.status, 'resolved');
  r = await post(`/api/v1/requests/${requestId}/status`, { token: alice.token, json: { status: 'open' } });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.status, 'open');
  r = await post(`/api/v1/requests/${requestId}/status`, { token: agentToken, json: { status: 'resolved' } });
  assert.equal(r.status, 200, r.text);
  r = await post(`/api/v1/requests/${requestId}/status`, { token: alice.token, json: { status: 'weird' } });
  assert.ok([400, 422].includes(r.status), r.text);
  r = await post(`/api/v1/requests/${requestId}/rating`, { token: alice.token, json: { score: 4, comment: 'Thanks!' } });
  assert.equal(r.status, 201, r.text);
  assert.equal(r.json.rating?.score ?? r.json.rating, 4);
  r = await post(`/api/v1/requests/${requestId}/rating`, { token: alice.token, json: { score: 9 } });
  assert.equal(isErrorShape(r, 422).field, 'score');
  r = await post(`/api/v1/requests/${requestId}/status`, { token: alice.token, json: { status: 'closed' } });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.status, 'closed');
});

test('GET /metrics → medians, p90, SLA %, CSI (customer and agent)', async () => {
  for (const token of [alice.token, agentToken]) {
    const r = await get('/api/v1/metrics', { token });
    assert.equal(r.status, 200, r.text);
    for (const k of ['first_response_minutes', 'resolution_minutes']) {
      assert.ok('median' in r.json[k] && 'p90' in r.json[k], r.text);
    }
    assert.ok('sla_met_percent' in r.json && 'csi' in r.json, r.text);
  }
});

test('calls: basic → 403; GET /me/plan/preview; POST /me/plan priority assigns the L2 manager', async () => {
  let r = await get('/api/v1/booking/slots', { token: alice.token });
  const e = isErrorShape(r, 403);
  assert.match(e.message, /Priority|Premium|package/);
  r = await get('/api/v1/me/plan/preview?plan=priority', { token: alice.token });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.change.kind, 'upgrade');
  assert.equal(r.json.effective_tier, 'priority');
  r = await get('/api/v1/me/plan/preview', { token: alice.token });
  isErrorShape(r, 400);
  r = await post('/api/v1/me/plan', { token: alice.token, json: { plan: 'priority' } });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.plan, 'priority');
  assert.equal(r.json.change.kind, 'upgrade');
  assert.equal(r.json.manager?.name, L2.name, r.text);
  r = await post('/api/v1/me/plan', { token: alice.token, json: { plan: 'platinum' } });
  assert.equal(isErrorShape(r, 422).field, 'plan');
});

test('booking: slots, book 201, same slot 409, not-a-slot 422, list, reschedule, ics, cancel 204', async () => {
  let r = await get('/api/v1/booking/slots', { token: alice.token });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.agent.name, L2.name);
  assert.equal(r.json.slot_minutes, 30);
  const slots = r.json.slots;
  assert.ok(slots.length >= 2, 'free slots in the next week');
  // Every date of the agent's schedule in the window: its free slots, and why a date has none.
  const days = r.json.days;
  assert.ok(days.length >= 7, `days ${JSON.stringify(days)}`);
  assert.equal(days.reduce((n, d) => n + d.free, 0), slots.length);
  for (const d of days) assert.ok(d.free > 0 ? d.reason === null : ['past', 'horizon', 'holiday', 'weekend', 'closed', 'notice', 'full'].includes(d.reason), JSON.stringify(d));
  assert.ok(days.some((d) => d.reason === 'weekend'), 'a week has a weekend');
  const [s0, s1] = slots;
  r = await post('/api/v1/bookings', { token: alice.token, json: { start: s0.start, topic: 'support', note: 'VPN' } });
  assert.equal(r.status, 201, r.text);
  const booking = r.json;
  assert.equal(booking.start, s0.start);
  assert.equal(booking.end, s0.end);
  assert.equal(booking.topic, 'support');
  assert.equal(booking.agent.name, L2.name);
  r = await post('/api/v1/bookings', { token: alice.token, json: { start: s0.start, topic: 'training' } });
  assert.equal(isErrorShape(r, 409).code, 'slot_taken');
  r = await post('/api/v1/bookings', { token: alice.token, json: { start: '2020-01-01T09:00:00Z', topic: 'support' } });
  assert.equal(isErrorShape(r, 422).field, 'start');
  r = await post('/api/v1/bookings', { token: alice.token, json: { start: s1.start, topic: 'dinner' } });
  assert.equal(isErrorShape(r, 422).field, 'topic');
  r = await get('/api/v1/booking/slots', { token: alice.token });
  assert.ok(!r.json.slots.some((s) => s.start === s0.start), 'the booked slot is no longer free');
  r = await get('/api/v1/bookings', { token: alice.token });
  assert.equal(r.status, 200);
  assert.ok(r.json.bookings.some((b) => b.id === booking.id));
  r = await post(`/api/v1/bookings/${booking.id}/reschedule`, { token: alice.token, json: { start: s1.start } });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.start, s1.start);
  r = await get(`/api/v1/bookings/${booking.id}/ics`, { token: alice.token });
  assert.equal(r.status, 200, r.text);
  assert.match(r.headers['content-type'], /^text\/calendar/);
  assert.match(r.text, /^BEGIN:VCALENDAR\r\n/);
  assert.match(r.text, /BEGIN:VEVENT/);
  assert.match(r.text, /END:VCALENDAR\r\n$/);
  checkSecurityHeaders(r);
  r = await get(`/api/v1/bookings/${booking.id}/ics`, { token: bob.token });
  isErrorShape(r, 404);
  r = await get('/api/v1/bookings', { token: agentToken });
  assert.equal(r.status, 200);
  assert.ok(r.json.bookings.some((b) => b.id === booking.id), 'the agent sees the call');
  r = await del(`/api/v1/bookings/${booking.id}`, { token: bob.token });
  isErrorShape(r, 404);
  r = await del(`/api/v1/bookings/${booking.id}`, { token: alice.token });
  assert.equal(r.status, 204);
  r = await get('/api/v1/booking/slots', { token: alice.token });
  assert.ok(r.json.slots.some((s) => s.start === s1.start), 'cancelling frees the slot');
});

test('knowledge base: search en/ru/bg, article, unknown → 404, bad lang → 400', async () => {
  let r = await get('/api/v1/kb/search?q=tier&lang=en');
  assert.equal(r.status, 200, r.text);
  assert.ok(r.json.results.length > 0);
  const hit = r.json.results[0];
  for (const k of ['id', 'title', 'snippet', 'score']) assert.ok(k in hit, k);
  r = await get(`/api/v1/kb/articles/${hit.id}?lang=en`);
  assert.equal(r.status, 200);
  assert.equal(r.json.id, hit.id);
  assert.equal(typeof r.json.body, 'string');
  for (const lang of ['ru', 'bg']) {
    r = await get(`/api/v1/kb/articles?lang=${lang}`);
    assert.equal(r.status, 200);
    assert.ok(r.json.articles.length > 0);
  }
  r = await get('/api/v1/kb/search?q=' + encodeURIComponent('тариф') + '&lang=ru');
  assert.equal(r.status, 200);
  r = await get('/api/v1/kb/articles/no-such-article?lang=en');
  isErrorShape(r, 404);
  r = await get('/api/v1/kb/search?q=x&lang=xx');
  isErrorShape(r, 400);
});

test('GET /api/v1/openapi.json is served (JSON, OpenAPI 3) from the assets folder', async () => {
  const r = await get('/api/v1/openapi.json');
  if (fs.existsSync(new URL('../../../assets/openapi.json', import.meta.url))) {
    assert.equal(r.status, 200, r.text);
    assert.match(r.headers['content-type'], /^application\/json/);
    assert.match(r.json.openapi, /^3\./);
    assert.ok(r.json.paths && Object.keys(r.json.paths).length > 10);
    checkSecurityHeaders(r);
  } else {
    isErrorShape(r, 404);
  }
});

test('unknown endpoints and methods: 404 / 405 in the error shape', async () => {
  isErrorShape(await get('/api/v1/nope'), 404);
  isErrorShape(await get('/api/v1'), 404);
  isErrorShape(await request(server, 'PUT', '/api/v1/plans'), 405);
  isErrorShape(await get('/no/such/page'), 404);
  isErrorShape(await get('/api/v2/plans'), 404);
});

test('POST /auth/logout → 204, then the token is refused', async () => {
  const s = await register(server);
  let r = await post('/api/v1/auth/logout', { token: s.token });
  assert.equal(r.status, 204);
  r = await get('/api/v1/me', { token: s.token });
  isErrorShape(r, 401);
  r = await post('/api/v1/auth/logout');
  isErrorShape(r, 401);
});

test('set-agent-password while the server runs: new password works, old one and old sessions do not', async () => {
  const agent = { email: uniqueEmail('reset'), name: 'Rita Reset', level: 'L1', password: AGENT_PW };
  addAgent(data, agent);
  const login = (password) => post('/api/v1/auth/login', { json: { email: agent.email, password } });
  const tokens = [];
  for (let i = 0; i < 2; i++) {
    const r = await login(AGENT_PW);
    assert.equal(r.status, 200, r.text);
    tokens.push(r.json.token);
  }
  const pwDir = tempDir('pw-');
  fs.writeFileSync(path.join(pwDir, 'new'), 'a brand new pw 7\n');
  let c = command(['set-agent-password', '--data', data, '--email', agent.email.toUpperCase(),
                   '--password-file', path.join(pwDir, 'new')]);
  assert.equal(c.code, 0, c.stderr);
  assert.match(c.stdout, /signed out of 2 sessions/);
  for (const token of tokens) isErrorShape(await get('/api/v1/me', { token }), 401);
  isErrorShape(await login(AGENT_PW), 401);
  const r = await login('a brand new pw 7');
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.agent.email, agent.email);
  // Refusals: nothing changes.
  c = command(['set-agent-password', '--data', data, '--email', uniqueEmail('nobody')], { input: 'long enough pw\n' });
  assert.equal(c.code, 1);
  assert.match(c.stderr, /no agent with the email/);
  fs.writeFileSync(path.join(pwDir, 'short'), 'short\n');
  c = command(['set-agent-password', '--data', data, '--email', agent.email, '--password-file', path.join(pwDir, 'short')]);
  assert.equal(c.code, 1);
  assert.match(c.stderr, /at least 8/);
  c = command(['set-agent-password', '--data', data]);
  assert.equal(c.code, 2);
  assert.match(c.stderr, /--email is required/);
  assert.equal((await login('a brand new pw 7')).status, 200);
});

test('login rate limit: repeated failures → 429 with Retry-After', async () => {
  const victim = await register(server);
  let last;
  for (let i = 0; i < 12; i += 1) {
    last = await post('/api/v1/auth/login', { json: { email: victim.email, password: 'wrong guess ' + i } });
    if (last.status === 429) break;
    assert.equal(last.status, 401);
  }
  isErrorShape(last, 429);
  const retry = Number(last.headers['retry-after']);
  assert.ok(Number.isInteger(retry) && retry > 0, `Retry-After: ${last.headers['retry-after']}`);
  // Even the right password waits now.
  const r = await post('/api/v1/auth/login', { json: { email: victim.email, password: victim.password } });
  isErrorShape(r, 429);
});

test('bad input: malformed JSON, wrong types, invalid UTF-8, huge numbers, deep nesting, unknown fields', async () => {
  const login = '/api/v1/auth/login';
  const tok = alice.token;
  let r = await post(login, { body: '{"email": "a@b.c", "password": ', headers: { 'Content-Type': 'application/json' } });
  isErrorShape(r, 400);
  r = await post(login, { body: 'not json at all', headers: { 'Content-Type': 'application/json' } });
  isErrorShape(r, 400);
  r = await post(login, { body: '[1,2,3]', headers: { 'Content-Type': 'application/json' } });
  isErrorShape(r, 400);
  r = await post(login, { json: { email: 42, password: 'x' } });
  assert.equal(isErrorShape(r, 422).field, 'email');
  r = await post('/api/v1/requests', { token: tok, json: { subject: 's', description: 'd', severity: '3', category: 'other' } });
  assert.equal(isErrorShape(r, 422).field, 'severity');
  r = await post('/api/v1/requests', { token: tok, json: { subject: 's', description: 'd', severity: 2.5, category: 'other' } });
  assert.equal(isErrorShape(r, 422).field, 'severity');
  // invalid UTF-8 inside a JSON string
  const badUtf8 = Buffer.concat([Buffer.from('{"subject": "bad '), Buffer.from([0xff, 0xfe, 0xc3]),
                                 Buffer.from('", "description": "d", "severity": 3, "category": "other"}')]);
  r = await post('/api/v1/requests', { token: tok, body: badUtf8, headers: { 'Content-Type': 'application/json' } });
  assert.ok([400, 422].includes(r.status), r.text);
  isErrorShape(r, r.status);
  // huge numbers
  for (const n of ['1e400', '99999999999999999999999999', '-99999999999999999999', '1e-400']) {
    r = await post('/api/v1/requests', { token: tok, body: `{"subject":"s","description":"d","severity":${n},"category":"other"}`,
                                         headers: { 'Content-Type': 'application/json' } });
    assert.ok([400, 422].includes(r.status), `${n}: ${r.text}`);
    isErrorShape(r, r.status);
  }
  // deep nesting
  for (const depth of [100, 100000]) {
    const deep = '{"subject":' + '['.repeat(depth) + ']'.repeat(depth) + '}';
    r = await post('/api/v1/requests', { token: tok, body: deep, headers: { 'Content-Type': 'application/json' } });
    assert.ok([400, 422].includes(r.status), r.text.slice(0, 200));
  }
  // unknown fields
  r = await post(login, { json: { email: alice.email, password: alice.password, admin: true } });
  assert.equal(isErrorShape(r, 422).field, 'admin');
  // NUL inside a JSON string is kept or refused, never a crash
  r = await post('/api/v1/requests', { token: tok, json: { subject: 'nul\u0000inside', description: 'd', severity: 3, category: 'other' } });
  assert.ok([201, 422].includes(r.status), r.text);
  // an empty body where one is needed
  r = await post(login, {});
  isErrorShape(r, 422);
  // the server is still fine
  r = await get('/api/v1/plans');
  assert.equal(r.status, 200);
});

test('bodies over 1 MiB → 413 in the error shape (2 MiB JSON; also on a GET)', async () => {
  const big = JSON.stringify({ subject: 's', description: 'x'.repeat(2 * 1024 * 1024), severity: 3, category: 'other' });
  let r = await post('/api/v1/requests', { token: alice.token, body: big, headers: { 'Content-Type': 'application/json' } });
  const e = isErrorShape(r, 413);
  assert.equal(e.code, 'payload_too_large');
  checkSecurityHeaders(r);
  r = await request(server, 'GET', '/api/v1/plans', { body: 'y'.repeat(1024 * 1024 + 1) });
  isErrorShape(r, 413);
  r = await post('/api/v1/auth/login', { body: 'z'.repeat(2 * 1024 * 1024) });
  isErrorShape(r, 413);
  // exactly at the limit is not "too large" (it is just bad JSON here)
  r = await post('/api/v1/auth/login', { body: ' '.repeat(1024 * 1024 - 2) + '{}' });
  assert.equal(r.status, 422, r.text.slice(0, 200));
});

test('malformed HTTP does not hurt the server; oversized headers are refused', async () => {
  const junk = await rawRequest(server, 'THIS IS NOT HTTP\r\n\r\n');
  assert.ok(junk === '' || /^HTTP\/1\.1 4\d\d/.test(junk), junk.slice(0, 100));
  const binary = await rawRequest(server, Buffer.from([0x16, 0x03, 0x01, 0x00, 0xa5, 0x01, 0x00, 0x00, 0xa1, 0x03, 0x03]));  // a TLS hello
  assert.ok(binary === '' || /^HTTP\/1\.1 4\d\d/.test(binary), binary.slice(0, 100));
  const badChars = await rawRequest(server, 'GET /in dex.html HTTP/1.1\r\nHost: x\r\n\r\n');
  assert.ok(!badChars.includes(indexHtml), 'no page for a request line with spaces');
  const badLength = await rawRequest(server, 'POST /api/v1/auth/login HTTP/1.1\r\nHost: x\r\nContent-Length: -5\r\n\r\n');
  assert.ok(badLength === '' || /^HTTP\/1\.1 4\d\d/.test(badLength), badLength.slice(0, 100));
  const hugeHeader = await rawRequest(server, `GET /api/v1/plans HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(64 * 1024)}\r\n\r\n`);
  assert.ok(hugeHeader === '' || /^HTTP\/1\.1 4\d\d/.test(hugeHeader), hugeHeader.slice(0, 100));
  // request smuggling shapes are refused; chunked bodies and pipelining work
  const twoLengths = await rawRequest(server, 'POST /api/v1/auth/login HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nContent-Length: 7\r\n\r\n{}');
  assert.ok(twoLengths === '' || /^HTTP\/1\.1 4\d\d/.test(twoLengths), twoLengths.slice(0, 100));
  const chunked = await rawRequest(server, 'POST /api/v1/auth/login HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n5\r\n{"a":\r\n3\r\n 1}\r\n0\r\n\r\n');
  assert.match(chunked, /^HTTP\/1\.1 422 /);
  const pipelined = await rawRequest(server, 'GET /api/v1/plans HTTP/1.1\r\nHost: x\r\n\r\nGET /nope HTTP/1.1\r\nHost: x\r\n\r\nGET /api/v1/kb/articles?lang=en HTTP/1.1\r\nHost: x\r\n\r\n');
  assert.deepEqual(pipelined.match(/HTTP\/1\.1 \d+/g), ['HTTP/1.1 200', 'HTTP/1.1 404', 'HTTP/1.1 200'], 'answers in order');
  const r = await get('/api/v1/plans');
  assert.equal(r.status, 200);
}, { direct: true });

test('static files: / is index.html (no-cache, ETag → 304), types, hashed names cached long', async () => {
  let r = await get('/');
  assert.equal(r.status, 200);
  assert.equal(r.text, indexHtml);
  assert.match(r.headers['content-type'], /^text\/html/);
  assert.equal(r.headers['cache-control'], 'no-cache');
  checkSecurityHeaders(r);
  const etag = r.headers.etag;
  assert.ok(etag, 'ETag');
  r = await get('/', { headers: { 'If-None-Match': etag } });
  assert.equal(r.status, 304);
  assert.equal(r.body.length, 0);
  assert.equal(r.headers.etag, etag);
  checkSecurityHeaders(r);
  r = await get('/index.html', { headers: { 'If-None-Match': '"something-else"' } });
  assert.equal(r.status, 200);
  r = await get('/app.0123abcd89.js');
  assert.equal(r.status, 200);
  assert.match(r.headers['cache-control'], /max-age=31536000/);
  assert.match(r.headers['content-type'], /javascript/);
  r = await get('/app.js?v=3f2a');
  assert.match(r.headers['cache-control'], /max-age=31536000/, 'versioned URL');
  r = await get('/app.js');
  assert.equal(r.headers['cache-control'], 'no-cache', 'unversioned, unhashed name revalidates');
  r = await get('/portal.wasm');
  assert.equal(r.headers['content-type'], 'application/wasm');
  r = await get('/sub/page.txt');
  assert.equal(r.text, 'sub page');
  r = await request(server, 'HEAD', '/app.js');
  assert.equal(r.status, 200);
  assert.equal(Number(r.headers['content-length']), appJs.length);
  assert.equal(r.body.length, 0);
  r = await post('/index.html', { body: 'x' });
  assert.equal(r.status, 405);
  isErrorShape(await get('/missing.js'), 404);
  isErrorShape(await get('/.hidden'), 404);
  isErrorShape(await get('/sub'), 404);
});

test('gzip: API JSON and static text when asked (pre-compressed sibling preferred), Vary', async () => {
  let r = await get('/api/v1/plans', { headers: { 'Accept-Encoding': 'gzip, deflate, br' } });
  assert.equal(r.status, 200);
  assert.equal(r.headers['content-encoding'], 'gzip');
  assert.match(r.headers.vary || '', /Accept-Encoding/i);
  const plain = await get('/api/v1/plans');
  assert.equal(plain.headers['content-encoding'], undefined);
  assert.equal(zlib.gunzipSync(r.body).toString('utf8'), plain.text);
  assert.ok(r.body.length < plain.body.length / 2);
  r = await get('/api/v1/plans', { headers: { 'Accept-Encoding': 'gzip;q=0, identity' } });
  assert.equal(r.headers['content-encoding'], undefined);
  // the sibling app.js.gz itself, byte for byte
  r = await get('/app.js', { headers: { 'Accept-Encoding': 'gzip' } });
  assert.equal(r.headers['content-encoding'], 'gzip');
  assert.ok(r.body.equals(appJsGz), 'served the pre-compressed sibling');
  assert.match(r.headers.vary || '', /Accept-Encoding/i);
  const gzEtag = r.headers.etag;
  r = await get('/app.js');
  assert.equal(r.headers['content-encoding'], undefined);
  assert.equal(r.text, appJs);
  assert.notEqual(r.headers.etag, gzEtag, 'each variant has its own ETag');
  r = await get('/app.js', { headers: { 'Accept-Encoding': 'gzip', 'If-None-Match': gzEtag } });
  assert.equal(r.status, 304);
  // no sibling: compressed on the fly
  r = await get('/portal.css', { headers: { 'Accept-Encoding': 'gzip' } });
  assert.equal(r.headers['content-encoding'], 'gzip');
  assert.equal(zlib.gunzipSync(r.body).toString('utf8'), css);
  // the ICS download and JSON errors are fine either way
  r = await get('/api/v1/nope', { headers: { 'Accept-Encoding': 'gzip' } });
  assert.equal(r.status, 404);
});

test('static path tricks → 4xx, never a file from outside the web folder', async () => {
  const tricks = [
    '/../etc/passwd', '/../../../../etc/passwd', '/%2e%2e/%2e%2e/etc/passwd', '/%2E%2E/%2E%2E/%2E%2E/etc/passwd',
    '/a%2Fb', '/..%2Fetc%2Fpasswd', '/..%5c..%5cetc%5cpasswd', '/..%5c..', '/..\\..\\etc\\passwd', '/%00',
    '/index.html%00.js', '/sub/../../etc/passwd', '/sub/%2e%2e/%2e%2e/etc/passwd', '/./index.html',
    '/escape.txt', `/..${path.sep}${path.basename(outside)}/secret.txt`, '/%', '/%zz', '//etc/passwd',
    '/.%2e/.%2e/etc/passwd', '/%252e%252e/etc/passwd',
  ];
  for (const p of tricks) {
    const res = await rawRequest(server, `GET ${p} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n`, { waitMs: 800 });
    const status = /^HTTP\/1\.1 (\d{3})/.exec(res)?.[1];
    assert.ok(res === '' || /^4\d\d$/.test(status ?? ''), `${p}: ${res.slice(0, 120)}`);
    assert.ok(!res.includes('root:x:0:0') && !res.includes(SECRET), `${p} leaked a file`);
  }
  for (const p of ['/../etc/passwd', '/%2e%2e/%2e%2e/etc/passwd', '/a%2Fb', '/..%5c..']) {
    const res = await rawRequest(server, `GET ${p} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n`, { waitMs: 800 });
    assert.match(res, /^HTTP\/1\.1 (400|404) /, `${p}: ${res.slice(0, 80)}`);
    assert.match(res, /content-security-policy: /i);
  }
}, { direct: true });

test('security headers on every kind of response', async () => {
  const responses = [
    await get('/api/v1/plans'), await get('/api/v1/me'), await get('/nope'), await get('/'),
    await post('/api/v1/auth/login', { body: '{' }), await request(server, 'DELETE', '/api/v1/plans'),
  ];
  for (const r of responses) checkSecurityHeaders(r);
});

test('access log: one line per request with method, path (no query), status, ms', async () => {
  await get('/api/v1/kb/search?q=secret-query-value&lang=en');
  await new Promise((res) => setTimeout(res, 100));
  const lines = server.stderr.split('\n');
  assert.ok(lines.some((l) => /^GET \/api\/v1\/kb\/search 200 [\d.]+ms$/.test(l)), 'log line present');
  assert.ok(!server.stderr.includes('secret-query-value'), 'no query in the log');
  assert.ok(!lines.some((l) => l.includes(alice.token)), 'no token in the log');
}, { direct: true });

test('SIGTERM: clean shutdown, exit 0; the data survives; demo start seeds and prints the logins', async () => {
  const { code, signal } = await server.stop('SIGTERM');
  assert.equal(signal, null);
  assert.equal(code, 0);
  assert.match(server.stderr, /stopped/);
  // backup while nothing runs, and again on the running demo server below
  const backupDir = tempDir('backup-');
  let r = command(['backup', '--data', data, '--to', path.join(backupDir, 'one.db')]);
  if (CLUSTER) {
    assert.equal(r.code, 2, 'backup is for SQLite; PostgreSQL has pg_dump');
    assert.match(r.stderr, /pg_dump/);
  } else {
    assert.equal(r.code, 0, r.stderr);
    assert.ok(fs.statSync(path.join(backupDir, 'one.db')).size > 0);
    r = command(['backup', '--data', data, '--to', path.join(backupDir, 'one.db')]);
    assert.equal(r.code, 1, 'refuses to overwrite');
  }

  server = await startServer({ data, args: ['--demo', '--web', web] });
  assert.match(server.stdout, /demo logins/);
  assert.match(server.stdout, /basic@demo\.example/);
  let login = await post('/api/v1/auth/login', { json: { email: 'premium@demo.example', password: 'demo-pass-1' } });
  assert.equal(login.status, 200, login.text);
  login = await post('/api/v1/auth/login', { json: { email: alice.email, password: alice.password } });
  assert.equal(login.status, 200, 'data from before the restart');
  const one = await get(`/api/v1/requests/${requestId}`, { token: login.json.token });
  assert.equal(one.status, 200);
  assert.equal(one.json.subject, 'VPN не работи — ошибка ✓ 𝄞');
  if (!CLUSTER) {
    r = command(['backup', '--data', data, '--to', path.join(backupDir, 'two.db')]);
    assert.equal(r.code, 0, r.stderr);
  }
  // operator tier facts
  r = command(['set-company', '--data', data, '--customer-email', bob.email, '--category', 'key']);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /effective tier priority/);
  r = command(['list-companies', '--data', data]);
  assert.equal(r.code, 0, r.stderr);
  assert.ok(r.stdout.includes('Other Co') && r.stdout.includes('Acme Ltd'), r.stdout);
  const bobMe = await get('/api/v1/me', { token: (await post('/api/v1/auth/login', { json: { email: bob.email, password: bob.password } })).json.token });
  assert.equal(bobMe.json.effective_tier, 'priority', bobMe.text);
  const second = await server.stop('SIGINT');
  assert.equal(second.code, 0);
});

test('openapi.json: 404 in the error shape when the assets folder has none, served when present', async () => {
  const assets = tempDir('assets-');
  const root = new URL('../../../assets/', import.meta.url);
  fs.copyFileSync(new URL('catalog.json', root), path.join(assets, 'catalog.json'));
  fs.cpSync(new URL('kb', root), path.join(assets, 'kb'), { recursive: true });
  // In cluster mode the one database was seeded by --demo above: it is served only with --demo.
  let s = await startServer({ data: tempDir(), args: ['--assets', assets, ...(CLUSTER ? ['--demo'] : [])] });
  isErrorShape(await request(s, 'GET', '/api/v1/openapi.json'), 404);
  fs.writeFileSync(path.join(assets, 'openapi.json'), '{"openapi": "3.1.0", "paths": {}}');
  const r = await request(s, 'GET', '/api/v1/openapi.json');
  assert.equal(r.status, 200);
  assert.equal(r.json.openapi, '3.1.0');
  // no --web and no dist: / is a 404, not a crash
  const home = await request(s, 'GET', '/');
  assert.ok([200, 404].includes(home.status));
  assert.equal((await s.stop()).code, 0);
});

await run();
