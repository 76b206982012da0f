import { describe, expect, it } from "vitest";
import { isAllowedPushEndpoint, MAX_PUSH_ENDPOINT_LENGTH } from "./push-endpoint.ts";

const hosts = ["fcm.googleapis.com", "push.apple.com", "127.0.0.1"];

describe("isAllowedPushEndpoint", () => {
  it.each([
    "https://fcm.googleapis.com/fcm/send/dQw4w9WgXcQ:APA91b",
    "https://web.push.apple.com/QGuQyavXutnMH",
    "https://FCM.googleapis.com/fcm/send/x",
    "https://127.0.0.1:8443/push/1",
  ])("accepts %s", (endpoint) => {
    expect(isAllowedPushEndpoint(endpoint, hosts)).toBe(true);
  });

  it.each([
    ["plain http", "http://fcm.googleapis.com/fcm/send/x"],
    ["another host", "https://example.com/fcm/send/x"],
    ["a host that only ends like an allowed one", "https://evilfcm.googleapis.com/x"],
    ["an allowed host as a subdomain of another", "https://fcm.googleapis.com.evil.example/x"],
    ["credentials in the URL", "https://user:pw@fcm.googleapis.com/x"],
    ["a user name alone", "https://user@fcm.googleapis.com/x"],
    ["not a URL", "fcm.googleapis.com/x"],
    ["another scheme", "javascript:alert(1)"],
    ["an internal address", "https://169.254.169.254/latest/meta-data"],
    ["the empty string", ""],
  ])("refuses %s", (_, endpoint) => {
    expect(isAllowedPushEndpoint(endpoint, hosts)).toBe(false);
  });

  it("refuses an endpoint longer than the limit, and accepts one at it", () => {
    const base = "https://fcm.googleapis.com/fcm/send/";
    expect(isAllowedPushEndpoint(base + "a".repeat(MAX_PUSH_ENDPOINT_LENGTH - base.length), hosts)).toBe(true);
    expect(isAllowedPushEndpoint(base + "a".repeat(MAX_PUSH_ENDPOINT_LENGTH - base.length + 1), hosts)).toBe(false);
  });

  it("allows nothing when no push service is allowed", () => {
    expect(isAllowedPushEndpoint("https://fcm.googleapis.com/fcm/send/x", [])).toBe(false);
  });
});
