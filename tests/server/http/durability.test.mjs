// Durability over real HTTP: data kept across a clean restart (SIGTERM), running requests finish
// on SIGTERM, and kill -9 in the middle of a burst of concurrent writes loses no write that was
// answered 2xx.
//   node durability.test.mjs path/to/portal-server
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { assert, register, request, run, startServer, tempDir, test } from './lib.mjs';

// Bursts of hundreds of new requests per company: above the catalog's default hourly quota.
const BURST_QUOTAS = { new_requests_per_company_per_hour: 1000000 };

// `clients` parallel loops POSTing /requests until stop() or an error; every 2xx is recorded.
function burst(server, customers, clients) {
  const acknowledged = [];
  const failures = [];
  let stopped = false;
  const loops = [];
  for (let c = 0; c < clients; c += 1) {
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    const who = customers[c % customers.length];
    loops.push((async () => {
      for (let i = 0; !stopped; i += 1) {
        const subject = `burst ${c}-${i} ✓`;
        let r;
        try {
          r = await request(server, 'POST', '/api/v1/requests', {
            token: who.token, agent,
            json: { subject, description: `client ${c} write ${i}`, severity: 1 + (i % 5), category: 'technical' },
          });
        } catch (e) {
          failures.push(e.code || e.message);
          break;  // the server went away
        }
        if (r.status >= 200 && r.status < 300) acknowledged.push({ id: r.json.id, subject, token: who.token });
        else failures.push(`HTTP ${r.status}`);
      }
      agent.destroy();
    })());
  }
  return { acknowledged, failures, stop() { stopped = true; }, done: Promise.all(loops) };
}

async function waitFor(pred, ms) {
  const until = Date.now() + ms;
  while (!pred() && Date.now() < until) await new Promise((r) => setTimeout(r, 5));
}

async function checkAllReadable(server, acknowledged) {
  let missing = 0;
  for (const a of acknowledged) {
    const r = await request(server, 'GET', `/api/v1/requests/${a.id}`, { token: a.token });
    if (r.status !== 200 || r.json.subject !== a.subject) missing += 1;
  }
  return missing;
}

test('data kept across a restart (SIGTERM, then start again on the same folder)', async () => {
  const data = tempDir();
  let server = await startServer({ data, quotas: BURST_QUOTAS });
  const alice = await register(server, { name: 'Алиса', company: 'Щука ООД' });
  let r = await request(server, 'POST', '/api/v1/requests', {
    token: alice.token, json: { subject: 'Ünïcödé ✓ 日本語 𝄞', description: 'kept byte for byte\n\ttabs', severity: 2, category: 'billing' },
  });
  assert.equal(r.status, 201, r.text);
  const created = r.json;
  r = await request(server, 'POST', `/api/v1/requests/${created.id}/messages`, { token: alice.token, json: { body: 'second message' } });
  assert.equal(r.status, 201);
  r = await request(server, 'POST', '/api/v1/me/plan', { token: alice.token, json: { plan: 'standard' } });
  assert.equal(r.status, 200, r.text);
  const before = (await request(server, 'GET', `/api/v1/requests/${created.id}`, { token: alice.token })).json;
  const exit = await server.stop('SIGTERM');
  assert.equal(exit.code, 0);
  // closed cleanly: the WAL was checkpointed into portal.db
  const wal = path.join(data, 'portal.db-wal');
  assert.ok(!fs.existsSync(wal) || fs.statSync(wal).size === 0, 'no WAL left behind');

  server = await startServer({ data, quotas: BURST_QUOTAS });
  // the session token still works; the request and its messages are the same
  r = await request(server, 'GET', `/api/v1/requests/${created.id}`, { token: alice.token });
  assert.equal(r.status, 200, r.text);
  assert.deepEqual(r.json.messages, before.messages);
  assert.equal(r.json.subject, 'Ünïcödé ✓ 日本語 𝄞');
  assert.equal(r.json.description, 'kept byte for byte\n\ttabs');
  assert.equal(r.json.number, before.number);
  r = await request(server, 'GET', '/api/v1/me', { token: alice.token });
  assert.equal(r.json.plan, 'standard');
  r = await request(server, 'POST', '/api/v1/auth/login', { json: { email: alice.email, password: alice.password } });
  assert.equal(r.status, 200);
  // numbering continues after the restart
  r = await request(server, 'POST', '/api/v1/requests', { token: alice.token, json: { subject: 'next', description: 'd', severity: 3, category: 'other' } });
  assert.equal(r.status, 201);
  assert.ok(r.json.number > before.number);
  assert.equal((await server.stop('SIGTERM')).code, 0);
});

test('SIGTERM during a burst: running requests finish, exit 0, every 2xx write is there', async () => {
  const data = tempDir();
  let server = await startServer({ data, quotas: BURST_QUOTAS });
  const customers = [await register(server), await register(server)];
  const b = burst(server, customers, 16);
  await waitFor(() => b.acknowledged.length >= 100, 20000);
  const exitP = server.stop('SIGTERM');
  const { code } = await exitP;
  b.stop();
  await b.done;
  assert.equal(code, 0);
  assert.ok(b.acknowledged.length >= 100, `acknowledged ${b.acknowledged.length}`);
  assert.ok(b.failures.every((f) => !String(f).startsWith('HTTP 5')), `no 5xx: ${b.failures.slice(0, 5)}`);
  server = await startServer({ data, quotas: BURST_QUOTAS });
  assert.equal(await checkAllReadable(server, b.acknowledged), 0);
  await server.stop();
});

test('kill -9 in the middle of 16 parallel writers loses no acknowledged write', async () => {
  const data = tempDir();
  let server = await startServer({ data, quotas: BURST_QUOTAS });
  const customers = [];
  for (let i = 0; i < 4; i += 1) customers.push(await register(server));
  const b = burst(server, customers, 16);
  await waitFor(() => b.acknowledged.length >= 300, 30000);
  server.child.kill('SIGKILL');
  const { signal } = await server.exited;
  assert.equal(signal, 'SIGKILL');
  b.stop();
  await b.done;
  const acked = b.acknowledged.length;
  assert.ok(acked >= 300, `acknowledged ${acked}`);
  assert.ok(b.failures.length > 0 || acked > 0);

  server = await startServer({ data, quotas: BURST_QUOTAS });
  const missing = await checkAllReadable(server, b.acknowledged);
  assert.equal(missing, 0, `${missing} of ${acked} acknowledged writes lost`);
  // and the ids are unique, the numbering consistent
  let total = 0;
  for (const c of customers) {
    const r = await request(server, 'GET', '/api/v1/requests?limit=1', { token: c.token });
    assert.equal(r.status, 200);
    total += r.json.total;
  }
  assert.ok(total >= acked, `stored ${total} >= acknowledged ${acked}`);
  console.log(`     (${acked} acknowledged before SIGKILL, ${total} stored)`);
  await server.stop();
});

await run();
