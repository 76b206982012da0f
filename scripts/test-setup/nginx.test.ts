import { describe, expect, it } from "vitest";
import type { Host } from "./host.ts";
import { nginxCommand, nginxWay } from "./nginx.ts";

const debian: Host = { platform: "linux", isRoot: true, aptGet: true, osId: "debian" };

describe("nginxWay", () => {
  it("installs the package as root, unpacks it into the project without root, and cannot elsewhere", () => {
    expect(nginxWay(debian)).toBe("apt-install");
    expect(nginxWay({ ...debian, isRoot: false })).toBe("apt-unpack");
    expect(nginxWay({ ...debian, aptGet: false, osId: "fedora" })).toBe("none");
    expect(nginxWay({ platform: "darwin", isRoot: false, aptGet: false, osId: "" })).toBe("none");
  });
});

describe("nginxCommand", () => {
  it("gives the command for the system's package manager", () => {
    expect(nginxCommand({ ...debian, isRoot: false })).toBe("sudo apt-get install -y nginx");
    expect(nginxCommand({ platform: "darwin", isRoot: false, aptGet: false, osId: "" })).toBe("brew install nginx");
  });
});
