import { createDecipheriv, createECDH, createPublicKey, hkdfSync, randomBytes, verify } from "node:crypto";

// The receiving half of Web Push, written from the RFCs with node:crypto alone so that it
// checks the web-push package instead of agreeing with it: the VAPID Authorization header
// (RFC 8292) and the aes128gcm message encryption (RFC 8291 on RFC 8188).

/** A request a push service refuses, with the status it answers. */
export class PushProtocolError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = "PushProtocolError";
  }
}

export type VapidClaims = { aud: string; exp: number; sub: string };

const MAX_JWT_LIFETIME_SECONDS = 24 * 60 * 60;
const base64url = (text: string) => (/^[A-Za-z0-9_-]*$/.test(text) ? Buffer.from(text, "base64url") : null);

function p256Jwk(publicKey: Buffer) {
  if (publicKey.length !== 65 || publicKey[0] !== 0x04) throw new PushProtocolError(401, "k is not an uncompressed P-256 point");
  return { kty: "EC", crv: "P-256", x: publicKey.subarray(1, 33).toString("base64url"), y: publicKey.subarray(33).toString("base64url") };
}

function jsonPart(part: string, what: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(base64url(part)?.toString("utf8") ?? "");
    if (value && typeof value === "object" && !Array.isArray(value)) return value as Record<string, unknown>;
  } catch {
    // Reported below.
  }
  throw new PushProtocolError(401, `the JWT ${what} is not a JSON object`);
}

/**
 * RFC 8292: `Authorization: vapid t=<JWT>, k=<public key>`. k must be the application
 * server's key (the one the subscription was made with), the JWT must be ES256-signed by
 * it, for this push service's origin, unexpired and at most 24 hours ahead, with a
 * mailto: or https: contact.
 */
export function verifyVapidAuthorization(
  header: string | undefined,
  expected: { publicKey: string; audience: string; nowSeconds?: number },
): VapidClaims {
  const scheme = /^vapid\s+(.+)$/i.exec(header ?? "");
  if (!scheme) throw new PushProtocolError(401, "Authorization is not the vapid scheme");
  const params = new Map<string, string>();
  for (const param of scheme[1]!.split(",")) {
    const at = param.indexOf("=");
    if (at > 0) params.set(param.slice(0, at).trim().toLowerCase(), param.slice(at + 1).trim());
  }
  const token = params.get("t");
  const key = params.get("k");
  if (!token || !key) throw new PushProtocolError(401, "Authorization lacks t= or k=");
  const keyBytes = base64url(key.replace(/=+$/, ""));
  const expectedKey = Buffer.from(expected.publicKey, "base64url");
  if (!keyBytes || !keyBytes.equals(expectedKey)) throw new PushProtocolError(403, "k is not the application server key of this subscription");

  const parts = token.split(".");
  if (parts.length !== 3) throw new PushProtocolError(401, "t is not a JWS compact serialization");
  const [encodedHeader, encodedClaims, encodedSignature] = parts as [string, string, string];
  if (jsonPart(encodedHeader, "header").alg !== "ES256") throw new PushProtocolError(401, "the JWT is not ES256");
  const signature = base64url(encodedSignature);
  const signed =
    signature?.length === 64 &&
    verify(
      "sha256",
      Buffer.from(`${encodedHeader}.${encodedClaims}`),
      { key: createPublicKey({ key: p256Jwk(keyBytes), format: "jwk" }), dsaEncoding: "ieee-p1363" },
      signature,
    );
  if (!signed) throw new PushProtocolError(403, "the JWT signature does not verify with k");

  const claims = jsonPart(encodedClaims, "claims");
  const now = expected.nowSeconds ?? Math.floor(Date.now() / 1000);
  if (claims.aud !== expected.audience) throw new PushProtocolError(403, `aud is ${JSON.stringify(claims.aud)}, not ${expected.audience}`);
  if (typeof claims.exp !== "number" || !Number.isInteger(claims.exp)) throw new PushProtocolError(401, "exp is not a whole number of seconds");
  if (claims.exp <= now) throw new PushProtocolError(403, "the JWT has expired");
  if (claims.exp > now + MAX_JWT_LIFETIME_SECONDS) throw new PushProtocolError(403, "exp is more than 24 hours ahead");
  if (typeof claims.sub !== "string" || !/^(mailto:|https:)/.test(claims.sub)) throw new PushProtocolError(403, "sub is not a mailto: or https: contact");
  return { aud: claims.aud, exp: claims.exp, sub: claims.sub };
}

