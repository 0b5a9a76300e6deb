// Durable writes and reads per second over HTTP: SQLite vs PostgreSQL, one instance and three
// behind nginx (SQLite is one file on one machine: no three-instance figure). Run by hand; prints
// figures, never fails on timing. wrk shares the machine's cores with everything measured.
//   node tests/bench/db_bench.mjs [build/native/src/server/portal-server]
// Environment: DB_BENCH_DURATION (wrk duration, default 5s), DB_BENCH_CONNECTIONS (default 16).
import { spawnSync } from 'node:child_process';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../..');
if (!process.argv[2]) process.argv[2] = path.join(root, 'build/native/src/server/portal-server');
const lib = await import('../server/http/lib.mjs');
const { startNginx } = await import('../server/http/nginx.mjs');
const { register, request, startInstance, tempDir, test, run } = lib;

const duration = process.env.DB_BENCH_DURATION || '5s';
const conns = Number(process.env.DB_BENCH_CONNECTIONS || 16);
const SEED = 500;
if (spawnSync('wrk', ['--version']).error) { console.error('db_bench: wrk not found (scripts/setup installs it)'); process.exit(1); }

function wrk(url, token, script) {
  const args = ['-t2', `-c${conns}`, `-d${duration}`, '-H', `Authorization: Bearer ${token}`];
  if (script) args.push('-s', script);
  args.push(url);
  const r = spawnSync('wrk', args, { encoding: 'utf8', env: { ...process.env, PORTAL_BENCH_TOKEN: token } });
  const rps = /Requests\/sec:\s+([\d.]+)/.exec(r.stdout)?.[1];
  const non2xx = /Non-2xx or 3xx responses:\s+(\d+)/.exec(r.stdout)?.[1] ?? '0';
  return { rps: rps ? Number(rps) : NaN, non2xx: Number(non2xx) };
}

async function measure(label, { instances, env }) {
  const data = tempDir('portal-bench-');
  const servers = [];
  const dbArgs = env.PORTAL_DATABASE_URL ? ['--database', env.PORTAL_DATABASE_URL] : [];
  for (let i = 0; i < instances; i++) servers.push(await startInstance({ data, args: dbArgs }));
  const lb = instances > 1 ? await startNginx(servers.map((s) => s.port)) : null;
  const front = lb ? { port: lb.port, agent: new http.Agent({ keepAlive: true, maxSockets: 16 }) } : servers[0];
  const who = await register(front);
  for (let i = 0; i < SEED; i += 8)
    await Promise.all(Array.from({ length: 8 }, (_, k) => request(front, 'POST', '/api/v1/requests', {
      token: who.token, json: { subject: `seed ${i + k}`, description: 'bench', severity: 3, category: 'technical' } })));
  const base = `http://127.0.0.1:${front.port}/api/v1`;
  const get = wrk(`${base}/requests?limit=50`, who.token);
  const post = wrk(`${base}/requests`, who.token, path.join(here, 'http/post_request.lua'));
  for (const s of servers) await s.stop();
  if (lb) await lb.stop();
  return { label, instances, get, post };
}

const rows = [];
test('benchmark', async () => {
  rows.push(await measure('SQLite', { instances: 1, env: {} }));
  const pgDir = tempDir('portal-bench-pg-');
  const started = spawnSync(path.join(root, 'scripts/pg-throwaway'), ['start', pgDir], { encoding: 'utf8' });
  if (started.status !== 0) throw new Error('PostgreSQL did not start: ' + started.stderr);
  const url = started.stdout.trim();
  try {
    for (const n of [1, 3]) {
      const db = `bench${n}`;
      spawnSync('psql', [url, '-qc', `DROP DATABASE IF EXISTS ${db}`, '-c', `CREATE DATABASE ${db}`]);
      rows.push(await measure('PostgreSQL', { instances: n, env: { PORTAL_DATABASE_URL: url.replace(/\/portal$/, `/${db}`) } }));
    }
  } finally {
    spawnSync(path.join(root, 'scripts/pg-throwaway'), ['stop', pgDir]);
  }
  const f = (x) => (Number.isFinite(x.rps) ? x.rps.toFixed(0).padStart(8) : '     n/a') + (x.non2xx ? ` (${x.non2xx} non-2xx)` : '');
  console.log(`\nDurable POST /requests and GET /requests?limit=50 per second (wrk -t2 -c${conns} -d${duration}, ${SEED} stored first)`);
  console.log(`machine: ${os.cpus().length} cores, load ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}; wrk, nginx and PostgreSQL share them\n`);
  console.log('store        instances   POST/s     GET/s');
  for (const r of rows) console.log(`${r.label.padEnd(12)} ${String(r.instances).padStart(9)} ${f(r.post)} ${f(r.get)}`);
  console.log(`${'SQLite'.padEnd(12)} ${'3'.padStart(9)}      n/a      n/a   (one file, one machine: SQLite does not scale out)`);
});

await run();
