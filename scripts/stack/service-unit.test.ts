import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

// deploy/brewline.service runs the launcher directly (no npm in between, so SIGTERM
// reaches it): it must stay the same command as `npm start`.
const root = path.resolve(import.meta.dirname, "../..");
const unit = readFileSync(path.join(root, "deploy/brewline.service"), "utf8");
const setting = (name: string) => unit.match(new RegExp(`^${name}=(.*)$`, "m"))?.[1];

describe("deploy/brewline.service", () => {
  it("starts what npm start starts", () => {
    const start = (JSON.parse(readFileSync(path.join(root, "package.json"), "utf8")) as { scripts: Record<string, string> }).scripts.start;
    expect(setting("ExecStart")).toBe(start?.replace(/^node /, "/usr/bin/node "));
  });

  it("lets the launcher stop its children in order and restarts it after a failure", () => {
    expect(setting("KillMode")).toBe("mixed");
    expect(setting("Restart")).toBe("on-failure");
    expect(Number(setting("TimeoutStopSec"))).toBeGreaterThanOrEqual(60);
  });
});
