import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { aptInstall, onPath, run, SetupStop, type Host } from "./host.ts";

// The scale test's load balancer is a real nginx (tests/scale/nginx.ts runs it itself,
// unprivileged, on a free port). Without root, Debian's package is unpacked into the
// project instead of installed: nothing outside node_modules changes.

const root = path.resolve(import.meta.dirname, "../..");
const LOCAL_NGINX_DIR = path.join(root, "node_modules", ".cache", "brewline", "nginx");

/** nginx on PATH, Debian's /usr/sbin/nginx (not on a normal user's PATH), or the unpacked one. */
export function findNginx(): string | undefined {
  return onPath("nginx", ["/usr/sbin", path.join(LOCAL_NGINX_DIR, "usr", "sbin")]);
}

export type NginxWay = "apt-install" | "apt-unpack" | "none";

export function nginxWay(host: Host): NginxWay {
  if (host.platform !== "linux" || !host.aptGet) return "none";
  return host.isRoot ? "apt-install" : "apt-unpack";
}

/** The one command a person runs when `npm test` could not get nginx itself. */
export function nginxCommand(host: Host): string {
  if (host.platform === "darwin") return "brew install nginx";
  if (host.aptGet) return "sudo apt-get install -y nginx";
  if (onPath("dnf")) return "sudo dnf install -y nginx";
  if (onPath("apk")) return "sudo apk add nginx";
  return "install nginx from https://nginx.org/en/linux_packages.html so that `nginx` is on PATH";
}

function nginxProblem(bin: string | undefined): string | undefined {
  if (!bin) return "not found";
  const result = spawnSync(bin, ["-v"], { encoding: "utf8" });
  if (result.status === 0) {
    console.log(`    ${result.stderr.trim()} (${bin})`);
    return undefined;
  }
  return (result.stderr || result.error?.message || `exit ${result.status}`).trim().split("\n")[0];
}

/** `apt-get download` needs no root; the binary's libraries are the ones any Debian has. */
function unpackDebianNginx(): boolean {
  const dir = mkdtempSync(path.join(os.tmpdir(), "brewline-nginx-deb-"));
  try {
    if (!run("apt-get", ["download", "-q", "nginx"], { cwd: dir })) return false;
    const deb = readdirSync(dir).find((name) => name.endsWith(".deb"));
    rmSync(LOCAL_NGINX_DIR, { recursive: true, force: true });
    mkdirSync(LOCAL_NGINX_DIR, { recursive: true });
    return deb !== undefined && run("dpkg-deb", ["-x", path.join(dir, deb), LOCAL_NGINX_DIR]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export function ensureNginx(host: Host): void {
  const problem = nginxProblem(findNginx());
  if (!problem) return;
  console.log(`    No usable nginx (${problem}); installing it.`);
  const way = nginxWay(host);
  const installed = way === "apt-install" ? aptInstall(["nginx"]) : way === "apt-unpack" ? unpackDebianNginx() : false;
  const after = way === "none" ? "npm test cannot install it on this system" : installed ? nginxProblem(findNginx()) : "the install failed";
  if (after) throw new SetupStop(`The scale test needs nginx (${after}).`, nginxCommand(host));
}
