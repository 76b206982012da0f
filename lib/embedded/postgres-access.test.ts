import { chmod, mkdir, mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { foldersBlockingOthers } from "./postgres-access.ts";

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
