import type { Child } from "../../scripts/stack/children.ts";

// Servers a test starts in their own process group (scripts/stack/children.ts) outlive
// a test process that exits without running its afterAll; this leaves none holding a port.

const children = new Set<Child>();

process.on("exit", () => {
  for (const child of children) {
    if (!child.isRunning() || !child.process.pid) continue;
    try {
      process.kill(-child.process.pid, "SIGKILL");
    } catch {
      // Already gone.
    }
  }
});

export function killOnExit(child: Child): Child {
  children.add(child);
  void child.exited.then(() => children.delete(child));
  return child;
}
