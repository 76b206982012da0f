import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

// lib/ is split into top-level folders (orders/, kitchen/, store/, menu/, …). Imports
// between folders must not run in a circle: if orders/ imports kitchen/ and kitchen/
// imports orders/, neither can be read, tested or moved without the other, and the
// split means nothing. This test reads the relative imports of every non-test .ts/.tsx
// file under lib/ (lib/generated left out), builds the graph between folders and fails
// naming each cycle, with one example import for each of its edges. Imports inside one
// folder are not checked. Files directly in lib/ (config.ts, errors.ts, log.ts) count as
// one node, "lib/*.ts".

const LIB = path.resolve(import.meta.dirname, "..");
const ROOT_NODE = "lib/*.ts";

/**
 * Folder edges tolerated for now: { from, to, reason }. An edge listed here is left out of
 * the graph. Keep it empty; add an entry only for a cycle that cannot be fixed yet, with
 * why and what would fix it. An entry whose edge no longer exists fails the test.
 */
const ALLOWED_EDGES: { from: string; to: string; reason: string }[] = [];

const IMPORT = /(?:^|[\s;])(?:import|export)\s[^'"]*?from\s*["']([^"']+)["']|(?:^|[\s;])import\s*["']([^"']+)["']|import\(\s*["']([^"']+)["']\s*\)/g;

function sourceFiles(dir: string): string[] {
  const files: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (full !== path.join(LIB, "generated")) files.push(...sourceFiles(full));
    } else if (/\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) && !entry.name.endsWith(".d.ts")) {
      files.push(full);
    }
  }
  return files;
}

function folderOf(file: string): string | undefined {
  const relative = path.relative(LIB, file);
  if (relative.startsWith("..") || path.isAbsolute(relative)) return undefined; // outside lib/
  const parts = relative.split(path.sep);
  return parts.length === 1 ? ROOT_NODE : parts[0];
}

type Edges = Map<string, Map<string, string>>; // from → to → one example import

function folderGraph(): Edges {
  const edges: Edges = new Map();
  for (const file of sourceFiles(LIB)) {
    const from = folderOf(file)!;
    for (const match of readFileSync(file, "utf8").matchAll(IMPORT)) {
      const specifier = match[1] ?? match[2] ?? match[3]!;
      if (!specifier.startsWith(".")) continue;
      const target = path.resolve(path.dirname(file), specifier);
      const to = folderOf(target);
      if (to === undefined || to === from || to === "generated") continue;
      const targets = edges.get(from) ?? new Map<string, string>();
      edges.set(from, targets);
      if (!targets.has(to)) targets.set(to, `lib/${path.relative(LIB, file).split(path.sep).join("/")} imports "${specifier}"`);
    }
  }
  return edges;
}

/** The shortest path of folders from start to goal, both included; undefined when there is none. */
function shortestPath(edges: Edges, start: string, goal: string): string[] | undefined {
  const previous = new Map<string, string | null>([[start, null]]);
  const queue = [start];
  while (queue.length > 0) {
    const node = queue.shift()!;
    if (node === goal) {
      const route: string[] = [];
      for (let at: string | null = node; at !== null; at = previous.get(at)!) route.unshift(at);
      return route;
    }
    for (const next of [...(edges.get(node)?.keys() ?? [])].sort()) {
      if (!previous.has(next)) {
        previous.set(next, node);
        queue.push(next);
      }
    }
  }
  return undefined;
}

/** For every edge a → b that some path b → … → a closes, the shortest such cycle; each cycle once. */
function findCycles(edges: Edges): string[][] {
  const cycles = new Map<string, string[]>();
  for (const [from, targets] of [...edges].sort(([a], [b]) => a.localeCompare(b))) {
    for (const to of [...targets.keys()].sort()) {
      const back = shortestPath(edges, to, from);
      if (!back) continue;
      const cycle = [from, ...back]; // from → to → … → from
      const nodes = cycle.slice(0, -1);
      const first = nodes.indexOf([...nodes].sort()[0]!);
      const rotated = [...nodes.slice(first), ...nodes.slice(0, first)];
      cycles.set(rotated.join(" → "), [...rotated, rotated[0]!]);
    }
  }
  return [...cycles.values()];
}

function describeCycle(edges: Edges, cycle: string[]): string {
  const lines = [cycle.join(" → ")];
  for (let i = 0; i < cycle.length - 1; i++) {
    lines.push(`  ${cycle[i]} → ${cycle[i + 1]}: ${edges.get(cycle[i]!)!.get(cycle[i + 1]!)}`);
  }
  return lines.join("\n");
}

describe("imports between lib/ folders", () => {
  const edges = folderGraph();

  it("reads the imports (the graph has the folders and edges it should)", () => {
    expect(existsSync(path.join(LIB, "orders"))).toBe(true);
    // Placing an order applies the store's rules: a known edge, so a broken parser cannot pass silently.
    expect(edges.get("orders")?.get("store")).toMatch(/^lib\/orders\/.* imports "\.\.\/store\//);
    expect([...edges.values()].reduce((n, targets) => n + targets.size, 0)).toBeGreaterThan(10);
  });

  it("finds a cycle when there is one", () => {
    const sample: Edges = new Map([
      ["a", new Map([["b", "a imports b"]])],
      ["b", new Map([["c", "b imports c"]])],
      ["c", new Map([["a", "c imports a"]])],
      ["d", new Map([["a", "d imports a"]])],
    ]);
    expect(findCycles(sample).map((cycle) => cycle.join(" → "))).toEqual(["a → b → c → a"]);
  });

  it("every allowed edge still exists", () => {
    const stale = ALLOWED_EDGES.filter(({ from, to }) => !edges.get(from)?.has(to));
    expect(stale, "remove these from ALLOWED_EDGES").toEqual([]);
  });

  it("has no cycles", () => {
    const graph: Edges = new Map(
      [...edges].map(([from, targets]) => [from, new Map([...targets].filter(([to]) => !ALLOWED_EDGES.some((e) => e.from === from && e.to === to)))]),
    );
    const cycles = findCycles(graph).map((cycle) => describeCycle(graph, cycle));
    expect(cycles, `import cycles between lib/ folders:\n${cycles.join("\n")}`).toEqual([]);
  });
});
