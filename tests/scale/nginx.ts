import { execFileSync } from "node:child_process";
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { freePort } from "../../lib/embedded/free-port.ts";
import { spawnChild, type Child } from "../../scripts/stack/children.ts";
import { waitForHttp } from "../../scripts/stack/wait-for.ts";
import { killOnExit } from "../support/kill-on-exit.ts";

// A real load balancer in front of the web instances: Debian's nginx, run in the
// foreground as a child of the test with everything (config, pid, logs, temp files) in
// a throwaway folder, so it needs no root, no system config and no port below 1024.
// `npm test` gets nginx first (scripts/test-setup/nginx.ts finds it).

/** One proxied request, from the access log: when it started and ended, and which upstreams it tried. */
export type AccessLogEntry = { startMs: number; endMs: number; status: number; method: string; uri: string; upstreams: string[]; requestId: string };

export type Balancer = { url: string; accessLog: () => AccessLogEntry[]; stop: () => Promise<void> };

function config(dir: string, port: number, upstreamPorts: number[]): string {
  return `
worker_processes 1;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log warn;
events { worker_connections 1024; }
http {
  client_body_temp_path ${dir}/client_body;
  proxy_temp_path ${dir}/proxy;
  fastcgi_temp_path ${dir}/fastcgi;
  uwsgi_temp_path ${dir}/uwsgi;
  scgi_temp_path ${dir}/scgi;
  # $msec is when the response ended; the start is $msec - $request_time.
  log_format scale '$msec $request_time $status $request_method $uri "$upstream_addr" "$http_x_request_id"';
  access_log ${dir}/access.log scale;

  upstream brewline_web {
${upstreamPorts.map((p) => `    server 127.0.0.1:${p} max_fails=1 fail_timeout=10s;`).join("\n")}
    keepalive 32;
    # Below Node's 5 s keep-alive timeout: otherwise nginx may reuse a connection the
    # web server is closing, and an order POSTed on it fails although nothing died.
    keepalive_timeout 4s;
  }

  server {
    listen 127.0.0.1:${port};
    proxy_http_version 1.1;
    proxy_set_header Connection "";
    proxy_set_header Host $http_host;
    # Appends the address nginx got the request from; the app takes the client from the
    # right (TRUSTED_PROXY_HOPS=1), so nothing a client writes there is trusted.
    proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
    proxy_set_header X-Forwarded-Proto $scheme;
    # nginx's default, spelled out: a request that never reached an upstream (connection
    # refused, a dead server) goes to the next one, any method. One that was sent is
    # retried only if idempotent: a POST /api/orders that died with its web instance is
    # answered 502, because nginx cannot know whether the order was stored. The client
    # retries with the same idempotency key, which is safe by design.
    proxy_next_upstream error timeout;
    # Which instance answered, so the test can kill the one its event stream is on.
    add_header X-Upstream $upstream_addr always;

    location / {
      proxy_pass http://brewline_web;
    }

    # Server-sent events: pass every event on at once and keep idle streams open (the
    # app sends a keep-alive comment every 15 s; the browser reconnects on its own).
    location ~ ^/api/(orders/[^/]+|kds|menu)/events$ {
      proxy_pass http://brewline_web;
      proxy_buffering off;
      proxy_cache off;
      proxy_read_timeout 1h;
    }
  }
}
`;
}

/** `-e` (the error log used before the config is read) exists since nginx 1.19.5. */
function supportsStartupErrorLog(bin: string): boolean {
  const out = execFileSync(bin, ["-v"], { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
  const version = /nginx\/(\d+)\.(\d+)\.(\d+)/.exec(out)?.slice(1).map(Number) ?? [0, 0, 0];
  return version[0]! > 1 || (version[0] === 1 && (version[1]! > 19 || (version[1] === 19 && version[2]! >= 5)));
}

export async function startNginx(options: { bin: string; upstreamPorts: number[] }): Promise<Balancer> {
  const dir = mkdtempSync(path.join(os.tmpdir(), "brewline-nginx-"));
  // Run as root, nginx's worker process drops to an unprivileged user that must reach its temp folders.
  chmodSync(dir, 0o755);
  const port = await freePort();
  const conf = path.join(dir, "nginx.conf");
  writeFileSync(conf, config(dir, port, options.upstreamPorts));
  const args = ["-p", dir, "-c", conf, "-g", "daemon off;", ...(supportsStartupErrorLog(options.bin) ? ["-e", path.join(dir, "error.log")] : [])];
  const child: Child = killOnExit(spawnChild("nginx", options.bin, args, { cwd: dir, env: { ...process.env } }));
  const url = `http://127.0.0.1:${port}`;
  try {
    await waitForHttp(`${url}/api/health`, { timeoutMs: 15_000, abort: child.exited });
  } catch (error) {
    await child.stop(5000);
    const log = readFileSync(path.join(dir, "error.log"), { encoding: "utf8", flag: "a+" });
    throw new Error(`nginx did not start: ${(error as Error).message}\n${log}`);
  }
  return {
    url,
    accessLog: () =>
      readFileSync(path.join(dir, "access.log"), "utf8")
        .split("\n")
        .flatMap((line) => {
          const m = /^(\S+) (\S+) (\d+) (\S+) (\S+) "([^"]*)" "([^"]*)"$/.exec(line);
          if (!m) return [];
          const endMs = Number(m[1]) * 1000;
          return [{ startMs: endMs - Number(m[2]) * 1000, endMs, status: Number(m[3]), method: m[4]!, uri: m[5]!, upstreams: m[6]!.split(", "), requestId: m[7]! }];
        }),
    stop: async () => {
      await child.stop(5000);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
