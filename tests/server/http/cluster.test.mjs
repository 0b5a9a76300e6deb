// Several portal-server instances over one PostgreSQL database behind nginx: nothing a client can
// notice per instance, durability across kill -9 and a PostgreSQL restart, and a rolling restart
// that fails no request. Runs inside scripts/pg-throwaway (PORTAL_TEST_CLUSTER=2 set by CTest).
//   scripts/pg-throwaway run -- env PORTAL_TEST_CLUSTER=2 node cluster.test.mjs path/to/portal-server
import { spawnSync } from 'node:child_process';
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { CLUSTER, addAgent, assert, openEvents, register, request, run, startInstance, startServer, tempDir, test, uniqueEmail } from './lib.mjs';

if (!CLUSTER) { console.error('cluster.test.mjs needs PORTAL_TEST_CLUSTER and a database (see the header)'); process.exit(2); }
const PG_DIR = process.env.PORTAL_TEST_PG_DIR;
const PG_SCRIPT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../scripts/pg-throwaway');

const data = tempDir();
// Bursts of writes from one company: the per-company quotas raised (the catalog's, lib.mjs).
const QUOTAS = { new_requests_per_company_per_hour: 1000000, messages_per_request_per_minute: 1000000 };
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
async function waitFor(pred, ms, what) {
  const until = Date.now() + ms;
  while (Date.now() < until) { if (await pred()) return; await sleep(20); }
  throw new Error(`timed out waiting for ${what}`);
}
const newRequest = (i) => ({ subject: `write ${i} ✓`, description: `body ${i}`, severity: 3, category: 'technical' });

// Parallel loops POSTing /requests through `server` until stop(); every 2xx is recorded.
function writers(server, customer, clients) {
  const acknowledged = [];
  const statuses = {};
  let stopped = false;
  const loops = Array.from({ length: clients }, (_, c) => (async () => {
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    for (let i = 0; !stopped; i++) {
      const body = newRequest(`${c}-${i}`);
      let r;
      try {
        r = await request(server, 'POST', '/api/v1/requests', { token: customer.token, agent, json: body });
      } catch (e) {
        statuses[e.code || 'error'] = (statuses[e.code || 'error'] || 0) + 1;
        continue;
      }
      statuses[r.status] = (statuses[r.status] || 0) + 1;
      if (r.status === 201) acknowledged.push({ id: r.json.id, subject: body.subject });
    }
    agent.destroy();
  })());
  return { acknowledged, statuses, stop() { stopped = true; }, done: Promise.all(loops) };
}

async function missing(server, token, acknowledged) {
  let lost = 0;
  for (const a of acknowledged) {
    const r = await request(server, 'GET', `/api/v1/requests/${a.id}`, { token });
    if (r.status !== 200 || r.json.subject !== a.subject) lost++;
  }
  return lost;
}



let lb;  // two instances + nginx
let alice;

test('health: 200 on every instance and through the load balancer', async () => {
  lb = await startServer({ data, quotas: QUOTAS });
  for (const s of [lb, ...lb.instances]) {
    const r = await request(s, 'GET', '/api/v1/health');
    assert.equal(r.status, 200, r.text);
    assert.deepEqual(r.json, { status: 'ok' });
  }
});

test('sign up on one instance, sign in and read on the other; a session works on both', async () => {
  const [a, b] = lb.instances;
  alice = await register(a);
  const login = await request(b, 'POST', '/api/v1/auth/login', { json: { email: alice.email, password: alice.password } });
  assert.equal(login.status, 200, login.text);
  const created = await request(b, 'POST', '/api/v1/requests', { token: login.json.token, json: newRequest('x') });
  assert.equal(created.status, 201, created.text);
  const seen = await request(a, 'GET', `/api/v1/requests/${created.json.id}`, { token: alice.token });
  assert.equal(seen.status, 200, seen.text);
  // Request numbers come from the database: two instances never hand out the same one.
  const more = await Promise.all(Array.from({ length: 10 }, (_, i) =>
    request(lb.instances[i % 2], 'POST', '/api/v1/requests', { token: alice.token, agent: new http.Agent(), json: newRequest(i) })));
  const numbers = new Set(more.map((r) => r.json?.number));
  assert.equal(numbers.size, 10, more.map((r) => r.status).join());
  // Signing out on one instance ends the session on the other.
  assert.equal((await request(a, 'POST', '/api/v1/auth/logout', { token: login.json.token })).status, 204);
  assert.equal((await request(b, 'GET', '/api/v1/me', { token: login.json.token })).status, 401);
});

