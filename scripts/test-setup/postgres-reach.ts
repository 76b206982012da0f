import { chmodSync, statSync } from "node:fs";
import path from "node:path";
import type { Host } from "./host.ts";

// Run as root, embedded PostgreSQL runs as the user 'postgres' (it refuses root), and
// that user starts the server binaries inside node_modules. A checkout in a private
// folder (a root home, a `mktemp -d` folder) hides them: every folder above the project
// must let other users pass through (o+x, which lists nothing and reads nothing).

/** The folders from `dir` up to / that other users cannot pass through. */
export function blockedFolders(dir: string, othersMayEnter: (folder: string) => boolean): string[] {
  const blocked: string[] = [];
  for (let folder = path.resolve(dir); ; folder = path.dirname(folder)) {
    if (!othersMayEnter(folder)) blocked.push(folder);
    if (folder === path.dirname(folder)) return blocked;
  }
}

export function letPostgresReach(host: Host, projectRoot: string): void {
  if (!host.isRoot || host.platform === "win32") return;
  const blocked = blockedFolders(projectRoot, (folder) => (statSync(folder).mode & 0o001) !== 0);
  for (const folder of blocked) {
    console.log(`    Running as root: chmod o+x ${folder}, so PostgreSQL (user 'postgres') can reach node_modules`);
    chmodSync(folder, statSync(folder).mode | 0o001);
  }
}
