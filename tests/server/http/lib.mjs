// Shared helpers for the HTTP tests: start the real portal-server on a free loopback port with a
// temporary data folder, talk to it with node:http (full control over headers: no automatic
// Accept-Encoding or path normalisation), run the operator's commands, and a tiny test runner
// that ends with "N passed, M failed".
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import assert from 'node:assert/strict';

export { assert };

export const BIN = process.argv[2];
if (!BIN || !fs.existsSync(BIN)) {
  console.error('usage: node <test>.mjs path/to/portal-server');
  process.exit(2);
}

const cleanups = [];
export function tempDir(prefix = 'portal-http-') {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

const ENV = { ...process.env, PORTAL_FAST_HASH: process.env.PORTAL_FAST_HASH ?? '1' };

// Cluster mode (PORTAL_TEST_CLUSTER=N, inside scripts/pg-throwaway run): every server and operator
// command uses the PostgreSQL database PORTAL_TEST_DATABASE_URL, and startServer starts N
// instances behind nginx (nginx.mjs); tests marked { direct: true } (raw HTTP, the access log)
// are skipped, as they check one instance's own socket.
export const CLUSTER = Number(process.env.PORTAL_TEST_CLUSTER || 0);
export const DATABASE_URL = process.env.PORTAL_TEST_DATABASE_URL || '';
if (CLUSTER) {
  if (!DATABASE_URL) { console.error('PORTAL_TEST_CLUSTER needs PORTAL_TEST_DATABASE_URL (scripts/pg-throwaway run -- ...)'); process.exit(2); }
  ENV.PORTAL_DATABASE_URL = DATABASE_URL;
}

export async function startServer(options = {}) {
  if (!CLUSTER) return startInstance(options);
  const { startNginx } = await import('./nginx.mjs');
  const instances = [];
  for (let i = 0; i < CLUSTER; i++) instances.push(await startInstance(options));
  const lb = await startNginx(instances.map((s) => s.port));
  const http = await import('node:http');
  const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
  const server = {
    port: lb.port, agent, instances, nginx: lb,
    get stdout() { return instances[0].stdout; },
    get stderr() { return instances.map((s) => s.stderr).join(''); },
    async stop(signal = 'SIGTERM') {
      agent.destroy();
      const results = await Promise.all(instances.map((s) => s.stop(signal)));
      await lb.stop();
      return results[0];
    },
  };
  server.exited = Promise.all(instances.map((s) => s.exited)).then((r) => r[0]);
  cleanups.push(() => { agent.destroy(); try { lb.child.kill('SIGKILL'); } catch {} });
  return server;
}

// A copy of assets/catalog.json with other quotas (catalog "quotas"), for --catalog.
export function catalogWithQuotas(quotas) {
  const catalog = JSON.parse(fs.readFileSync(new URL('../../../assets/catalog.json', import.meta.url), 'utf8'));
  catalog.quotas = { ...catalog.quotas, ...quotas };
  const file = path.join(tempDir('portal-catalog-'), 'catalog.json');
  fs.writeFileSync(file, JSON.stringify(catalog));
  return file;
}

// Starts one server; resolves once it prints "listening on http(s)://127.0.0.1:PORT".
// `quotas`: catalog quotas to override (e.g. for tests that write in bursts).
// `env`: extra environment (e.g. PORTAL_FAST_HASH: '0' for the real password cost).
export async function startInstance({ data, args = [], quiet = true, timeoutMs = 30000, quotas, env = {} } = {}) {
  if (quotas) args = [...args, '--catalog', catalogWithQuotas(quotas)];
  // Behind the tests' nginx the client is the last X-Forwarded-For hop (as in production).
  if (CLUSTER) args = [...args, '--trusted-proxy', '127.0.0.1'];
  const child = spawn(BIN, ['--host', '127.0.0.1', '--port', '0', '--data', data, ...(quiet ? ['--quiet'] : []), ...args], {
    env: { ...ENV, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stderr.on('data', (d) => { stderr += d; });
  const exited = new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  const port = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('server did not start:\n' + stdout + stderr)), timeoutMs);
    child.stdout.on('data', (d) => {
      stdout += d;
      const m = /listening on https?:\/\/127\.0\.0\.1:(\d+)/.exec(stdout);
      if (m) { clearTimeout(timer); resolve(Number(m[1])); }
    });
    exited.then(({ code, signal }) => { clearTimeout(timer); reject(new Error(`server exited (${code ?? signal}) before listening:\n${stdout}${stderr}`)); });
  });
  const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
  const server = {
    child, port, agent, exited,
    get stdout() { return stdout; },
    get stderr() { return stderr; },
    // SIGTERM (or another signal) and wait for the exit.
    async stop(signal = 'SIGTERM') {
      agent.destroy();
      child.kill(signal);
      return exited;
    },
  };
  cleanups.push(() => { try { child.kill('SIGKILL'); } catch {} agent.destroy(); });
  return server;
}

