import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { chmod, lstat, mkdir, mkdtemp, readdir, readFile, readlink, rm, stat, symlink, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { buildOnce, COMPLETE_MARKER, copyTree, hydrateSymlinks } from "./reachable-postgres-runtime.ts";

let root: string;
beforeEach(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), "brewline-runtime-"));
});
afterEach(() => rm(root, { recursive: true, force: true }));

/** A miniature platform package: a binary, a library and its .so symlink, a private file. */
async function fakePackage(dir: string): Promise<void> {
  await mkdir(path.join(dir, "native/bin"), { recursive: true });
  await mkdir(path.join(dir, "native/lib"), { recursive: true });
  await writeFile(path.join(dir, "native/bin/postgres"), "#!/bin/sh\n", { mode: 0o755 });
  await writeFile(path.join(dir, "native/lib/libpq.so.5.18"), "elf", { mode: 0o644 });
  await symlink("libpq.so.5.18", path.join(dir, "native/lib/libpq.so.5"));
  await writeFile(path.join(dir, "native/lib/private.conf"), "x", { mode: 0o600 });
  await chmod(path.join(dir, "native/lib/private.conf"), 0o600);
  await writeFile(
    path.join(dir, "native/pg-symlinks.json"),
    JSON.stringify([{ source: "native/lib/libpq.so.5.18", target: "native/lib/libpq.so" }, { source: "native/lib/libpq.so.5.18", target: "native/lib/libpq.so.5" }]),
  );
}

describe("copyTree", () => {
  it("hard-links what others can read, copies (readable) what they cannot, keeps relative symlinks", async () => {
    await fakePackage(path.join(root, "src"));
    const counts = { linked: 0, copied: 0 };
    await copyTree(path.join(root, "src"), path.join(root, "dst"), counts);
    expect(counts).toEqual({ linked: 3, copied: 1 });
    expect((await stat(path.join(root, "dst/native/bin/postgres"))).ino).toBe((await stat(path.join(root, "src/native/bin/postgres"))).ino);
    expect((await stat(path.join(root, "dst/native/bin/postgres"))).mode & 0o777).toBe(0o755);
    expect(await readlink(path.join(root, "dst/native/lib/libpq.so.5"))).toBe("libpq.so.5.18");
    const privateCopy = await stat(path.join(root, "dst/native/lib/private.conf"));
    expect(privateCopy.ino).not.toBe((await stat(path.join(root, "src/native/lib/private.conf"))).ino);
    expect(privateCopy.mode & 0o777).toBe(0o644);
    expect((await stat(path.join(root, "src/native/lib/private.conf"))).mode & 0o777).toBe(0o600); // the project's file untouched
    for (const dir of ["dst", "dst/native", "dst/native/lib"]) expect((await stat(path.join(root, dir))).mode & 0o777).toBe(0o755);
  });

  it("recreates the library symlinks the package's postinstall would have made", async () => {
    await fakePackage(path.join(root, "pkg"));
    await hydrateSymlinks(path.join(root, "pkg"));
    expect(await readlink(path.join(root, "pkg/native/lib/libpq.so"))).toBe("libpq.so.5.18");
    expect((await lstat(path.join(root, "pkg/native/lib/libpq.so.5"))).isSymbolicLink()).toBe(true);
  });
});

describe("buildOnce", () => {
  const build = (files: string[]) => async (dir: string) => {
    await mkdir(dir);
    for (const f of files) await writeFile(path.join(dir, f), f);
  };

  it("builds once, marker last, then reuses", async () => {
    const target = path.join(root, "rt", "v1");
    expect(await buildOnce(target, build(["a"]), { v: 1 })).toBe(true);
    expect(JSON.parse(await readFile(path.join(target, COMPLETE_MARKER), "utf8"))).toEqual({ v: 1 });
    expect(await buildOnce(target, build(["b"]), { v: 1 })).toBe(false);
    expect(await readdir(target)).toEqual([COMPLETE_MARKER, "a"].sort());
    expect(await readdir(path.join(root, "rt"))).toEqual(["v1"]);
  });

  it("redoes a folder without the marker (interrupted, or made by hand) and drops a failed attempt", async () => {
    const target = path.join(root, "rt", "v1");
    await mkdir(target, { recursive: true });
    await writeFile(path.join(target, "half"), "");
    await expect(buildOnce(target, async () => Promise.reject(new Error("disk full")), {})).rejects.toThrow("disk full");
    expect(await readdir(path.join(root, "rt"))).toEqual(["v1"]);
    expect(await buildOnce(target, build(["whole"]), {})).toBe(true);
    expect((await readdir(target)).sort()).toEqual([COMPLETE_MARKER, "whole"].sort());
  });

  it("removes temp folders of starts that died, not of live ones", async () => {
    const dead = await new Promise<number>((resolve) => {
      const child = spawn(process.execPath, ["-e", ""]);
      child.on("exit", () => resolve(child.pid!));
    });
    await mkdir(path.join(root, "rt", `.v1.tmp-${dead}-abcd`), { recursive: true });
    await mkdir(path.join(root, "rt", `.v1.tmp-${process.ppid}-abcd`));
    await buildOnce(path.join(root, "rt", "v1"), build(["a"]), {});
    expect((await readdir(path.join(root, "rt"))).sort()).toEqual([`.v1.tmp-${process.ppid}-abcd`, "v1"]);
  });

  it("lets concurrent starts race safely: one copy wins, the others reuse it", async () => {
    const target = path.join(root, "rt", "v1");
    const results = await Promise.all([1, 2, 3, 4].map((n) => buildOnce(target, build([`from-${n}`]), { n })));
    expect(results.filter(Boolean)).toHaveLength(1);
    const files = await readdir(target);
    expect(files).toHaveLength(2);
    const { n } = JSON.parse(await readFile(path.join(target, COMPLETE_MARKER), "utf8")) as { n: number };
    expect(files).toContain(`from-${n}`);
    expect(existsSync(path.join(root, "rt"))).toBe(true);
    expect(await readdir(path.join(root, "rt"))).toEqual(["v1"]);
  });
});
