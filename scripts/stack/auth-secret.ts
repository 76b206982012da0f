import { randomBytes } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

/**
 * The staff session secret for `npm start` / `npm run dev` when none is configured:
 * made once and kept in the data folder (readable by this user only), so a restart does
 * not sign every barista out. BETTER_AUTH_SECRET or AUTH_SECRET in the environment wins.
 */
export function launcherAuthSecret(env: Record<string, string | undefined>, dataDir: string): string {
  const given = env.BETTER_AUTH_SECRET?.trim() || env.AUTH_SECRET?.trim();
  if (given) return given;
  const file = path.join(dataDir, "auth-secret");
  try {
    const kept = readFileSync(file, "utf8").trim();
    if (kept.length >= 32) return kept;
  } catch {
    // First start: made below.
  }
  const secret = randomBytes(32).toString("base64url");
  mkdirSync(dataDir, { recursive: true });
  writeFileSync(file, `${secret}\n`, { mode: 0o600 });
  return secret;
}
