import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { pushEndpointHostsOf } from "../lib/config.ts";
import { isAllowedPushEndpoint } from "../lib/notifications/push-endpoint.ts";
import { createWebPushSender, PushSubscriptionGoneError } from "../lib/notifications/push-sender.ts";
import { resolveSettings } from "./stack/settings.ts";
import { readKeptVapidKeys, vapidKeysFile } from "./stack/vapid-keys.ts";

// `npm run verify:push -- <subscription.json>`: one real push, through Brewline's sender, to
// a real browser's subscription (the check the local push service stand-in cannot give).
// The file holds the subscription as the browser gives it (JSON.stringify(subscription)).
// Keys: VAPID_PUBLIC_KEY / VAPID_PRIVATE_KEY, else the launcher's data folder (the pair the
// browser subscribed with). Only endpoints on PUSH_ENDPOINT_HOSTS are sent to. (docs/PUSH.md)

const root = path.resolve(import.meta.dirname, "..");
if (existsSync(path.join(root, ".env"))) process.loadEnvFile(path.join(root, ".env"));
const callerDir = process.env.INIT_CWD || process.cwd();
const env = process.env;

function fail(message: string, code = 1): never {
  console.error(`verify:push: ${message}`);
  process.exit(code);
}

const file = process.argv[2];
if (!file) {
  console.log(`Sends one push notification to a real browser, to check Web Push end to end.

  npm run verify:push -- subscription.json

subscription.json is the browser's subscription, {"endpoint": "https://…", "keys": {"p256dh": "…", "auth": "…"}}:
on the order status page after "Notify me on this phone", or in the browser's console:
  JSON.stringify(await (await navigator.serviceWorker.ready).pushManager.getSubscription())
The VAPID keys are the shop's (VAPID_PUBLIC_KEY / VAPID_PRIVATE_KEY, else the data folder's).`);
  process.exit(2);
}

/** The subscription in the file: as the browser serializes it, or wrapped as the push route takes it ({subscription}). */
function readSubscription(filePath: string) {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(filePath, "utf8"));
  } catch (error) {
    fail(`cannot read ${filePath} as JSON: ${(error as Error).message}`, 2);
  }
  const value = (parsed as { subscription?: unknown }).subscription ?? parsed;
  const { endpoint, keys } = (value ?? {}) as { endpoint?: unknown; keys?: { p256dh?: unknown; auth?: unknown } };
  if (typeof endpoint !== "string" || typeof keys?.p256dh !== "string" || typeof keys.auth !== "string") {
    fail(`${filePath} is not a push subscription: expected {"endpoint": "https://…", "keys": {"p256dh": "…", "auth": "…"}}`, 2);
  }
  return { endpoint, p256dh: keys.p256dh, auth: keys.auth };
}

/** The endpoint's push service, for messages: the rest of the URL identifies the browser. */
function originOf(endpoint: string): string {
  try {
    return new URL(endpoint).origin;
  } catch {
    return JSON.stringify(endpoint.slice(0, 60));
  }
}

const subscription = readSubscription(path.resolve(callerDir, file));
// As lib/config.ts reads PUSH_ENDPOINT_HOSTS (the rest of the shop's configuration is not needed here).
const allowedHosts = pushEndpointHostsOf(env.PUSH_ENDPOINT_HOSTS);
if (!isAllowedPushEndpoint(subscription.endpoint, allowedHosts)) {
  fail(`refusing ${originOf(subscription.endpoint)}: not an https endpoint of an allowed push service (${allowedHosts.join(", ")}; PUSH_ENDPOINT_HOSTS)`, 2);
}

const dataDir = resolveSettings(["start"], env, root).dataDir;
const fromEnv = env.VAPID_PUBLIC_KEY?.trim() && env.VAPID_PRIVATE_KEY?.trim() ? { publicKey: env.VAPID_PUBLIC_KEY.trim(), privateKey: env.VAPID_PRIVATE_KEY.trim() } : null;
let keys = fromEnv;
try {
  keys ??= readKeptVapidKeys(dataDir);
} catch (error) {
  fail((error as Error).message);
}
if (!keys) fail(`no VAPID keys: set VAPID_PUBLIC_KEY and VAPID_PRIVATE_KEY, or start the shop once (npm start) to make ${vapidKeysFile(dataDir)}`, 2);
const subject = env.VAPID_SUBJECT?.trim() || "mailto:verify-push@example.com";

const sender = createWebPushSender({ vapid: { ...keys, subject }, allowedHosts });
const message = { title: "Brewline push check", body: "If you can read this, Web Push works for this phone.", url: "/", tag: `verify-push:${Date.now()}` };
console.log(`Sending a push to ${originOf(subscription.endpoint)}
  VAPID public key ${keys.publicKey} (${fromEnv ? "VAPID_PUBLIC_KEY" : vapidKeysFile(dataDir)})
  subject ${subject}`);
try {
  const { providerId } = await sender.send({ subscription, message });
  console.log(`\nAccepted by the push service: ${providerId}\nThe notification "${message.title}" should now show on the device (give it a few seconds).`);
} catch (error) {
  if (error instanceof PushSubscriptionGoneError) {
    fail(`${error.message}: the browser dropped this subscription; subscribe again on the status page and copy the new one.`);
  }
  const said = (error as Error).message;
  // 401/403: most often the subscription was made with another shop's (or an older) public key.
  const hint = / (401|403)\b/.test(said) ? " (the push service refused the VAPID signature: was the subscription made with this public key?)" : "";
  fail(`${said}${hint}`);
}