// One HTTP request. `json` is sent as a JSON body; `body` as given (string or Buffer).
// Resolves {status, headers, body (Buffer), text, json (parsed or undefined)}.
// `localAddress`: the client's own loopback address (127.x.y.z), standing in for another machine.
export function request(server, method, urlPath, { token, json, body, headers = {}, agent, localAddress } = {}) {
  return new Promise((resolve, reject) => {
    const h = { ...headers };
    let payload = body;
    if (json !== undefined) { payload = JSON.stringify(json); h['Content-Type'] ??= 'application/json'; }
    if (token) h.Authorization = `Bearer ${token}`;
    if (payload !== undefined) h['Content-Length'] = Buffer.byteLength(payload);
    const req = http.request({ host: '127.0.0.1', port: server.port, method, path: urlPath, headers: h, localAddress,
                               agent: agent ?? server.agent }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => {
        const buf = Buffer.concat(chunks);
        const text = buf.toString('utf8');
        let parsed;
        if ((res.headers['content-type'] || '').startsWith('application/json') && !res.headers['content-encoding']) {
          try { parsed = JSON.parse(text); } catch {}
        }
        resolve({ status: res.statusCode, headers: res.headers, body: buf, text, json: parsed });
      });
      res.on('error', reject);
    });
    req.on('error', reject);
    req.setTimeout(60000, () => req.destroy(new Error(`timeout: ${method} ${urlPath}`)));
    if (payload !== undefined) req.write(payload);
    req.end();
  });
}

// Bytes straight onto a socket (for paths that clients would normalise and for broken HTTP).
// Resolves with everything the server sent before closing (or after `waitMs` of silence).
// An open GET /api/v1/events stream of `server`: parses frames (each event with receivedAt and its
// SSE id as sseId; lastId the stream's last id), next(pred) resolves with the first event seen or
// to come for which pred holds. A refused stream (status not 200) resolves with its body in text.
export function openEvents(server, token, { lastEventId, localAddress, agent = new http.Agent() } = {}) {
  return new Promise((resolve, reject) => {
    const headers = { Authorization: `Bearer ${token}` };
    if (lastEventId !== undefined) headers['Last-Event-ID'] = String(lastEventId);
    const req = http.request({ host: '127.0.0.1', port: server.port, path: '/api/v1/events', headers, agent, localAddress }, (res) => {
      const stream = { status: res.statusCode, headers: res.headers, events: [], lastId: undefined, waiters: [], text: '', req, res,
        close() { req.destroy(); },
        // Resolves with the first event (seen or to come) for which pred holds.
        next(pred, timeoutMs = 10000) {
          const seen = stream.events.find(pred);
          if (seen) return Promise.resolve(seen);
          return new Promise((ok, fail) => {
            const w = { pred, ok };
            w.timer = setTimeout(() => { stream.waiters.splice(stream.waiters.indexOf(w), 1); fail(new Error('no such event in ' + timeoutMs + ' ms: ' + JSON.stringify(stream.events.map((e) => e.type)))); }, timeoutMs);
            stream.waiters.push(w);
          });
        } };
      if (res.statusCode !== 200) {
        let body = '';
        res.on('data', (c) => { body += c; });
        res.on('end', () => { stream.text = body; resolve(stream); });
        return;
      }
      let buf = '';
      res.setEncoding('utf8');
      res.on('data', (chunk) => {
        buf += chunk;
        let end;
        while ((end = buf.indexOf('\n\n')) >= 0) {
          const frame = buf.slice(0, end);
          buf = buf.slice(end + 2);
          let id, data;
          for (const line of frame.split('\n')) {
            if (line.startsWith('id: ')) id = line.slice(4);
            else if (line.startsWith('data: ')) data = line.slice(6);
          }
          if (id !== undefined) stream.lastId = id;
          if (data === undefined) continue;
          const event = { ...JSON.parse(data), receivedAt: performance.now(), sseId: id };
          stream.events.push(event);
          for (const w of [...stream.waiters]) if (w.pred(event)) { clearTimeout(w.timer); stream.waiters.splice(stream.waiters.indexOf(w), 1); w.ok(event); }
        }
      });
      res.on('error', () => {});
      resolve(stream);
    });
    req.on('error', (e) => reject(e));
    req.end();
  });
}

