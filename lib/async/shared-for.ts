/**
 * A read every caller within `ms` shares: a public route's database cost is then bounded by
 * time, whatever its traffic. A failed read is not kept for the next caller.
 */
export function sharedFor<T>(ms: number, load: () => Promise<T>): () => Promise<T> {
  let shared: { at: number; value: Promise<T> } | null = null;
  return () => {
    const at = Date.now();
    if (shared && at - shared.at <= ms) return shared.value;
    const value = load();
    const entry = { at, value };
    shared = entry;
    value.catch(() => {
      if (shared === entry) shared = null;
    });
    return value;
  };
}
