import { getConfig } from "../config.ts";

const FALLBACK_NAME = "Brewline Coffee";

/**
 * The cafe's name for page chrome. Falls back to a default when the configuration is
 * not available (e.g. while `next build` prerenders the not-found page), because a
 * header must never be the reason a page fails.
 */
export function storeName(): string {
  try {
    return getConfig().STORE_NAME;
  } catch {
    return FALLBACK_NAME;
  }
}
