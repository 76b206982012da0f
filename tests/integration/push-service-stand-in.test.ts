import { createPrivateKey, randomBytes, sign } from "node:crypto";
import https from "node:https";
import webpush from "web-push";
import { describe, expect, it } from "vitest";
import { decryptAes128gcm } from "../support/push-protocol.ts";
import { pushServiceForThisFile } from "../support/push-service-hooks.ts";
import type { BrowserSubscription } from "../support/push-service-stand-in.ts";
import { TEST_VAPID_KEYS } from "../support/test-stack.ts";

// The push service stand-in checks the app's pushes, so it must itself be right: it decrypts
// the RFC's own example and what web-push encrypts, and refuses what a push service refuses
// (a JWT signed by another key or for another origin, an altered body, missing headers).

const SUBJECT = "mailto:tests@brewline.local";
const { agent, service: pushService } = pushServiceForThisFile();

const vapid = (keys = TEST_VAPID_KEYS) => ({ subject: SUBJECT, publicKey: keys.publicKey, privateKey: keys.privateKey });

/** A valid request for `subscription` as web-push would send it, to alter before posting. */
function requestFor(subscription: BrowserSubscription, payload: string | Buffer = "hello") {
  const details = webpush.generateRequestDetails(subscription, payload, { vapidDetails: vapid(), TTL: 60 });
  return { headers: { ...(details.headers as Record<string, string | number>) }, body: details.body as Buffer };
}

function post(endpoint: string, request: { headers: Record<string, string | number>; body: Buffer }): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = https.request(endpoint, { method: "POST", headers: request.headers, agent }, (res) => {
      let text = "";
      res.on("data", (chunk: Buffer) => (text += chunk.toString()));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, text }));
    });
    req.on("error", reject);
    req.end(request.body);
  });
}

/** An ES256 JWT with these claims, signed by `keys` (RFC 7515 compact, raw r||s signature). */
function signedJwt(claims: Record<string, unknown>, keys = TEST_VAPID_KEYS): string {
  const publicKey = Buffer.from(keys.publicKey, "base64url");
  const key = createPrivateKey({
    key: { kty: "EC", crv: "P-256", d: keys.privateKey, x: publicKey.subarray(1, 33).toString("base64url"), y: publicKey.subarray(33).toString("base64url") },
    format: "jwk",
  });
  const input = `${Buffer.from(JSON.stringify({ typ: "JWT", alg: "ES256" })).toString("base64url")}.${Buffer.from(JSON.stringify(claims)).toString("base64url")}`;
  return `${input}.${sign("sha256", Buffer.from(input), { key, dsaEncoding: "ieee-p1363" }).toString("base64url")}`;
}

const inAnHour = () => Math.floor(Date.now() / 1000) + 3600;

async function expectRefused(endpoint: string, request: { headers: Record<string, string | number>; body: Buffer }, status: number, reason: RegExp) {
  const before = pushService().received(endpoint).length;
  const answer = await post(endpoint, request);
  expect(answer).toEqual({ status, text: expect.stringMatching(reason) });
  expect(pushService().rejections().at(-1)).toEqual({ endpoint, status, reason: expect.stringMatching(reason) });
  expect(pushService().received(endpoint)).toHaveLength(before);
}

