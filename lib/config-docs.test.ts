import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { CONFIG_VARIABLES } from "./config.ts";

// README's "Configuration" tables are the reference people read; these checks keep them
// in step with the code. The main table lists exactly the variables lib/config.ts reads;
// the "Launcher only" table exactly the BREWLINE_* variables scripts/stack/settings.ts
// reads that lib/config.ts does not; the "Build" table every BREWLINE_* variable
// next.config.js reads. A first cell may name several variables (an alias:
// "`BETTER_AUTH_SECRET` or `AUTH_SECRET`"); every backquoted NAME in it counts.

const root = path.join(import.meta.dirname, "..");
const read = (file: string) => readFileSync(path.join(root, file), "utf8");

type Table = { intro: string; names: string[] };

/** The tables of README's "## Configuration" section, each with the paragraph line above it. */
function configurationTables(readme: string): Table[] {
  const lines = readme.split("\n");
  const start = lines.findIndex((l) => l.trim() === "## Configuration");
  if (start < 0) throw new Error('README.md has no "## Configuration" section');
  const tables: Table[] = [];
  let intro = "";
  for (let i = start + 1; i < lines.length && !/^#{2,3} /.test(lines[i]!); i++) {
    const line = lines[i]!.trim();
    if (!line.startsWith("|")) {
      if (line !== "") intro = line;
      continue;
    }
    const rows: string[] = [];
    for (; i < lines.length && lines[i]!.trim().startsWith("|"); i++) rows.push(lines[i]!.trim());
    i--;
    // Header and separator rows first; the first cell of each further row names the variables.
    const names = rows.slice(2).flatMap((row) => [...(row.split("|")[1] ?? "").matchAll(/`([A-Z][A-Z0-9_]*)`/g)].map((m) => m[1]!));
    tables.push({ intro, names });
  }
  return tables;
}

/** What one side has and the other lacks; the failure message names them. */
function difference(documented: string[], read: readonly string[]) {
  return {
    readButNotDocumented: read.filter((n) => !documented.includes(n)).sort(),
    documentedButNotRead: documented.filter((n) => !read.includes(n)).sort(),
  };
}

const tables = configurationTables(read("README.md"));
const tableAfter = (introStart: string) => {
  const table = tables.find((t) => t.intro.startsWith(introStart));
  if (!table) throw new Error(`README.md's Configuration section has no table introduced by "${introStart}…"`);
  return table;
};

/** BREWLINE_* names in a source file (it reads them as env.X, process.env.X or in a list of names). */
const brewlineNamesIn = (file: string) => [...new Set([...read(file).matchAll(/\b(BREWLINE_[A-Z0-9_]+)\b/g)].map((m) => m[1]!))];

describe("README's configuration tables", () => {
  it("the main table lists exactly the variables lib/config.ts reads", () => {
    const main = tables[0];
    expect(main, "README.md's Configuration section has no table").toBeDefined();
    expect(difference(main!.names, CONFIG_VARIABLES)).toEqual({ readButNotDocumented: [], documentedButNotRead: [] });
    expect(main!.names.length, "a variable is listed twice").toBe(new Set(main!.names).size);
  });

  it('the "Launcher only" table lists exactly the BREWLINE_* variables scripts/stack/settings.ts reads beyond lib/config.ts', () => {
    const launcherOnly = brewlineNamesIn("scripts/stack/settings.ts").filter((n) => !CONFIG_VARIABLES.includes(n));
    expect(difference(tableAfter("Launcher only").names, launcherOnly)).toEqual({ readButNotDocumented: [], documentedButNotRead: [] });
  });

  it('the "Build" table lists every BREWLINE_* variable next.config.js reads', () => {
    const build = tableAfter("Build");
    expect(brewlineNamesIn("next.config.js").filter((n) => !build.names.includes(n))).toEqual([]);
  });
});
