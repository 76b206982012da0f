import { describe, expect, it } from "vitest";
import { renderBanner } from "./banner.ts";
import { displayPath, portsToClaim, resolveSettings, UsageError } from "./settings.ts";

const root = "/srv/brewline";

describe("resolveSettings", () => {
  it("embeds everything on default ports with no environment", () => {
    const s = resolveSettings(["start"], {}, root);
    expect(s).toMatchObject({
      mode: "start",
      build: true,
      dataDir: "/srv/brewline/.data",
      ports: { web: 3000, workerHealth: 3001, postgres: 54329, queue: 4566, smtp: 1025, mailWeb: 1080 },
      database: { kind: "embedded" },
      queues: { kind: "embedded" },
      mail: { kind: "embedded" },
      backups: { dir: "/srv/brewline/.data/backups", keep: 7, hour: 3 },
    });
    expect(portsToClaim(s).map((p) => p.port)).toEqual([3000, 3001, 54329, 4566, 1025, 1080]);
  });

  it("uses what the environment provides instead of starting it", () => {
    const s = resolveSettings(["dev"], {
      DATABASE_URL: "postgresql://u:p@db:5432/brewline",
      ORDERS_QUEUE_URL: "https://sqs.eu-west-1.amazonaws.com/1/brewline-orders.fifo",
      SMTP_URL: "smtp://mail:25",
    }, root);
    expect(s).toMatchObject({
      build: false,
      database: { kind: "external", url: "postgresql://u:p@db:5432/brewline" },
      queues: { kind: "given", aws: true },
      mail: { kind: "external" },
    });
    expect(portsToClaim(s).map((p) => p.name)).toEqual(["web app", "worker health check"]);
  });

  it("treats queue URLs with an endpoint as an emulator, and an endpoint alone as one to provision", () => {
    expect(resolveSettings(["start"], { ORDERS_QUEUE_URL: "http://ls:4566/q", AWS_ENDPOINT_URL: "http://ls:4566" }, root).queues).toEqual({ kind: "given", aws: false });
    expect(resolveSettings(["start"], { AWS_ENDPOINT_URL: "http://ls:4566" }, root).queues).toEqual({ kind: "endpoint", endpoint: "http://ls:4566" });
  });

  it("takes port and data folder overrides, BREWLINE_PORT before PORT", () => {
    const s = resolveSettings(["start", "--no-build"], {
      BREWLINE_PORT: "4000", PORT: "5000", WORKER_HEALTH_PORT: "4001", BREWLINE_PG_PORT: "6000",
      BREWLINE_QUEUE_PORT: "6001", BREWLINE_SMTP_PORT: "6002", BREWLINE_MAIL_WEB_PORT: "6003", BREWLINE_DATA_DIR: "/tmp/x",
    }, root);
    expect(s.build).toBe(false);
    expect(s.dataDir).toBe("/tmp/x");
    expect(s.ports).toEqual({ web: 4000, workerHealth: 4001, postgres: 6000, queue: 6001, smtp: 6002, mailWeb: 6003 });
    expect(resolveSettings(["start"], { PORT: "5000", BREWLINE_SKIP_BUILD: "1" }, root)).toMatchObject({ build: false, ports: { web: 5000 } });
  });

  it("keeps backups under the data folder unless told where, how many and when", () => {
    expect(resolveSettings(["start"], { BREWLINE_DATA_DIR: "/var/brewline" }, root).backups).toEqual({ dir: "/var/brewline/backups", keep: 7, hour: 3 });
    expect(resolveSettings(["start"], { BREWLINE_BACKUP_DIR: "/mnt/usb/cafe", BREWLINE_BACKUP_KEEP: "0", BREWLINE_BACKUP_HOUR: "23" }, root).backups).toEqual({ dir: "/mnt/usb/cafe", keep: 0, hour: 23 });
    expect(resolveSettings(["start"], { BREWLINE_BACKUP_DIR: "backups" }, root).backups.dir).toBe("/srv/brewline/backups");
    expect(() => resolveSettings(["start"], { BREWLINE_BACKUP_HOUR: "24" }, root)).toThrow(/BREWLINE_BACKUP_HOUR=24 is not a whole number from 0 to 23/);
    expect(() => resolveSettings(["start"], { BREWLINE_BACKUP_KEEP: "-1" }, root)).toThrow(/BREWLINE_BACKUP_KEEP=-1/);
    expect(() => resolveSettings(["start"], { BREWLINE_BACKUP_KEEP: "seven" }, root)).toThrow(/BREWLINE_BACKUP_KEEP=seven/);
  });

  it("rejects bad input with a message", () => {
    expect(() => resolveSettings([], {}, root)).toThrow(UsageError);
    expect(() => resolveSettings(["start", "--fast"], {}, root)).toThrow(/unknown option --fast/);
    expect(() => resolveSettings(["start"], { BREWLINE_PG_PORT: "70000" }, root)).toThrow(/BREWLINE_PG_PORT=70000/);
    expect(() => portsToClaim(resolveSettings(["start"], { BREWLINE_SMTP_PORT: "4566" }, root))).toThrow(/both set to port 4566/);
  });
});

describe("renderBanner", () => {
  it("boxes every URL with the time to serve", () => {
    const text = renderBanner({ mode: "start", baseUrl: "http://localhost:3000", mailInboxUrl: "http://127.0.0.1:1080", smsMode: "inbox", seconds: 12.34 });
    for (const part of ["after 12.3 s", "http://localhost:3000/kds", "http://localhost:3000/dashboard", "http://127.0.0.1:1080", "http://localhost:3000/dev/sms"]) {
      expect(text).toContain(part);
    }
    const widths = new Set(text.split("\n").map((l) => l.length));
    expect(widths.size).toBe(1);
  });
});

describe("displayPath", () => {
  it("is relative inside the project and absolute outside it", () => {
    expect(displayPath("/srv/brewline/.data/postgres", root)).toBe(".data/postgres");
    expect(displayPath("/tmp/brewline-1/postgres", root)).toBe("/tmp/brewline-1/postgres");
  });
});
