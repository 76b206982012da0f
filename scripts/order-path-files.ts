// How many of our own source files one order's path touches, placed → text sent: the
// transitive closure of relative imports from the route that places it, the kitchen's
// start and ready routes, and the worker's two message handlers (tests, generated code
// and packages left out). Issue 14 tracks this number; run it on two checkouts to compare:
//   node --import tsx scripts/order-path-files.ts [project root] [--list]

import { existsSync, readFileSync } from "node:fs";
import path from "node:path";

const args = process.argv.slice(2);
const root = path.resolve(args.find((a) => !a.startsWith("--")) ?? path.join(import.meta.dirname, ".."));
const ENTRIES = [
  "app/api/orders/route.ts",
  "app/api/kds/tickets/[id]/start/route.ts",
  "app/api/kds/tickets/[id]/ready/route.ts",
  "worker/handle-orders-message.ts",
  "worker/handle-notification-message.ts",
];
const IMPORT = /(?:^|[\s;])(?:import|export)\s[^'"]*?from\s*["']([^"']+)["']|import\(\s*["']([^"']+)["']\s*\)/g;

function resolveImport(from: string, spec: string): string | undefined {
  if (!spec.startsWith(".")) return undefined;
  const base = path.resolve(path.dirname(from), spec);
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, path.join(base, "index.ts")]) {
    if (existsSync(candidate) && /\.tsx?$/.test(candidate)) return candidate;
  }
  return undefined;
}

const seen = new Set<string>();
const visit = (file: string) => {
  if (seen.has(file) || file.includes(`${path.sep}generated${path.sep}`)) return;
  seen.add(file);
  for (const match of readFileSync(file, "utf8").matchAll(IMPORT)) {
    const target = resolveImport(file, match[1] ?? match[2]!);
    if (target) visit(target);
  }
};
for (const entry of ENTRIES) {
  const file = path.join(root, entry);
  if (!existsSync(file)) throw new Error(`entry point ${entry} is missing in ${root}`);
  visit(file);
}
const files = [...seen].map((f) => path.relative(root, f)).sort();
const folders = new Map<string, number>();
for (const f of files) folders.set(path.dirname(f), (folders.get(path.dirname(f)) ?? 0) + 1);
console.log(`${files.length} files in ${folders.size} folders on the path of one order, placed → text sent`);
if (args.includes("--list")) for (const f of files) console.log(`  ${f}`);
else for (const [folder, n] of [...folders].sort()) console.log(`  ${folder}: ${n}`);