describe("push service stand-in", () => {
  it("decrypts RFC 8291's example message (Appendix A) to its plaintext", () => {
    const b = (text: string) => Buffer.from(text, "base64url");
    const body = b(
      "DGv6ra1nlYgDCS1FRnbzlwAAEABBBP4z9KsN6nGRTbVYI_c7VJSPQTBtkgcy27mlmlMoZIIgDll6e3vCYLocInmYWAmS6TlzAC8wEqKK6PBru3jl7A_yl95bQpu6cVPTpK4Mqgkf1CXztLVBSt2Ks3oZwbuwXPXLWyouBWLVWGNWQexSgSxsj_Qulcy4a-fN",
    );
    const keys = {
      privateKey: b("q1dXpw3UpT5VOmu_cf_v6ih07Aems3njxI-JWgLcM94"),
      publicKey: b("BCVxsr7N_eNgVRqvHtD0zTZsEc6-VV-JvLexhqUzORcxaOzi6-AYWXvTBHm4bjyPjs7Vd8pZGH6SRpkNtoIAiw4"),
      authSecret: b("BTBZMqHH6r4Tts7J_aSIgg"),
    };
    expect(decryptAes128gcm(body, keys).toString()).toBe("When I grow up, I want to be a watermelon");
    // Another subscription's auth secret: the tag does not verify.
    expect(() => decryptAes128gcm(body, { ...keys, authSecret: randomBytes(16) })).toThrow(/does not decrypt/);
  });

  it("accepts what web-push sends and decrypts it to the same bytes, with the JWT's claims", async () => {
    const { subscription } = pushService().newSubscription();
    const json = JSON.stringify({ title: "Ready · #12", body: "Ada, your order is ready ☕" });
    const binary = randomBytes(3000);
    for (const payload of [json, binary]) {
      const result = await webpush.sendNotification(subscription, payload, { vapidDetails: vapid(), TTL: 120, urgency: "high", topic: "order-12", agent });
      expect(result.statusCode).toBe(201);
      expect(result.headers.location).toMatch(new RegExp(`^${pushService().url}/message/`));
    }
    const [first, second] = pushService().received(subscription.endpoint);
    expect(first).toMatchObject({ text: json, json: JSON.parse(json), ttl: 120, urgency: "high", topic: "order-12" });
    expect(first!.claims).toMatchObject({ aud: pushService().url, sub: SUBJECT });
    expect(second!.payload.equals(binary)).toBe(true);
    expect(pushService().rejections()).toEqual([]);
  });

  it("refuses a JWT signed by another key, another application server's key, and a JWT for another origin or out of date", async () => {
    const { subscription } = pushService().newSubscription();
    const { endpoint } = subscription;
    const other = webpush.generateVAPIDKeys();
    const withAuthorization = (authorization: string) => {
      const request = requestFor(subscription);
      return { ...request, headers: { ...request.headers, Authorization: authorization } };
    };
    const k = TEST_VAPID_KEYS.publicKey;
    const claims = { aud: pushService().url, exp: inAnHour(), sub: SUBJECT };
    // The control: the same hand-made JWT with the right key is accepted.
    expect((await post(endpoint, withAuthorization(`vapid t=${signedJwt(claims)}, k=${k}`))).status).toBe(201);

    await expectRefused(endpoint, withAuthorization(`vapid t=${signedJwt(claims, other)}, k=${k}`), 403, /signature does not verify/);
    await expectRefused(endpoint, withAuthorization(`vapid t=${signedJwt(claims, other)}, k=${other.publicKey}`), 403, /not the application server key/);
    await expectRefused(endpoint, withAuthorization(`vapid t=${signedJwt({ ...claims, aud: "https://fcm.googleapis.com" })}, k=${k}`), 403, /aud is/);
    await expectRefused(endpoint, withAuthorization(`vapid t=${signedJwt({ ...claims, exp: inAnHour() - 7200 })}, k=${k}`), 403, /expired/);
    await expectRefused(endpoint, withAuthorization(`vapid t=${signedJwt({ ...claims, exp: inAnHour() + 24 * 3600 })}, k=${k}`), 403, /24 hours/);
    await expectRefused(endpoint, withAuthorization(`vapid t=${signedJwt({ ...claims, sub: "tests@brewline.local" })}, k=${k}`), 403, /sub is not/);
    await expectRefused(endpoint, withAuthorization(`WebPush ${signedJwt(claims)}`), 401, /not the vapid scheme/);
    expect(pushService().received(endpoint)).toHaveLength(1);
  });

  it("refuses an altered body, a missing TTL, the old aesgcm encoding, an oversized body and an unknown subscription", async () => {
    const { subscription } = pushService().newSubscription();
    const { endpoint } = subscription;
    const tampered = requestFor(subscription);
    tampered.body[tampered.body.length - 20]! ^= 0x01;
    await expectRefused(endpoint, tampered, 400, /does not decrypt/);

    const untimed = requestFor(subscription);
    delete untimed.headers.TTL;
    await expectRefused(endpoint, untimed, 400, /TTL/);

    // The draft encoding, with a valid RFC 8292 header so that only the encoding is wrong.
    const old = webpush.generateRequestDetails(subscription, "hello", { vapidDetails: vapid(), contentEncoding: "aesgcm" });
    const { Authorization } = webpush.getVapidHeaders(pushService().url, SUBJECT, TEST_VAPID_KEYS.publicKey, TEST_VAPID_KEYS.privateKey, "aes128gcm");
    await expectRefused(endpoint, { headers: { ...(old.headers as Record<string, string>), Authorization }, body: old.body as Buffer }, 415, /aes128gcm/);

    const big = requestFor(subscription);
    await expectRefused(endpoint, { headers: { ...big.headers, "Content-Length": 5000 }, body: Buffer.alloc(5000) }, 413, /over 4096/);

    await expectRefused(`${pushService().url}/push/no-such-subscription`, requestFor(subscription), 404, /no such subscription/);
    // For another subscription's keys: the stand-in's keys cannot decrypt it.
    const stranger = { endpoint, keys: { p256dh: pushService().newSubscription().subscription.keys.p256dh, auth: subscription.keys.auth } };
    await expectRefused(endpoint, requestFor(stranger), 400, /does not decrypt/);
  });

  it("answers with the status it is told to, for one endpoint or all, and for so many times", async () => {
    const a = pushService().newSubscription().subscription;
    const b = pushService().newSubscription().subscription;
    const send = (subscription: BrowserSubscription) =>
      webpush.sendNotification(subscription, "x", { vapidDetails: vapid(), TTL: 60, agent }).then(
        (r) => r.statusCode,
        (e: unknown) => (e instanceof webpush.WebPushError ? e.statusCode : Promise.reject(e)),
      );
    pushService().respondWith(a.endpoint, 410);
    expect([await send(a), await send(a), await send(b)]).toEqual([410, 410, 201]);
    pushService().respondWith("all", 500, 1);
    expect([await send(b), await send(b)]).toEqual([500, 201]);
    pushService().respondWith(a.endpoint, 201);
    expect(await send(a)).toBe(201);
    expect(pushService().attempts(a.endpoint).map((x) => x.status)).toEqual([410, 410, 201]);
    expect(pushService().received(a.endpoint)).toHaveLength(1);
  });
});
