import { describe, expect, it } from "vitest";
import { ConfigError, parseConfig } from "./config.ts";

const base = {
  DATABASE_URL: "postgresql://u:p@localhost:5432/brewline",
  ORDERS_QUEUE_URL: "https://sqs.eu-west-1.amazonaws.com/123456789012/brewline-orders.fifo",
  NOTIFICATIONS_QUEUE_URL: "https://sqs.eu-west-1.amazonaws.com/123456789012/brewline-notifications",
  ORDER_EVENTS_TOPIC_ARN: "arn:aws:sns:eu-west-1:123456789012:brewline-order-events",
  STORE_TIMEZONE: "Europe/London",
};

describe("parseConfig", () => {
  it("sends SMS through SNS on AWS and to the dev SMS inbox with an emulator endpoint", () => {
    expect(parseConfig(base).SMS_MODE).toBe("sns");
    expect(parseConfig({ ...base, AWS_ENDPOINT_URL: "http://127.0.0.1:4566" }).SMS_MODE).toBe("inbox");
  });

  it("accepts SMS_MODE=outbox as a deprecated alias of inbox", () => {
    expect(parseConfig({ ...base, SMS_MODE: "inbox" }).SMS_MODE).toBe("inbox");
    expect(parseConfig({ ...base, SMS_MODE: "outbox" }).SMS_MODE).toBe("inbox");
    expect(parseConfig({ ...base, SMS_MODE: "off" }).SMS_MODE).toBe("off");
    expect(() => parseConfig({ ...base, SMS_MODE: "mailbox" })).toThrow(/SMS_MODE/);
  });

  it("defaults the phone region to US and the order rate limits to 6 a minute and 30 an hour", () => {
    expect(parseConfig(base)).toMatchObject({ STORE_PHONE_REGION: "US", ORDER_RATE_LIMIT_PER_MINUTE: 6, ORDER_RATE_LIMIT_PER_HOUR: 30 });
    expect(parseConfig({ ...base, STORE_PHONE_REGION: "gb", ORDER_RATE_LIMIT_PER_MINUTE: "0" })).toMatchObject({ STORE_PHONE_REGION: "GB", ORDER_RATE_LIMIT_PER_MINUTE: 0 });
    expect(() => parseConfig({ ...base, STORE_PHONE_REGION: "XX" })).toThrow(/STORE_PHONE_REGION must be a two-letter country code/);
    expect(() => parseConfig({ ...base, ORDER_RATE_LIMIT_PER_HOUR: "-1" })).toThrow(/ORDER_RATE_LIMIT_PER_HOUR/);
  });

  it("turns Web Push on with a whole VAPID key pair only, and sends pushes to known push services by default", () => {
    const keys = {
      VAPID_PUBLIC_KEY: "BLOd48CY6sZiH_xFLwgzG_Egunsh8gCLzD00wC67jze9VIKtOxqGBXh1-PviDLAczWR7tTYLTJTXkx4EZp5-HgY",
      VAPID_PRIVATE_KEY: "ZXvtaGl-THZ4lQAegU1SHTykK2LcpRs_O5cEqga93q8",
    };
    expect(parseConfig({ ...base, ...keys })).toMatchObject({ ...keys, VAPID_SUBJECT: "mailto:orders@brewline.local" });
    expect(parseConfig({ ...base, PUBLIC_BASE_URL: "https://cafe.example/x" }).VAPID_SUBJECT).toBe("https://cafe.example");
    expect(parseConfig(base).PUSH_ENDPOINT_HOSTS).toContain("fcm.googleapis.com");
    expect(parseConfig({ ...base, PUSH_ENDPOINT_HOSTS: "  " }).PUSH_ENDPOINT_HOSTS).toContain("fcm.googleapis.com");
    expect(parseConfig({ ...base, PUSH_ENDPOINT_HOSTS: " Push.Example , 127.0.0.1" }).PUSH_ENDPOINT_HOSTS).toEqual(["push.example", "127.0.0.1"]);
    expect(() => parseConfig({ ...base, VAPID_PUBLIC_KEY: keys.VAPID_PUBLIC_KEY })).toThrow(/set both or neither/);
    expect(() => parseConfig({ ...base, ...keys, VAPID_PRIVATE_KEY: "short" })).toThrow(/VAPID_PRIVATE_KEY must be a P-256 private key/);
    expect(() => parseConfig({ ...base, ...keys, VAPID_PUBLIC_KEY: keys.VAPID_PRIVATE_KEY })).toThrow(/VAPID_PUBLIC_KEY must be a P-256 public key/);
    expect(() => parseConfig({ ...base, VAPID_SUBJECT: "ftp://x" })).toThrow(/VAPID_SUBJECT/);
  });

  it("lists every problem with the variable name", () => {
    try {
      parseConfig({ ...base, DATABASE_URL: "mysql://x", ORDER_EVENTS_TOPIC_ARN: undefined, STORE_TIMEZONE: "Mars/Base" });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      const message = (error as Error).message;
      expect(message).toContain("DATABASE_URL: DATABASE_URL must start with postgresql://");
      expect(message).toContain("ORDER_EVENTS_TOPIC_ARN");
      expect(message).toContain("STORE_TIMEZONE");
    }
  });
});
