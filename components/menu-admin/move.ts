/** The ids with the one at `index` moved by `delta` places (clamped); for the ↑/↓ buttons. */
export function moveId(ids: string[], index: number, delta: number): string[] {
  const to = Math.max(0, Math.min(ids.length - 1, index + delta));
  const next = [...ids];
  const [moved] = next.splice(index, 1);
  next.splice(to, 0, moved!);
  return next;
}
