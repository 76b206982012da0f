/**
 * Whether two JSON values (what an API or a stream sent) hold the same data, whatever
 * the order of their keys. Live pages use it to keep their current state when a refetch
 * or a stream's opening message brings nothing new: a new object would re-render the
 * whole page for no change, and that work lands while the page is still loading.
 */
export function sameData(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((value, i) => sameData(value, b[i]));
  const left = a as Record<string, unknown>;
  const right = b as Record<string, unknown>;
  // A key that is missing and one that holds undefined are the same in JSON.
  const keys = new Set([...Object.keys(left), ...Object.keys(right)]);
  for (const key of keys) if (!sameData(left[key], right[key])) return false;
  return true;
}
