import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

export interface RunningNginx {
  url: string;
  pid: number;
  /** Where the files go: `<root>/<url path>`. */
  root: string;
  stop(): Promise<void>;
}

const NGINX = process.env.NGINX_PATH ?? '/usr/sbin/nginx';

/**
 * Debian's nginx serving static files from a folder of our own, on a given loopback port, from a
 * generated config (no access log, sendfile, default worker count); stopped by its PID.
 */
export async function startNginx(port: number): Promise<RunningNginx> {
  if (spawnSync(NGINX, ['-v']).error) {
    throw new Error(`${NGINX} not found: apt-get install -y nginx-light (or set NGINX_PATH)`);
  }
  const prefix = mkdtempSync(join(tmpdir(), 'bench-nginx-'));
  const root = join(prefix, 'www');
  mkdirSync(root);
  // nginx's workers run as `nobody` when started by root: they must be able to read the files.
  chmodSync(prefix, 0o755);
  chmodSync(root, 0o755);
  writeFileSync(
    join(prefix, 'nginx.conf'),
    `worker_processes auto;
pid ${prefix}/nginx.pid;
error_log ${prefix}/error.log warn;
events { worker_connections 4096; }
http {
  access_log off;
  sendfile on;
  tcp_nopush on;
  keepalive_requests 100000;
  default_type text/plain;
  client_body_temp_path ${prefix}/body;
  proxy_temp_path ${prefix}/proxy;
  fastcgi_temp_path ${prefix}/fastcgi;
  uwsgi_temp_path ${prefix}/uwsgi;
  scgi_temp_path ${prefix}/scgi;
  server {
    listen 127.0.0.1:${port};
    root ${root};
  }
}
`,
  );
  const child: ChildProcess = spawn(
    NGINX,
    ['-p', prefix, '-c', join(prefix, 'nginx.conf'), '-g', 'daemon off;'],
    {
      stdio: ['ignore', 'ignore', 'pipe'],
    },
  );
  let stderr = '';
  child.stderr?.on('data', (c: Buffer) => (stderr += c.toString()));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 10_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`nginx exited with code ${child.exitCode}: ${stderr}`);
    try {
      await fetch(`${url}/`);
      break;
    } catch {
      if (Date.now() > deadline) throw new Error(`nginx did not answer on ${url}: ${stderr}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  return {
    url,
    pid: child.pid!,
    root,
    stop: () =>
      new Promise<void>((done) => {
        const finish = () => {
          rmSync(prefix, { recursive: true, force: true });
          done();
        };
        if (child.exitCode !== null) return finish();
        child.once('exit', finish);
        child.kill('SIGQUIT');
      }),
  };
}

/** Writes one file of the docroot, creating its folders (world-readable, for nginx's workers). */
export function writeServedFile(root: string, urlPath: string, content: Buffer | string): void {
  const path = join(root, urlPath);
  let dir = dirname(path);
  const made = mkdirSync(dir, { recursive: true, mode: 0o755 });
  if (made) {
    // mkdirSync's mode is masked by the umask; set it explicitly up to the folder it created.
    while (dir.length >= made.length) {
      chmodSync(dir, 0o755);
      dir = dirname(dir);
    }
  }
  writeFileSync(path, content, { mode: 0o644 });
}
