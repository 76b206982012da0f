import { spawnSync } from "node:child_process";
import { accessSync, constants, readFileSync } from "node:fs";
import path from "node:path";
import { isRoot } from "../../lib/embedded/postgres-access.ts";

// What `npm test` may do on this machine to get what the tests need (README "Test it").

export type Host = {
  platform: NodeJS.Platform;
  isRoot: boolean;
  /** apt-get is on PATH (Debian, Ubuntu and their kin). */
  aptGet: boolean;
  /** /etc/os-release ID, e.g. "debian" or "ubuntu". */
  osId: string;
};

function osRelease(): Record<string, string> {
  try {
    const text = readFileSync("/etc/os-release", "utf8");
    return Object.fromEntries(
      text.split("\n").flatMap((line) => {
        const m = /^([A-Z_]+)=(.*)$/.exec(line.trim());
        return m ? [[m[1]!, m[2]!.replace(/^["']|["']$/g, "")]] : [];
      }),
    );
  } catch {
    return {};
  }
}

export function onPath(name: string, extraDirs: string[] = []): string | undefined {
  const dirs = [...(process.env.PATH ?? "").split(path.delimiter).filter(Boolean), ...extraDirs];
  for (const dir of dirs) {
    const candidate = path.join(dir, name);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // Not here.
    }
  }
  return undefined;
}

export function readHost(): Host {
  const release = osRelease();
  return {
    platform: process.platform,
    isRoot: isRoot(),
    aptGet: onPath("apt-get") !== undefined,
    osId: release.ID ?? "",
  };
}

/** Debian itself: its `chromium` package is the browser (Ubuntu's is a snap wrapper). */
export const isDebian = (host: Host) => host.osId === "debian";

/** Runs a command with its output shown, as part of `npm test`'s own log. */
export function run(command: string, args: string[], options: { cwd?: string; env?: Record<string, string> } = {}): boolean {
  console.log(`    $ ${[command, ...args].join(" ")}`);
  const result = spawnSync(command, args, { stdio: "inherit", cwd: options.cwd, env: { ...process.env, ...options.env } });
  return result.status === 0;
}

let aptUpdated = false;
/** Root only: Debian's packages, as the project's CI used to install them by hand. */
export function aptInstall(packages: string[]): boolean {
  const env = { DEBIAN_FRONTEND: "noninteractive" };
  if (!aptUpdated && !run("apt-get", ["update", "-qq"], { env })) return false;
  aptUpdated = true;
  return run("apt-get", ["install", "-y", "-qq", ...packages], { env });
}

/** Thrown when `npm test` cannot get something itself: `command` is what the person runs. */
export class SetupStop extends Error {
  constructor(
    what: string,
    readonly command: string,
  ) {
    super(what);
  }
}
