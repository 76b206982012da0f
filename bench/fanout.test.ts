import { expect, test } from "vitest";
import { eventTimer } from "./fanout-events.ts";
import { SseParser, type SseMessage } from "./fanout-sse.ts";

// The bench's own parsing and timing, run with the unit tests (the bench itself is not).

const parse = (chunks: (string | Uint8Array)[]) => {
  const got: SseMessage[] = [];
  const parser = new SseParser((m) => got.push(m));
  for (const c of chunks) parser.push(typeof c === "string" ? new TextEncoder().encode(c) : c);
  return got;
};

test("events split anywhere across chunks come out whole", () => {
  const wire = `: keep-alive\n\nretry: 2000\n\nevent: order\ndata: {"status":"QUEUED","n":"é"}\n\nevent: board\ndata: {"a":1}\n\n`;
  const bytes = new TextEncoder().encode(wire);
  const whole = parse([bytes]);
  expect(whole).toEqual([
    { event: "order", data: `{"status":"QUEUED","n":"é"}` },
    { event: "board", data: `{"a":1}` },
  ]);
  // Every split point, including inside the two-byte "é".
  for (let at = 1; at < bytes.length; at++) expect(parse([bytes.slice(0, at), bytes.slice(at)])).toEqual(whole);
  expect(parse([...bytes].map((b) => Uint8Array.of(b)))).toEqual(whole);
});

test("CRLF, CR, multi-line data and fields without a space", () => {
  expect(parse(["event:order\r\ndata: a\r", "\ndata:b\r\r", "data: x\n\n"])).toEqual([
    { event: "order", data: "a\nb" },
    { event: "message", data: "x" },
  ]);
});

test("an event without data is not dispatched, and no event leaks into the next", () => {
  expect(parse(["event: gone\n\n", "data: {}\n\n"])).toEqual([{ event: "message", data: "{}" }]);
});

const at = (ms: number) => new Date(ms).toISOString();

test("a status stream times each change of status by its own timestamp, never the first event", () => {
  const timer = eventTimer("status");
  expect(timer.onEvent("order", { status: "QUEUED", queuedAt: at(1000) }, 5000)).toEqual([]);
  expect(timer.onEvent("order", { status: "QUEUED", queuedAt: at(1000), queuePosition: 2 }, 5100)).toEqual([]);
  expect(timer.onEvent("order", { status: "IN_PROGRESS", queuedAt: at(1000), startedAt: at(6000) }, 6040)).toEqual([{ what: "status IN_PROGRESS", ms: 40 }]);
  expect(timer.finished).toBe(false);
  expect(timer.onEvent("order", { status: "READY", startedAt: at(6000), readyAt: at(7000) }, 7025)).toEqual([{ what: "status READY", ms: 25 }]);
  expect(timer.finished).toBe(true);
});

test("a kitchen screen times new tickets, starts and landed bumps", () => {
  const timer = eventTimer("kds");
  const ticket = (id: string, startedAt: string | null) => ({ id, queuedAt: at(1000), startedAt });
  expect(timer.onEvent("board", { tickets: [ticket("a", null)], recent: [] }, 2000)).toEqual([]);
  expect(timer.onEvent("board", { tickets: [ticket("a", at(3000)), ticket("b", null)], recent: [] }, 3010)).toEqual([
    { what: "kds started", ms: 10 },
    { what: "kds ticket", ms: 2010 },
  ]);
  expect(timer.onEvent("board", { tickets: [ticket("b", null)], recent: [{ id: "a", readyAt: null }] }, 3500)).toEqual([]);
  expect(timer.onEvent("board", { tickets: [ticket("b", null)], recent: [{ id: "a", readyAt: at(3600) }] }, 3700)).toEqual([{ what: "kds ready", ms: 100 }]);
});

test("the order board times a ticket number joining the ready ones", () => {
  const timer = eventTimer("board");
  expect(timer.onEvent("board", { ready: [{ ticketNumber: 1, readyAt: at(1000) }] }, 2000)).toEqual([]);
  expect(timer.onEvent("board", { ready: [{ ticketNumber: 2, readyAt: at(2500) }, { ticketNumber: 1, readyAt: at(1000) }] }, 2600)).toEqual([{ what: "board ready", ms: 100 }]);
});