test('the sign-in throttle counts failures on every instance together', async () => {
  const [a, b] = lb.instances;
  const wrong = { email: alice.email, password: 'not the password' };
  // Three failures spread over both instances; the fourth try, on either, is slowed down (429),
  // exactly as on one server (sign_in_guard.h: slowed after 3 per account and address).
  for (const s of [a, b, a]) assert.equal((await request(s, 'POST', '/api/v1/auth/login', { json: wrong })).status, 401);
  const fourth = await request(b, 'POST', '/api/v1/auth/login', { json: wrong });
  assert.equal(fourth.status, 429, fourth.text);
  assert.ok(Number(fourth.headers['retry-after']) >= 1);
});

test('an agent\'s reply through one instance is heard by the customer\'s stream on the other', async () => {
  const [a, b] = lb.instances;
  const anna = { email: uniqueEmail('anna'), name: 'Anna', level: 'L1', password: 'agent password 1' };
  addAgent(data, anna);
  const agentToken = (await request(b, 'POST', '/api/v1/auth/login', { json: { email: anna.email, password: anna.password } })).json.token;
  const stream = await openEvents(a, alice.token);
  assert.equal(stream.status, 200);
  const created = await request(a, 'POST', '/api/v1/requests', { token: alice.token, json: newRequest('heard') });
  assert.equal(created.status, 201, created.text);
  const sent = performance.now();
  const reply = await request(b, 'POST', `/api/v1/requests/${created.json.id}/messages`, { token: agentToken, json: { body: 'on it' } });
  assert.equal(reply.status, 201, reply.text);
  const heard = await stream.next((e) => e.type === 'request.updated' && e.id === created.json.id);
  console.log(`     reply on instance B → customer's stream on instance A: ${(heard.receivedAt - sent).toFixed(1)} ms`);
  stream.close();
});

test('a chat accepted on one instance is no longer offered by the other; of two racing accepts one wins', async () => {
  const [a, b] = lb.instances;
  const agents = [];
  for (const name of ['Chat One', 'Chat Two']) {
    const who = { email: uniqueEmail('chat'), name, level: 'L1', password: 'agent password 1' };
    addAgent(data, who);
    const token = (await request(a, 'POST', '/api/v1/auth/login', { json: { email: who.email, password: who.password } })).json.token;
    assert.equal((await request(b, 'PUT', '/api/v1/agents/me/availability', { token, json: { available: true } })).status, 200);
    agents.push(token);
  }
  const premium = await register(a);
  assert.equal((await request(b, 'POST', '/api/v1/me/plan', { token: premium.token, json: { plan: 'premium' } })).status, 200);
  for (let round = 0; round < 2; round++) {
    const chat = await request(a, 'POST', '/api/v1/chats', { token: premium.token, json: { channel: 'chat', body: `help ${round}` } });
    assert.equal(chat.status, 201, chat.text);
    const id = chat.json.id;
    const offered = await request(b, 'GET', '/api/v1/chats?status=waiting', { token: agents[1] });
    assert.ok(offered.json.chats.some((c) => c.id === id), 'offered on the other instance too');
    if (round === 0) {
      assert.equal((await request(a, 'POST', `/api/v1/chats/${id}/accept`, { token: agents[0] })).status, 200);
      const after = await request(b, 'GET', '/api/v1/chats?status=waiting', { token: agents[1] });
      assert.ok(!after.json.chats.some((c) => c.id === id), 'no longer offered on the other instance');
      // Taken: refused (another agent's chat is not even visible: 404 like a missing one).
      assert.ok([404, 409].includes((await request(b, 'POST', `/api/v1/chats/${id}/accept`, { token: agents[1] })).status));
    } else {
      const race = await Promise.all([
        request(a, 'POST', `/api/v1/chats/${id}/accept`, { token: agents[0], agent: new http.Agent() }),
        request(b, 'POST', `/api/v1/chats/${id}/accept`, { token: agents[1], agent: new http.Agent() })]);
      const won = race.filter((r) => r.status === 200).length;
      assert.equal(won, 1, race.map((r) => `${r.status} ${r.text.slice(0, 80)}`).join(' | '));
      assert.ok(race.every((r) => [200, 404, 409].includes(r.status)));
    }
    const end = await request(a, 'POST', `/api/v1/chats/${id}/end`, { token: premium.token, json: {} });
    assert.equal(end.status, 200, end.text);
  }
});

