import { describe, expect, it } from "vitest";
import { BackupFileError, endLine, headerLine, parseEndLine, parseHeaderLine, parseMagicLine, parseTableLine, tableLine, type BackupHeader } from "./backup-format.ts";

const header: BackupHeader = {
  format: "brewline-backup",
  version: 1,
  createdAt: "2026-12-05T03:15:00.000Z",
  serverVersion: "18.1",
  database: "brewline",
  migrations: ["20261125110519_init"],
  tables: [{ name: "Order", columns: ["id", "status"] }],
  excludedTables: ["_prisma_migrations", "Session"],
  sequences: [{ name: "ticket_seq_20261205", dataType: "bigint", start: "1", increment: "1", min: "1", max: "9223372036854775807", cycle: false, lastValue: "42", isCalled: true }],
};

const problem = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    return error instanceof BackupFileError ? [error.problem, error.message] : ["other", String(error)];
  }
  return undefined;
};

describe("backup format lines", () => {
  it("read back what they write", () => {
    expect(parseHeaderLine(headerLine(header).trimEnd(), "f")).toEqual(header);
    expect(parseTableLine(tableLine('We"ird').trimEnd())).toBe('We"ird');
    expect(parseEndLine(endLine({ rows: { Order: 3 } }).trimEnd(), "f")).toEqual({ rows: { Order: 3 } });
  });

  it("tell a file that is not a backup from one made by a newer Brewline", () => {
    expect(problem(() => parseMagicLine("BREWLINE-BACKUP 1", "f"))).toBeUndefined();
    expect(problem(() => parseMagicLine("PGDMP", "f"))).toEqual(["not-a-backup", "f is not a Brewline backup"]);
    expect(problem(() => parseMagicLine("BREWLINE-BACKUP 2", "f"))).toEqual(["newer-format", expect.stringMatching(/newer Brewline.*upgrade Brewline first/)]);
  });

  it("refuse a header that is incomplete or lists a table twice", () => {
    expect(problem(() => parseHeaderLine("{", "f"))).toEqual(["damaged", "f is damaged: its header is not readable"]);
    const withoutSequences: Partial<BackupHeader> = { ...header };
    delete withoutSequences.sequences;
    expect(problem(() => parseHeaderLine(JSON.stringify(withoutSequences), "f"))).toEqual(["damaged", "f is damaged: its header is incomplete (sequences)"]);
    const twice = { ...header, tables: [...header.tables, ...header.tables] };
    expect(problem(() => parseHeaderLine(JSON.stringify(twice), "f"))?.[0]).toBe("damaged");
    const badValue = { ...header, sequences: [{ ...header.sequences[0], lastValue: "1e3" }] };
    expect(problem(() => parseHeaderLine(JSON.stringify(badValue), "f"))?.[0]).toBe("damaged");
  });

  it("does not take a row for a table marker, or a broken trailer for a good one", () => {
    expect(parseTableLine("@table not-json")).toBeUndefined();
    expect(parseTableLine("1\tfoo")).toBeUndefined();
    expect(problem(() => parseEndLine('@end {"rows":{"Order":-1}}', "f"))?.[0]).toBe("damaged");
  });
});
