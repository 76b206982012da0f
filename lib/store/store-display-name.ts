import { getConfig } from "../config.ts";

const FALLBACK_NAME = "Brewline Coffee";

/**
 * The cafe's name as shown on pages (STORE_NAME): headers, the order board, the kitchen
 * display, the page title and the web app manifest. Falls back to a default when the
 * configuration is not available (e.g. while `next build` prerenders the not-found
 * page), because a header must never be the reason a page fails. Code that runs with a
 * valid configuration (the worker's messages) reads getConfig().STORE_NAME instead.
 */
export function storeDisplayName(): string {
  try {
    return getConfig().STORE_NAME;
  } catch {
    return FALLBACK_NAME;
  }
}