test('kill -9 of an instance during writes through both: no acknowledged write missing', async () => {
  const w = writers(lb, alice, 8);
  await waitFor(() => w.acknowledged.length >= 100, 60000, '100 writes');
  lb.instances[0].child.kill('SIGKILL');
  await lb.instances[0].exited;
  const before = w.acknowledged.length;
  await waitFor(() => w.acknowledged.length >= before + 100, 60000, '100 writes more');
  w.stop();
  await w.done;
  const lost = await missing(lb.instances[1], alice.token, w.acknowledged);
  console.log(`     (${w.acknowledged.length} acknowledged; answers ${JSON.stringify(w.statuses)})`);
  assert.equal(lost, 0, `${lost} acknowledged writes missing`);
  // Bring the instance back on its port (nginx's upstream).
  lb.instances[0] = await startInstance({ data, quotas: QUOTAS, args: ['--port', String(lb.instances[0].port)] });
});

test('PostgreSQL stopped: 503 + Retry-After (never a hang), then service again by itself, nothing lost', async () => {
  assert.ok(PG_DIR, 'PORTAL_TEST_PG_DIR (scripts/pg-throwaway run)');
  const before = await request(lb, 'POST', '/api/v1/requests', { token: alice.token, json: newRequest('before') });
  assert.equal(before.status, 201);
  let r = spawnSync(PG_SCRIPT, ['stop', PG_DIR], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  for (const s of lb.instances) {
    const h = await request(s, 'GET', '/api/v1/health');
    assert.equal(h.status, 503, h.text);
    assert.equal(h.json.error.code, 'database_unavailable');
    const w = await request(s, 'POST', '/api/v1/requests', { token: alice.token, json: newRequest('during') });
    assert.equal(w.status, 503, w.text);
    assert.equal(w.headers['retry-after'], '1');
    const g = await request(s, 'GET', '/api/v1/requests', { token: alice.token });
    assert.equal(g.status, 503, g.text);
  }
  const viaLb = await request(lb, 'GET', '/api/v1/requests', { token: alice.token });
  assert.equal(viaLb.status, 503, viaLb.text);
  r = spawnSync(PG_SCRIPT, ['start', PG_DIR], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  for (const s of lb.instances)
    await waitFor(async () => (await request(s, 'GET', '/api/v1/health')).status === 200, 30000, 'health after the restart');
  const after = await request(lb, 'GET', `/api/v1/requests/${before.json.id}`, { token: alice.token });
  assert.equal(after.status, 200, after.text);
  const again = await request(lb, 'POST', '/api/v1/requests', { token: alice.token, json: newRequest('after') });
  assert.equal(again.status, 201, again.text);
});

test('rolling restart of every instance under a client loop through nginx: zero failed requests', async () => {
  const w = writers(lb, alice, 4);
  let reads = 0;
  const readErrors = [];
  let reading = true;
  const reader = (async () => {
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    while (reading) {
      try {
        const r = await request(lb, 'GET', '/api/v1/requests?limit=5', { token: alice.token, agent });
        if (r.status !== 200) readErrors.push(r.status); else reads++;
      } catch (e) { readErrors.push(e.code || e.message); }
    }
    agent.destroy();
  })();
  await waitFor(() => w.acknowledged.length >= 20, 60000, 'writes before the restart');
  for (let i = 0; i < lb.instances.length; i++) {
    const old = lb.instances[i];
    // SIGTERM: health fails, the listener closes, running requests finish, exit 0.
    const stopped = await old.stop('SIGTERM');
    assert.equal(stopped.code, 0);
    const mark = w.acknowledged.length;
    await waitFor(() => w.acknowledged.length >= mark + 10, 60000, 'writes while one instance is away');
    lb.instances[i] = await startInstance({ data, quotas: QUOTAS, args: ['--port', String(old.port)], quiet: false });
    // As an operator's rolling restart does: the next instance goes only once this one takes
    // traffic again (nginx retries a failed instance after fail_timeout).
    const fresh = lb.instances[i];
    await waitFor(() => /POST \/api\/v1\/requests 201/.test(fresh.stderr), 60000, 'the new instance to take writes');
  }
  w.stop();
  reading = false;
  await Promise.all([w.done, reader]);
  console.log(`     (${w.acknowledged.length} writes, ${reads} reads; answers ${JSON.stringify(w.statuses)})`);
  const failed = Object.entries(w.statuses).filter(([k]) => k !== '201');
  assert.deepEqual(failed, [], 'every write answered 201; nginx said:\n' + lb.nginx.errorLog().split('\n').slice(-15).join('\n'));
  assert.deepEqual(readErrors, [], 'every read answered 200');
  assert.equal(await missing(lb, alice.token, w.acknowledged), 0);
});

test('SIGTERM with --drain-seconds: health 503 at once while requests are still served, then exit 0', async () => {
  const s = await startInstance({ data, quotas: QUOTAS, args: ['--drain-seconds', '2'] });
  assert.equal((await request(s, 'GET', '/api/v1/health')).status, 200);
  s.child.kill('SIGTERM');
  await waitFor(async () => (await request(s, 'GET', '/api/v1/health', { agent: new http.Agent() })).status === 503, 10000, 'health 503');
  const h = await request(s, 'GET', '/api/v1/health', { agent: new http.Agent() });
  assert.equal(h.json.error.code, 'draining');
  assert.equal(h.headers['retry-after'], '1');
  const plans = await request(s, 'GET', '/api/v1/plans', { agent: new http.Agent() });
  assert.equal(plans.status, 200, 'still serving while draining');
  assert.equal((await s.exited).code, 0);
  await lb.stop();
});

test('--demo on two instances starting together seeds the demo data once', async () => {
  const [a, b] = await Promise.all([startInstance({ data, args: ['--demo'] }), startInstance({ data, args: ['--demo'] })]);
  const total = async (s) => {
    const login = await request(s, 'POST', '/api/v1/auth/login', { json: { email: 'premium@demo.example', password: 'demo-pass-1' } });
    assert.equal(login.status, 200, login.text);
    return (await request(s, 'GET', '/api/v1/requests?limit=1', { token: login.json.token })).json.total;
  };
  // The same demo seeded into an SQLite folder is the reference.
  const alone = await startInstance({ data: tempDir(), args: ['--demo'], env: { PORTAL_DATABASE_URL: '' } });
  const expected = await total(alone);
  assert.ok(expected > 0);
  assert.equal(await total(a), expected);
  assert.equal(await total(b), expected);
  await Promise.all([a.stop(), b.stop(), alone.stop()]);
});

await run();
