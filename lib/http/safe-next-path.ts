// Where to send someone after sign-in (`?next=`). Used on the server (pages that
// redirect) and in the browser (the sign-in form), so it must stay free of Node and
// Next imports.
//
// Prefix checks are not enough: browsers strip tabs and newlines from URLs and read a
// backslash as a slash, so `/\t/evil.example` passes "starts with one slash" and still
// lands on evil.example. Instead the value is parsed the way a browser would, against
// an origin nobody can own, and kept only if it stayed there.

const DUMMY_ORIGIN = "http://brewline.invalid";

/** Longer than any path of ours with its query; a cap keeps parsing cheap. */
export const MAX_NEXT_LENGTH = 2048;

// Control characters, any whitespace (raw, not %20) and backslashes: a browser may drop
// or reinterpret each of them, so a value holding one is refused rather than cleaned.
const UNSAFE = /[\p{Cc}\p{Cf}\p{Z}\s\\]/u;

/**
 * The same-site path (pathname, query and fragment, normalised) that `next` points
 * to, or `fallback` for anything that could leave the site: another origin, a
 * protocol-relative `//host`, a `javascript:` URL, or a path that normalises into one
 * (`/.//evil` becomes `//evil`).
 */
export function safeNextPath(next: string | null | undefined, fallback = "/kds"): string {
  if (typeof next !== "string" || next.length > MAX_NEXT_LENGTH || !next.startsWith("/") || UNSAFE.test(next)) return fallback;
  let url: URL;
  try {
    url = new URL(next, DUMMY_ORIGIN);
  } catch {
    return fallback;
  }
  if (url.origin !== DUMMY_ORIGIN) return fallback;
  const path = `${url.pathname}${url.search}${url.hash}`;
  // A Location of `//host/...` is another site; dot segments can produce one.
  return path.startsWith("/") && !path.startsWith("//") ? path : fallback;
}
