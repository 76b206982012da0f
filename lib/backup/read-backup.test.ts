import { mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { endLine, headerLine, magicLine, tableLine, type BackupHeader } from "./backup-format.ts";
import { readBackup, verifyBackup } from "./read-backup.ts";

const header: BackupHeader = {
  format: "brewline-backup",
  version: 1,
  createdAt: "2026-12-05T03:15:00.000Z",
  serverVersion: "18.1",
  database: "brewline",
  migrations: ["20261125110519_init"],
  tables: [
    { name: "MenuItem", columns: ["id", "name"] },
    { name: "Order", columns: ["id"] },
  ],
  excludedTables: [],
  sequences: [],
};

const dir = mkdtempSync(path.join(os.tmpdir(), "brewline-read-"));
let n = 0;
function file(text: string | Buffer, gzip = true): string {
  const f = path.join(dir, `b${++n}.backup.gz`);
  writeFileSync(f, gzip ? gzipSync(text) : text);
  return f;
}

// A row whose value holds a tab, a newline and a backslash, escaped as COPY writes it,
// and a single-column row that is "\." as data (escaped: "\\.").
const rows = "latte\tCaff\\\\è\\tlatte\\n\nmocha\t\\N\n";
const whole = magicLine() + headerLine(header) + tableLine("MenuItem") + rows + "\\.\n" + tableLine("Order") + "\\\\.\n\\.\n" + endLine({ rows: { MenuItem: 2, Order: 1 } });

const problem = (f: string) => verifyBackup(f).then(() => undefined, (e: { problem?: string; message: string }) => [e.problem, e.message]);

describe("readBackup", () => {
  it("gives the header, each table's rows as COPY reads them, and the trailer", async () => {
    const events = [];
    for await (const event of readBackup(file(whole))) events.push(event.type === "rows" ? { type: "rows", text: event.data.toString("utf8") } : event);
    expect(events).toEqual([
      { type: "header", header },
      { type: "table", name: "MenuItem", columns: ["id", "name"] },
      { type: "rows", text: rows },
      { type: "tableEnd", name: "MenuItem", rows: 2 },
      { type: "table", name: "Order", columns: ["id"] },
      { type: "rows", text: "\\\\.\n" },
      { type: "tableEnd", name: "Order", rows: 1 },
      { type: "end", trailer: { rows: { MenuItem: 2, Order: 1 } } },
    ]);
  });

  it("refuses a file cut anywhere, in the gzip stream or in the text", async () => {
    const gz = gzipSync(whole);
    for (const at of [10, Math.floor(gz.length / 2), gz.length - 4]) {
      const f = path.join(dir, `cut-${at}.backup.gz`);
      writeFileSync(f, gz.subarray(0, at));
      expect(await problem(f)).toEqual(["truncated", expect.stringContaining("cut short")]);
    }
    for (const cut of [whole.indexOf("@end"), whole.indexOf("mocha"), whole.length - 1]) {
      expect((await problem(file(whole.slice(0, cut))))?.[0]).toBe("truncated");
    }
  });

  it("refuses counts that do not match the rows, and anything after the end", async () => {
    const wrong = whole.replace('"MenuItem":2', '"MenuItem":3');
    expect(await problem(file(wrong))).toEqual(["damaged", expect.stringContaining("table MenuItem has 2 rows, its trailer says 3")]);
    expect((await problem(file(whole + "x\n")))?.[0]).toBe("damaged");
    expect((await problem(file(whole.replace('@table "Order"', '@table "Orders"'))))?.[0]).toBe("damaged");
  });

  it("tells a file that is not a backup, or not there", async () => {
    expect(await problem(file("id,name\nlatte,Latte\n", false))).toEqual(["not-a-backup", expect.stringContaining("not a gzip file")]);
    expect((await problem(file("PGDMP\n")))?.[0]).toBe("not-a-backup");
    expect((await problem(file("", false)))?.[0]).toBe("not-a-backup");
    expect((await problem(path.join(dir, "none.backup.gz")))?.[0]).toBe("missing");
  });
});
