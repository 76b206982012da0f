import { describe, expect, it } from "vitest";
import { blockedFolders } from "./postgres-reach.ts";

describe("blockedFolders", () => {
  it("lists every folder from the project up to / that others cannot pass through", () => {
    const closed = new Set(["/root", "/tmp/fresh-clone.x1"]);
    expect(blockedFolders("/root/work/brewline", (f) => !closed.has(f))).toEqual(["/root"]);
    expect(blockedFolders("/tmp/fresh-clone.x1/project", (f) => !closed.has(f))).toEqual(["/tmp/fresh-clone.x1"]);
    expect(blockedFolders("/srv/brewline", () => true)).toEqual([]);
    expect(blockedFolders("/a/b", () => false)).toEqual(["/a/b", "/a", "/"]);
  });
});
