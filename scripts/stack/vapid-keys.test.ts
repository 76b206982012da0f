import { mkdtempSync, readFileSync, statSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseConfig } from "../../lib/config.ts";
import { launcherVapidKeys, readKeptVapidKeys, vapidKeysFile } from "./vapid-keys.ts";

const tempDir = () => path.join(mkdtempSync(path.join(os.tmpdir(), "brewline-vapid-")), "data");
const given = { publicKey: "BLOd48CY6sZiH_xFLwgzG_Egunsh8gCLzD00wC67jze9VIKtOxqGBXh1-PviDLAczWR7tTYLTJTXkx4EZp5-HgY", privateKey: "ZXvtaGl-THZ4lQAegU1SHTykK2LcpRs_O5cEqga93q8" };
// What the launcher's children must accept.
const configWith = (keys: { publicKey: string; privateKey: string }) =>
  parseConfig({
    DATABASE_URL: "postgresql://localhost/brewline",
    ORDERS_QUEUE_URL: "http://localhost:4566/000000000000/orders.fifo",
    NOTIFICATIONS_QUEUE_URL: "http://localhost:4566/000000000000/notifications",
    ORDER_EVENTS_TOPIC_ARN: "arn:aws:sns:us-east-1:000000000000:order-events",
    VAPID_PUBLIC_KEY: keys.publicKey,
    VAPID_PRIVATE_KEY: keys.privateKey,
  });

describe("launcherVapidKeys", () => {
  it("makes a valid pair on first start, keeps it readable by this user only, and gives the same pair on every start after", () => {
    const dataDir = tempDir();
    const first = launcherVapidKeys({}, dataDir);
    expect(configWith(first)).toMatchObject({ VAPID_PUBLIC_KEY: first.publicKey, VAPID_PRIVATE_KEY: first.privateKey });
    expect(statSync(vapidKeysFile(dataDir)).mode & 0o777).toBe(0o600);
    expect(JSON.parse(readFileSync(vapidKeysFile(dataDir), "utf8"))).toEqual(first);
    expect(launcherVapidKeys({}, dataDir)).toEqual(first);
    expect(launcherVapidKeys({}, tempDir())).not.toEqual(first);
  });

  it("uses the environment's keys over the kept pair, and writes nothing for them", () => {
    const dataDir = tempDir();
    expect(launcherVapidKeys({ VAPID_PUBLIC_KEY: ` ${given.publicKey} `, VAPID_PRIVATE_KEY: given.privateKey }, dataDir)).toEqual(given);
    expect(readKeptVapidKeys(dataDir)).toBeNull();
    // Empty is unset: the pair is made and kept; given keys still win over it afterwards.
    const kept = launcherVapidKeys({ VAPID_PUBLIC_KEY: "", VAPID_PRIVATE_KEY: " " }, dataDir);
    expect(kept).not.toEqual(given);
    expect(launcherVapidKeys({ VAPID_PUBLIC_KEY: given.publicKey, VAPID_PRIVATE_KEY: given.privateKey }, dataDir)).toEqual(given);
    expect(readKeptVapidKeys(dataDir)).toEqual(kept);
  });

  it("passes one key without the other on, for the configuration check to refuse", () => {
    const dataDir = tempDir();
    const keys = launcherVapidKeys({ VAPID_PUBLIC_KEY: given.publicKey }, dataDir);
    expect(keys).toEqual({ publicKey: given.publicKey, privateKey: "" });
    expect(() => configWith(keys)).toThrow(/VAPID_PUBLIC_KEY and VAPID_PRIVATE_KEY go together/);
    expect(readKeptVapidKeys(dataDir)).toBeNull();
  });

  it("refuses a damaged key file rather than replacing the pair", () => {
    const dataDir = tempDir();
    launcherVapidKeys({}, dataDir);
    for (const damaged of ["{", JSON.stringify({ publicKey: given.publicKey }), JSON.stringify({ publicKey: given.privateKey, privateKey: given.privateKey })]) {
      writeFileSync(vapidKeysFile(dataDir), damaged);
      expect(() => launcherVapidKeys({}, dataDir)).toThrow(/is not a VAPID key pair.*delete it to make a new pair/);
      expect(readFileSync(vapidKeysFile(dataDir), "utf8")).toBe(damaged);
    }
  });
});
