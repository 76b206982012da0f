import { describe, expect, it } from "vitest";
import { chromiumCommand, chromiumWay } from "./chromium.ts";
import type { Host } from "./host.ts";

const debian: Host = { platform: "linux", isRoot: true, aptGet: true, osId: "debian" };
const ubuntu: Host = { platform: "linux", isRoot: true, aptGet: true, osId: "ubuntu" };
const mac: Host = { platform: "darwin", isRoot: false, aptGet: false, osId: "" };

describe("chromiumWay", () => {
  it("uses Debian's package as root on Debian (CI), as the project's CI did", () => {
    expect(chromiumWay(debian)).toEqual({ kind: "apt" });
  });

  it("downloads Playwright's build without root, and on Ubuntu, whose chromium package is a snap wrapper", () => {
    expect(chromiumWay({ ...debian, isRoot: false })).toEqual({ kind: "playwright", withDeps: false });
    expect(chromiumWay(ubuntu)).toEqual({ kind: "playwright", withDeps: true });
    expect(chromiumWay({ ...ubuntu, isRoot: false })).toEqual({ kind: "playwright", withDeps: false });
    expect(chromiumWay(mac)).toEqual({ kind: "playwright", withDeps: false });
  });
});

describe("chromiumCommand (what a person runs when npm test could not)", () => {
  it("names the package manager's command where there is one, else Playwright's", () => {
    expect(chromiumCommand({ ...debian, isRoot: false })).toBe("sudo apt-get install -y chromium");
    expect(chromiumCommand({ ...ubuntu, isRoot: false })).toBe("sudo npx playwright install --with-deps chromium");
    expect(chromiumCommand(mac)).toBe("npx playwright install chromium");
  });
});
