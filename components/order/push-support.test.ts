import { describe, expect, it } from "vitest";
import { base64urlToBytes, pushSubscribeBody, pushUiFor, type PushCapabilities } from "./push-support.ts";

const chrome: PushCapabilities = { serverKey: "BKey", pushManager: true, serviceWorker: true, ios: false, standalone: false };

describe("pushUiFor", () => {
  it("offers push where the server has a key and the browser can subscribe", () => {
    expect(pushUiFor(chrome)).toBe("push");
    expect(pushUiFor({ ...chrome, ios: true, standalone: true })).toBe("push");
  });
  it("says nothing when push is off on the server, whatever the browser", () => {
    expect(pushUiFor({ ...chrome, serverKey: null })).toBe("none");
    expect(pushUiFor({ ...chrome, serverKey: null, pushManager: false, ios: true })).toBe("none");
  });
  it("explains the Home Screen to iOS Safari in a tab, and nothing to other browsers without push", () => {
    expect(pushUiFor({ ...chrome, pushManager: false, ios: true })).toBe("ios-home-screen");
    expect(pushUiFor({ ...chrome, pushManager: false, ios: true, standalone: true })).toBe("none");
    expect(pushUiFor({ ...chrome, pushManager: false })).toBe("none");
    expect(pushUiFor({ ...chrome, serviceWorker: false })).toBe("none");
  });
});

describe("base64urlToBytes", () => {
  it("decodes base64url with or without padding, - and _ included", () => {
    const bytes = Uint8Array.from({ length: 65 }, (_, i) => (i * 37 + 251) % 256);
    const encoded = Buffer.from(bytes).toString("base64url");
    expect(encoded).toMatch(/[-_]/);
    expect(base64urlToBytes(encoded)).toEqual(bytes);
    expect(base64urlToBytes(`${Buffer.from([1, 2]).toString("base64url")}=`)).toEqual(Uint8Array.from([1, 2]));
    expect(base64urlToBytes("")).toEqual(new Uint8Array(0));
  });
});

describe("pushSubscribeBody", () => {
  it("keeps only the fields the route accepts", () => {
    const json = { endpoint: "https://fcm.googleapis.com/x", expirationTime: null, keys: { p256dh: "p", auth: "a", other: "z" } } as PushSubscriptionJSON;
    expect(pushSubscribeBody(json, "checkout")).toEqual({
      subscription: { endpoint: "https://fcm.googleapis.com/x", expirationTime: null, keys: { p256dh: "p", auth: "a" } },
      source: "checkout",
    });
  });
});
