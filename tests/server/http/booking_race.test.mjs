// 20 customers of one manager race for one call slot over real HTTP: exactly one 201, the rest
// 409. Exactly one L2 agent exists, so every company upgraded to premium gets that manager.
//   node booking_race.test.mjs path/to/portal-server
import http from 'node:http';
import { addAgent, assert, command, isErrorShape, register, request, run, startServer, tempDir, test, uniqueEmail } from './lib.mjs';

const RACERS = 20;

test('20 concurrent bookings of one slot: exactly one 201, the others 409', async () => {
  const data = tempDir();
  const manager = { email: uniqueEmail('manager'), name: 'Only Manager', level: 'L2', password: 'manager pass 1' };
  addAgent(data, manager);
  addAgent(data, { email: uniqueEmail('first-line'), name: 'First Line', level: 'L1', password: 'first line pass 1' });
  const agents = command(['list-agents', '--data', data]).stdout.trim().split('\n');
  assert.equal(agents.filter((l) => l.includes('\tL2\t')).length, 1);

  const server = await startServer({ data });
  const customers = await Promise.all(Array.from({ length: RACERS }, (_, i) => register(server, { company: `Racer ${i} GmbH` })));
  for (const c of customers) {
    const r = await request(server, 'POST', '/api/v1/me/plan', { token: c.token, json: { plan: 'premium' } });
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.manager?.name, manager.name, r.text);
  }
  const slots = await request(server, 'GET', '/api/v1/booking/slots', { token: customers[0].token });
  assert.equal(slots.status, 200, slots.text);
  assert.equal(slots.json.agent.name, manager.name);
  const start = slots.json.slots[0]?.start;
  assert.ok(start, 'a free slot');

  // One connection per racer, all sent at once.
  const results = await Promise.all(customers.map((c, i) => {
    const agent = new http.Agent({ keepAlive: false });
    return request(server, 'POST', '/api/v1/bookings', { token: c.token, agent, json: { start, topic: 'support', note: `racer ${i}` } });
  }));
  const created = results.filter((r) => r.status === 201);
  const conflicts = results.filter((r) => r.status === 409);
  assert.equal(created.length, 1, results.map((r) => r.status).join(','));
  assert.equal(conflicts.length, RACERS - 1, results.map((r) => r.status).join(','));
  for (const r of conflicts) assert.equal(isErrorShape(r, 409).code, 'slot_taken');

  // The slot is gone for everyone; the winner sees the call, the manager has exactly one.
  const after = await request(server, 'GET', '/api/v1/booking/slots', { token: customers[5].token });
  assert.ok(!after.json.slots.some((s) => s.start === start));
  const mgr = await request(server, 'POST', '/api/v1/auth/login', { json: { email: manager.email, password: manager.password } });
  const calls = await request(server, 'GET', '/api/v1/bookings', { token: mgr.json.token });
  assert.equal(calls.json.bookings.filter((b) => b.start === start).length, 1);

  // A new booking and a reschedule race for the next slot: one wins.
  const next = slots.json.slots[1].start;
  const losers = customers.filter((_, i) => results[i].status !== 201);
  const second = await Promise.all([
    request(server, 'POST', '/api/v1/bookings', { token: losers[0].token, agent: new http.Agent(), json: { start: next, topic: 'training' } }),
    request(server, 'POST', `/api/v1/bookings/${created[0].json.id}/reschedule`, {
      token: customers[results.indexOf(created[0])].token, agent: new http.Agent(), json: { start: next } }),
  ]);
  const wins = second.filter((r) => r.status === 200 || r.status === 201).length;
  const lost = second.filter((r) => r.status === 409).length;
  assert.ok(wins === 1 && lost === 1, second.map((r) => `${r.status} ${r.text.slice(0, 80)}`).join(' | '));
  assert.equal((await server.stop()).code, 0);
});

await run();
