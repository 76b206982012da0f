import { describe, expect, it } from "vitest";
import { deviceId, DEVICE_ID_KEY, HISTORY_STORAGE_KEY, loadHistory, MAX_HISTORY, parseHistory, rememberOrder, tokenFromStatusUrl, withOrder, type PastOrder } from "./order-history.ts";

const NOW = Date.parse("2026-03-01T12:00:00.000Z");
const order = (token: string, placedAt = "2026-03-01T11:00:00.000Z"): PastOrder => ({ token, ticketNumber: 7, totalCents: 490, placedAt });
const TOKEN = "abcdefghijklmnopqrstuvwxyz012345";

function memoryStorage() {
  const data = new Map<string, string>();
  return { data, getItem: (k: string) => data.get(k) ?? null, setItem: (k: string, v: string) => void data.set(k, v) };
}

describe("order history", () => {
  it("takes the token from relative and absolute status URLs only", () => {
    expect(tokenFromStatusUrl(`/orders/${TOKEN}`)).toBe(TOKEN);
    expect(tokenFromStatusUrl(`https://cafe.example/orders/${TOKEN}?x=1`)).toBe(TOKEN);
    expect(tokenFromStatusUrl("/dashboard")).toBeNull();
    expect(tokenFromStatusUrl(`/orders/${TOKEN}/events`)).toBeNull();
  });

  it("keeps newest first, once per token, and at most MAX_HISTORY", () => {
    let history: PastOrder[] = [];
    for (let i = 0; i < MAX_HISTORY + 5; i++) history = withOrder(history, order(`t${i}`));
    expect(history).toHaveLength(MAX_HISTORY);
    expect(history[0]!.token).toBe(`t${MAX_HISTORY + 4}`);
    expect(withOrder(history, order(`t${MAX_HISTORY + 3}`)).filter((o) => o.token === `t${MAX_HISTORY + 3}`)).toHaveLength(1);
  });

  it("forgets week-old orders and ignores garbage", () => {
    const old = order("old", "2026-02-01T00:00:00.000Z");
    expect(parseHistory(JSON.stringify([order("new"), old, { token: 1 }]), NOW).map((o) => o.token)).toEqual(["new"]);
    expect(parseHistory("{", NOW)).toEqual([]);
    expect(parseHistory(null, NOW)).toEqual([]);
  });

  it("remembers an order in storage", () => {
    const storage = memoryStorage();
    rememberOrder(storage, order("a"), NOW);
    rememberOrder(storage, order("b"), NOW);
    expect(loadHistory(storage, NOW).map((o) => o.token)).toEqual(["b", "a"]);
    expect(storage.data.has(HISTORY_STORAGE_KEY)).toBe(true);
  });

  it("makes a device id once and keeps it", () => {
    const storage = memoryStorage();
    let n = 0;
    const generate = () => `device-id-${++n}-0123456789`;
    const first = deviceId(storage, generate);
    expect(deviceId(storage, generate)).toBe(first);
    expect(storage.data.get(DEVICE_ID_KEY)).toBe(first);
    storage.data.set(DEVICE_ID_KEY, "bad id!");
    expect(deviceId(storage, generate)).toBe("device-id-2-0123456789");
  });
});
