// The runner behind scripts/cluster (see there): PostgreSQL via scripts/pg-throwaway (kept in
// --dir), the demo data seeded once, N instances on the ports after --port, nginx on --port with
// the configuration of the tests (tests/server/http/nginx.mjs). Ctrl-C: instances drain (SIGTERM),
// then nginx and PostgreSQL stop.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startNginx } from '../../tests/server/http/nginx.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const [bin, ...rest] = process.argv.slice(2);
const opts = { instances: 3, port: 8080, dir: path.join(root, 'cluster-data') };
for (let i = 0; i < rest.length; i++) {
  const key = rest[i].replace(/^--/, '');
  if (!(key in opts) || i + 1 >= rest.length) { console.error(`cluster: unknown option ${rest[i]} (--instances N, --port P, --dir DIR)`); process.exit(2); }
  opts[key] = key === 'dir' ? path.resolve(rest[++i]) : Number(rest[++i]);
}
if (!(opts.instances >= 1 && opts.instances <= 32)) { console.error('cluster: --instances must be 1..32'); process.exit(2); }

const pg = path.join(root, 'scripts/pg-throwaway');
const dbDir = path.join(opts.dir, 'postgres');
fs.mkdirSync(opts.dir, { recursive: true });
fs.chmodSync(opts.dir, 0o755);
let r = spawnSync(pg, ['start', dbDir], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
if (r.status !== 0) { console.error('cluster: PostgreSQL did not start'); process.exit(1); }
const url = r.stdout.trim();
const env = { ...process.env, PORTAL_DATABASE_URL: url };

// The demo data, once (instances would race to seed it).
r = spawnSync(bin, ['seed-demo'], { env, encoding: 'utf8' });
if (r.status !== 0) { console.error('cluster: seed-demo failed: ' + r.stderr); stopPg(); process.exit(1); }

const demoLogins = r.stdout;
const web = fs.existsSync(path.join(root, 'dist')) ? ['--web', path.join(root, 'dist')] : [];
const children = [];
function startInstance(port) {
  return new Promise((resolve, reject) => {
    // --demo: the database was seeded as a demo above, and the demo marker refuses a start without it.
    const child = spawn(bin, ['--demo', '--host', '127.0.0.1', '--port', String(port), '--quiet', '--drain-seconds', '1', '--trusted-proxy', '127.0.0.1', ...web],
                        { env, stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (d) => { out += d; if (/listening on/.test(out)) resolve(child); });
    child.on('exit', (code) => reject(new Error(`instance on port ${port} exited (${code}): ${out}`)));
    children.push(child);
  });
}

let lb;
function stopPg() { spawnSync(pg, ['stop', dbDir], { stdio: 'inherit' }); }
let stopping = false;
async function stopAll() {
  if (stopping) return;
  stopping = true;
  console.log('\ncluster: stopping (instances drain, then nginx and PostgreSQL)');
  await Promise.all(children.filter((c) => c.exitCode === null).map((c) => new Promise((res) => { c.on('exit', res); c.kill('SIGTERM'); })));
  if (lb) await lb.stop();
  stopPg();
  process.exit(0);
}
process.on('SIGINT', stopAll);
process.on('SIGTERM', stopAll);

try {
  const ports = Array.from({ length: opts.instances }, (_, i) => opts.port + 1 + i);
  await Promise.all(ports.map(startInstance));
  lb = await startNginx(ports, { port: opts.port });
  console.log(`
portal (nginx -> ${opts.instances} instances -> PostgreSQL): http://127.0.0.1:${opts.port}
  instances:  ${ports.map((p) => `http://127.0.0.1:${p}`).join('  ')}   (GET /api/v1/health)
  database:   ${url}   (folder ${dbDir})
  nginx:      ${lb.prefix}/nginx.conf
demo logins:
${demoLogins}Ctrl-C stops everything.`);
} catch (e) {
  console.error('cluster: ' + e.message);
  await stopAll();
}
