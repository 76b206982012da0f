import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import webpush from "web-push";

// The shop's VAPID key pair (RFC 8292) for `npm start` / `npm run dev`. Browsers subscribe
// to push with the public key, and a push service accepts pushes only when signed by the
// private key that goes with it: a new pair would silently end every subscription, so the
// pair is made once and kept in the data folder (readable by this user only), like the auth
// secret. VAPID_PUBLIC_KEY / VAPID_PRIVATE_KEY in the environment win.

export type VapidKeys = { publicKey: string; privateKey: string };

const KEYS_FILE = "vapid-keys.json";

/** The key file of a data folder. */
export const vapidKeysFile = (dataDir: string) => path.join(dataDir, KEYS_FILE);

const isKey = (value: unknown, bytes: number, first?: number): value is string => {
  if (typeof value !== "string" || !/^[A-Za-z0-9_-]+$/.test(value)) return false;
  const decoded = Buffer.from(value, "base64url");
  return decoded.length === bytes && (first === undefined || decoded[0] === first);
};

/**
 * The pair kept in `dataDir`, or null when there is none yet. A file that is there but is
 * not a key pair is an error, not a reason to make a new pair (that would end every push
 * subscription without a word).
 */
export function readKeptVapidKeys(dataDir: string): VapidKeys | null {
  const file = vapidKeysFile(dataDir);
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw error;
  }
  let kept: Partial<VapidKeys> | undefined;
  try {
    kept = JSON.parse(text) as Partial<VapidKeys>;
  } catch {
    // Reported below.
  }
  if (!isKey(kept?.publicKey, 65, 0x04) || !isKey(kept?.privateKey, 32)) {
    throw new Error(
      `${file} is not a VAPID key pair ({"publicKey", "privateKey"}, base64url). Restore it from a backup, or delete it to make a new pair (customers' push subscriptions then stop working), or set VAPID_PUBLIC_KEY and VAPID_PRIVATE_KEY.`,
    );
  }
  return { publicKey: kept.publicKey, privateKey: kept.privateKey };
}

/** The VAPID keys for the web app and the worker: from the environment, else kept in `dataDir` (made on first start). */
export function launcherVapidKeys(env: Record<string, string | undefined>, dataDir: string): VapidKeys {
  const publicKey = env.VAPID_PUBLIC_KEY?.trim() ?? "";
  const privateKey = env.VAPID_PRIVATE_KEY?.trim() ?? "";
  // One without the other is passed on as given: the configuration check says what is wrong.
  if (publicKey || privateKey) return { publicKey, privateKey };
  const kept = readKeptVapidKeys(dataDir);
  if (kept) return kept;
  const made = webpush.generateVAPIDKeys();
  mkdirSync(dataDir, { recursive: true });
  writeFileSync(vapidKeysFile(dataDir), `${JSON.stringify({ publicKey: made.publicKey, privateKey: made.privateKey }, null, 2)}\n`, { mode: 0o600 });
  return { publicKey: made.publicKey, privateKey: made.privateKey };
}
