// Debian's nginx as the load balancer in front of several portal-server instances (the tests'
// and scripts/cluster's configuration): round robin, a failed instance skipped for a while
// (max_fails / fail_timeout), requests that never reached an instance retried on the next one
// (proxy_next_upstream error timeout: idempotent ones also after a timeout), no buffering (SSE).
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

export function nginxBinary() {
  for (const p of ['/usr/sbin/nginx', '/usr/bin/nginx']) if (fs.existsSync(p)) return p;
  throw new Error('nginx not found (scripts/setup installs nginx-light)');
}

export function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => { const { port } = s.address(); s.close(() => resolve(port)); });
  });
}

// The nginx.conf text. upstreams: ["127.0.0.1:8081", ...].
export function nginxConfig({ prefix, port, upstreams, tempPaths }) {
  return `daemon off;
master_process on;
worker_processes 1;
error_log ${prefix}/error.log warn;
pid ${prefix}/nginx.pid;
events { worker_connections 1024; }
http {
${tempPaths}
  access_log off;
  server_tokens off;
  client_max_body_size 8m;            # the instances answer 413 themselves above 1 MiB
  large_client_header_buffers 4 32k;
  upstream portal {
${upstreams.map((u) => `    server ${u} max_fails=1 fail_timeout=2s;`).join('\n')}
  }
  server {
    listen 127.0.0.1:${port};
    location / {
      proxy_pass http://portal;
      proxy_http_version 1.1;
      proxy_set_header Host $http_host;
      proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
      proxy_set_header X-Forwarded-Proto $scheme;
      proxy_next_upstream error timeout;   # never after a non-idempotent request was sent
      proxy_next_upstream_tries 4;
      proxy_connect_timeout 2s;
      proxy_buffering off;                 # Server-Sent Events pass at once
      proxy_read_timeout 1h;
    }
  }
}
`;
}

// The *_temp_path lines for the modules this nginx build has, in folders under prefix.
function tempPathLines(bin, prefix) {
  const v = spawnSync(bin, ['-V'], { encoding: 'utf8' });
  const built = (v.stderr || '') + (v.stdout || '');
  const lines = [];
  for (const [m, dir] of [['client_body', 'client_body'], ['proxy', 'proxy'], ['fastcgi', 'fastcgi'],
                          ['uwsgi', 'uwsgi'], ['scgi', 'scgi']]) {
    if (m !== 'client_body' && m !== 'proxy' && built.includes(`--without-http_${m}_module`)) continue;
    if ((m === 'fastcgi' || m === 'uwsgi' || m === 'scgi') && !built.includes(`--http-${m}-temp-path`)) continue;
    fs.mkdirSync(path.join(prefix, dir), { recursive: true });
    lines.push(`  ${m}_temp_path ${path.join(prefix, dir)};`);
  }
  return lines.join('\n');
}

// Starts nginx in front of the given instance ports; resolves once it accepts connections.
export async function startNginx(upstreamPorts, { port } = {}) {
  const bin = nginxBinary();
  const prefix = fs.mkdtempSync(path.join(os.tmpdir(), 'portal-nginx-'));
  fs.chmodSync(prefix, 0o755);  // workers may run as nobody when started by root
  const listen = port ?? await freePort();
  const conf = path.join(prefix, 'nginx.conf');
  fs.writeFileSync(conf, nginxConfig({ prefix, port: listen, upstreams: upstreamPorts.map((p) => `127.0.0.1:${p}`),
                                       tempPaths: tempPathLines(bin, prefix) }));
  const child = spawn(bin, ['-c', conf, '-p', prefix], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d) => { stderr += d; });
  const exited = new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  let dead = false;
  exited.then(() => { dead = true; });
  for (let i = 0; ; i++) {
    if (dead) throw new Error('nginx exited: ' + stderr + readIfExists(path.join(prefix, 'error.log')));
    if (await canConnect(listen)) break;
    if (i > 400) throw new Error('nginx did not start: ' + stderr);
    await new Promise((r) => setTimeout(r, 25));
  }
  return {
    port: listen, child, prefix,
    async stop() {
      if (!dead) child.kill('SIGQUIT');
      await exited;
      fs.rmSync(prefix, { recursive: true, force: true });
    },
    errorLog: () => readIfExists(path.join(prefix, 'error.log')),
  };
}

function readIfExists(file) {
  try { return fs.readFileSync(file, 'utf8'); } catch { return ''; }
}

function canConnect(port) {
  return new Promise((resolve) => {
    const s = net.connect(port, '127.0.0.1');
    s.on('connect', () => { s.destroy(); resolve(true); });
    s.on('error', () => resolve(false));
  });
}