export function rawRequest(server, bytes, { waitMs = 1500 } = {}) {
  return new Promise((resolve) => {
    const sock = net.connect(server.port, '127.0.0.1');
    const chunks = [];
    let timer;
    const done = () => { clearTimeout(timer); sock.destroy(); resolve(Buffer.concat(chunks).toString('latin1')); };
    const arm = () => { clearTimeout(timer); timer = setTimeout(done, waitMs); };
    sock.on('connect', () => { sock.write(bytes); arm(); });
    sock.on('data', (c) => { chunks.push(c); arm(); });
    sock.on('end', done);
    sock.on('error', done);
  });
}

// The operator's commands: portal-server <command> ... (password via --password-file).
export function command(args, { input } = {}) {
  const r = spawnSync(BIN, args, { env: ENV, input, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

export function addAgent(data, { email, name, level, password }) {
  const dir = tempDir('portal-pw-');
  const file = path.join(dir, 'pw');
  fs.writeFileSync(file, password + '\n', { mode: 0o600 });
  const r = command(['add-agent', '--data', data, '--email', email, '--name', name, '--level', level, '--password-file', file]);
  if (r.code !== 0) throw new Error('add-agent failed: ' + r.stderr);
  return r;
}

let seq = 0;
let addressSeq = 0;
// A fresh loopback address (127.1.x.y) per call: registrations are limited per client address.
export function nextAddress() {
  addressSeq += 1;
  return `127.1.${Math.floor(addressSeq / 250) % 250}.${(addressSeq % 250) + 1}`;
}
export function uniqueEmail(tag = 'user') {
  seq += 1;
  return `${tag}-${process.pid}-${Date.now().toString(36)}-${seq}@example.com`;
}

export async function register(server, { email = uniqueEmail(), password = 'correct horse 1', name = 'Test User', company } = {}) {
  const localAddress = nextAddress();
  let r;
  // The password-hashing lane is small and bounded: a burst gets 503 + Retry-After, and a client
  // tries again (as the portal does).
  for (let attempt = 0; attempt < 50; attempt += 1) {
    r = await request(server, 'POST', '/api/v1/auth/register',
                      { json: { email, password, name, company: company ?? `Company ${email}` }, localAddress });
    if (r.status !== 503) break;
    await new Promise((resolve) => setTimeout(resolve, 50 + Math.random() * 200));
  }
  assert.equal(r.status, 201, `register: ${r.text}`);
  return { token: r.json.token, customer: r.json.customer, email, password };
}

export function isErrorShape(r, status) {
  assert.equal(r.status, status, `expected ${status}, got ${r.status}: ${r.text.slice(0, 300)}`);
  assert.match(r.headers['content-type'] || '', /^application\/json/);
  const j = JSON.parse(r.text);
  assert.equal(typeof j.error, 'object', r.text);
  assert.equal(typeof j.error.code, 'string', r.text);
  assert.equal(typeof j.error.message, 'string', r.text);
  return j.error;
}

// Security headers that every response must carry.
export function checkSecurityHeaders(r) {
  const csp = r.headers['content-security-policy'] || '';
  for (const part of ["default-src 'self'", "script-src 'self' 'wasm-unsafe-eval'", "style-src 'self' 'unsafe-inline'",
                      "img-src 'self' data: blob:", "connect-src 'self'", "object-src 'none'", "base-uri 'none'",
                      "frame-ancestors 'none'"])
    assert.ok(csp.includes(part), `CSP lacks ${part}: ${csp}`);
  assert.equal(r.headers['x-content-type-options'], 'nosniff');
  assert.equal(r.headers['referrer-policy'], 'no-referrer');
  assert.equal(r.headers['x-frame-options'], 'DENY');
  assert.equal(r.headers['access-control-allow-origin'], undefined, 'no CORS header');
}

// --- a tiny runner ---------------------------------------------------------------------------
const tests = [];
export function test(name, fn, { direct = false } = {}) {
  if (direct && CLUSTER) { console.log(`skip ${name} (checks one instance's socket; not through the load balancer)`); return; }
  tests.push({ name, fn });
}

export async function run() {
  let passed = 0, failed = 0;
  for (const t of tests) {
    const started = Date.now();
    try {
      await t.fn();
      passed += 1;
      console.log(`ok   ${t.name} (${Date.now() - started} ms)`);
    } catch (e) {
      failed += 1;
      console.log(`FAIL ${t.name}\n     ${(e && e.stack) || e}`);
    }
  }
  for (const c of cleanups.reverse()) { try { c(); } catch {} }
  console.log(`${passed} passed, ${failed} failed`);
  process.exit(failed ? 1 : 0);
}
