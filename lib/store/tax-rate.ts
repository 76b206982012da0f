// The tax rate as the store page shows it (percent, "8.25") and as it is stored (basis points, 825).

/** Basis points for a typed percentage with at most two decimals, 0–100; null if it is not one. */
export function percentToBasisPoints(text: string): number | null {
  const match = /^(\d{1,3})(?:[.,](\d{1,2}))?\s*%?$/.exec(text.trim());
  if (!match) return null;
  const points = Number(match[1]) * 100 + Number((match[2] ?? "0").padEnd(2, "0"));
  return points <= 10_000 ? points : null;
}

export const basisPointsToPercent = (points: number) => (points / 100).toFixed(2).replace(/\.?0+$/, "") || "0";
