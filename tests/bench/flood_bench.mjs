// Read latency while password hashing is flooded (issue #11): starts portal-server at the real
// Argon2id cost, reads from one client address (127.0.0.3: GET /plans, the static page, a
// knowledge-base search, an authenticated list) while idle, then during a registration flood
// from 256 other addresses (64 in flight), and prints p50/p95 of both and the flood's answers.
// Figures only, never a failure on timing.
//   node tests/bench/flood_bench.mjs [path/to/portal-server] [seconds]
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';

// Flood mode (a child process, so that the flood's own event loop does not delay the reader):
//   node flood_bench.mjs --flood PORT SECONDS → prints the answers as JSON.
if (process.argv[2] === '--flood') {
  const [port, secs] = [Number(process.argv[3]), Number(process.argv[4])];
  const answers = {};
  let n = 0;
  const until = Date.now() + secs * 1000;
  await Promise.all(Array.from({ length: 64 }, async (_, lane) => {
    while (Date.now() < until) {
      n += 1;
      const localAddress = `127.2.${Math.floor((n % 256) / 250)}.${(n % 250) + 1}`;  // 256 addresses
      const body = JSON.stringify({ email: `flood-${lane}-${n}@example.com`, password: 'flood password 1', name: 'F', company: 'F Co' });
      const status = await new Promise((resolve) => {
        const req = http.request({ host: '127.0.0.1', port, method: 'POST', path: '/api/v1/auth/register', localAddress, agent: false,
                                   headers: { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) } },
                                 (res) => { res.resume(); res.on('end', () => resolve(res.statusCode)); });
        req.on('error', (e) => resolve(e.code || 'error'));
        req.end(body);
      });
      answers[status] = (answers[status] || 0) + 1;
    }
  }));
  console.log(JSON.stringify(answers));
  process.exit(0);
}

const root = new URL('../../', import.meta.url).pathname;
const bin = process.argv[2] || path.join(root, 'build/native/src/server/portal-server');
const seconds = Number(process.argv[3] || 5);
const data = fs.mkdtempSync(path.join(os.tmpdir(), 'flood-bench-'));
const web = fs.mkdtempSync(path.join(os.tmpdir(), 'flood-web-'));
fs.writeFileSync(path.join(web, 'index.html'), '<!doctype html><title>portal</title>');
const child = spawn(bin, ['--port', '0', '--data', data, '--web', web, '--quiet'], {
  env: { ...process.env, PORTAL_FAST_HASH: '0' }, stdio: ['ignore', 'pipe', 'inherit'],
});
const cleanup = () => { try { child.kill('SIGTERM'); } catch {} fs.rmSync(data, { recursive: true, force: true }); fs.rmSync(web, { recursive: true, force: true }); };
process.on('exit', cleanup);
const port = await new Promise((resolve, reject) => {
  let out = '';
  child.stdout.on('data', (d) => { out += d; const m = /listening on http:\/\/127\.0\.0\.1:(\d+)/.exec(out); if (m) resolve(Number(m[1])); });
  child.on('exit', (c) => reject(new Error(`portal-server exited (${c})`)));
});

const reader = new http.Agent({ keepAlive: true, maxSockets: 4 });
function call(method, p, { json, token, localAddress = '127.0.0.3', agent = reader } = {}) {
  return new Promise((resolve, reject) => {
    const body = json ? JSON.stringify(json) : undefined;
    const headers = {};
    if (body) { headers['Content-Type'] = 'application/json'; headers['Content-Length'] = Buffer.byteLength(body); }
    if (token) headers.Authorization = `Bearer ${token}`;
    const t = process.hrtime.bigint();
    const req = http.request({ host: '127.0.0.1', port, method, path: p, headers, localAddress, agent }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode, ms: Number(process.hrtime.bigint() - t) / 1e6, text: Buffer.concat(chunks).toString() }));
    });
    req.on('error', reject);
    if (body) req.write(body);
    req.end();
  });
}

const reg = await call('POST', '/api/v1/auth/register', { json: { email: 'reader@example.com', password: 'reader password 1', name: 'R', company: 'R Co' } });
const token = JSON.parse(reg.text).token;
for (let i = 0; i < 20; i += 1)
  await call('POST', '/api/v1/requests', { token, json: { subject: `seed ${i}`, description: 'd', severity: 3, category: 'technical' } });

async function readFor(ms) {
  const lat = { plans: [], static: [], kb: [], list: [] };
  const until = Date.now() + ms;
  while (Date.now() < until) {
    lat.plans.push((await call('GET', '/api/v1/plans')).ms);
    lat.static.push((await call('GET', '/')).ms);
    lat.kb.push((await call('GET', '/api/v1/kb/search?q=vpn&lang=en')).ms);
    lat.list.push((await call('GET', '/api/v1/requests?limit=20', { token })).ms);
  }
  return lat;
}
const pct = (xs, p) => { const s = [...xs].sort((a, b) => a - b); return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]; };

const idle = await readFor(seconds * 1000);
const flooder = spawn(process.execPath, [new URL(import.meta.url).pathname, '--flood', String(port), String(seconds)], { stdio: ['ignore', 'pipe', 'inherit'] });
let floodOut = '';
flooder.stdout.on('data', (d) => { floodOut += d; });
const floodDone = new Promise((resolve) => flooder.on('exit', resolve));
await new Promise((r) => setTimeout(r, 300));  // the flood is under way
const during = await readFor(seconds * 1000 - 600);
await floodDone;
const answers = JSON.parse(floodOut || '{}');

console.log(`flood_bench: portal-server at the real Argon2id cost, ${os.cpus().length} cores; reads from 127.0.0.3, one at a time`);
console.log('read                         idle p50   idle p95   flood p50  flood p95   (ms; n idle / flood)');
for (const k of Object.keys(idle))
  console.log(`  ${k.padEnd(26)} ${pct(idle[k], 50).toFixed(2).padStart(8)} ${pct(idle[k], 95).toFixed(2).padStart(10)} ${pct(during[k], 50).toFixed(2).padStart(10)} ${pct(during[k], 95).toFixed(2).padStart(10)}   (${idle[k].length} / ${during[k].length})`);
const all = (o) => Object.values(o).flat();
console.log(`  ${'all reads'.padEnd(26)} ${pct(all(idle), 50).toFixed(2).padStart(8)} ${pct(all(idle), 95).toFixed(2).padStart(10)} ${pct(all(during), 50).toFixed(2).padStart(10)} ${pct(all(during), 95).toFixed(2).padStart(10)}`);
console.log(`registration flood (64 in flight from 256 addresses, another process, ${seconds} s): answers ${JSON.stringify(answers)} (201 created, 429 per-address limit, 503 hashing lane full)`);
process.exit(0);