/** The user agent's side of a subscription: its ECDH key pair and auth secret. */
export type SubscriptionKeys = { privateKey: Buffer; publicKey: Buffer; authSecret: Buffer };

const info = (label: string, ...context: Buffer[]) => Buffer.concat([Buffer.from(`${label}\0`, "latin1"), ...context]);
const hkdf = (ikm: Buffer, salt: Buffer, infoBytes: Buffer, length: number) => Buffer.from(hkdfSync("sha256", ikm, salt, infoBytes, length));

const HEADER_BYTES = 16 + 4 + 1;
const TAG_BYTES = 16;
const LAST_RECORD_DELIMITER = 0x02;

/**
 * RFC 8291 §3.4 and RFC 8188 §2: the body is salt(16) | rs(4) | idlen(1) | keyid(the
 * sender's ephemeral public key, 65) | one record, which decrypts to the message, the
 * last-record delimiter 0x02 and any zero padding.
 */
export function decryptAes128gcm(body: Buffer, keys: SubscriptionKeys): Buffer {
  if (body.length < HEADER_BYTES) throw new PushProtocolError(400, "the body is shorter than the aes128gcm header");
  const salt = body.subarray(0, 16);
  const recordSize = body.readUInt32BE(16);
  const idLength = body[20]!;
  if (idLength !== 65) throw new PushProtocolError(400, `keyid is ${idLength} bytes, not the sender's 65-byte public key`);
  const senderPublicKey = body.subarray(HEADER_BYTES, HEADER_BYTES + idLength);
  const record = body.subarray(HEADER_BYTES + idLength);
  if (recordSize < 18) throw new PushProtocolError(400, `record size ${recordSize} is below the minimum of 18`);
  // RFC 8291 §4: a push message is a single record.
  if (record.length > recordSize) throw new PushProtocolError(400, "the message spans more than one record");
  if (record.length <= TAG_BYTES) throw new PushProtocolError(400, "the record is too short to hold any content");

  let sharedSecret: Buffer;
  try {
    const ecdh = createECDH("prime256v1");
    ecdh.setPrivateKey(keys.privateKey);
    sharedSecret = ecdh.computeSecret(senderPublicKey);
  } catch {
    throw new PushProtocolError(400, "keyid is not a valid P-256 public key");
  }
  // RFC 8291 §3.3-3.4: the auth secret and both public keys go into the key, then RFC 8188's CEK and nonce.
  const ikm = hkdf(sharedSecret, keys.authSecret, info("WebPush: info", keys.publicKey, senderPublicKey), 32);
  const contentKey = hkdf(ikm, salt, info("Content-Encoding: aes128gcm"), 16);
  const nonce = hkdf(ikm, salt, info("Content-Encoding: nonce"), 12); // record 0: XOR with 0

  let plaintext: Buffer;
  try {
    const decipher = createDecipheriv("aes-128-gcm", contentKey, nonce);
    decipher.setAuthTag(record.subarray(record.length - TAG_BYTES));
    plaintext = Buffer.concat([decipher.update(record.subarray(0, record.length - TAG_BYTES)), decipher.final()]);
  } catch {
    throw new PushProtocolError(400, "the record does not decrypt (wrong keys, or altered on the way)");
  }
  let end = plaintext.length - 1;
  while (end >= 0 && plaintext[end] === 0) end--;
  if (end < 0 || plaintext[end] !== LAST_RECORD_DELIMITER) throw new PushProtocolError(400, "the record lacks the last-record delimiter 0x02");
  return plaintext.subarray(0, end);
}

/** A fresh subscription's keys, as a browser makes them (P-256 key pair, 16-byte auth secret). */
export function newSubscriptionKeys(): SubscriptionKeys {
  const ecdh = createECDH("prime256v1");
  const publicKey = ecdh.generateKeys();
  return { privateKey: ecdh.getPrivateKey(), publicKey, authSecret: randomBytes(16) };
}
