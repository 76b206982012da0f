import { describe, expect, it } from "vitest";
import { createSseParser, type SseMessage } from "./sse-parser.ts";

function parse(...pieces: string[]) {
  const messages: SseMessage[] = [];
  const retries: number[] = [];
  const parser = createSseParser({ onMessage: (m) => messages.push(m), onRetry: (ms) => retries.push(ms) });
  for (const piece of pieces) parser.push(piece);
  return { messages, retries };
}

/** Every way of cutting the text in two. */
const cuts = (text: string) => Array.from({ length: text.length + 1 }, (_, i) => [text.slice(0, i), text.slice(i)]);

describe("createSseParser", () => {
  it("reads named events, the retry field and skips comments, as the server writes them", () => {
    const { messages, retries } = parse('retry: 2000\n\n: keep-alive\n\nevent: order\ndata: {"status":"QUEUED"}\n\n');
    expect(retries).toEqual([2000]);
    expect(messages).toEqual([{ event: "order", data: '{"status":"QUEUED"}' }]);
  });

  it("joins several data lines with newlines and calls an unnamed event 'message'", () => {
    expect(parse("data: one\ndata:two\ndata\n\n").messages).toEqual([{ event: "message", data: "one\ntwo\n" }]);
  });

  it("accepts CRLF, CR and LF line ends, mixed", () => {
    expect(parse("event: a\r\ndata: 1\r\n\r\nevent: b\rdata: 2\r\revent: c\ndata: 3\n\n").messages).toEqual([
      { event: "a", data: "1" },
      { event: "b", data: "2" },
      { event: "c", data: "3" },
    ]);
  });

  it("gives the same messages however the text is cut, even between the CR and LF of one line end", () => {
    const text = "retry: 1500\r\n\r\nevent: board\r\ndata: {\"n\":1}\r\n\r\n: ping\r\n\r\nevent: gone\r\ndata: {}\r\n\r\n";
    const whole = parse(text);
    expect(whole.messages).toHaveLength(2);
    for (const [a, b] of cuts(text)) expect(parse(a!, b!)).toEqual(whole);
    expect(parse(...text.split(""))).toEqual(whole);
  });

  it("does not make an empty line out of a CR at the end of one piece and the LF starting the next", () => {
    // Were the LF a line of its own, the event would be sent before its second data line.
    expect(parse("data: a\r", "\ndata: b\n\n").messages).toEqual([{ event: "message", data: "a\nb" }]);
    expect(parse("data: a\r", "", "\ndata: b\n\n").messages).toEqual([{ event: "message", data: "a\nb" }]);
  });

  it("sends nothing for an event without data, and keeps nothing of it for the next", () => {
    expect(parse("event: lonely\n\ndata: x\n\n").messages).toEqual([{ event: "message", data: "x" }]);
  });

  it("holds back an event until its blank line arrives", () => {
    const messages: SseMessage[] = [];
    const parser = createSseParser({ onMessage: (m) => messages.push(m) });
    parser.push("event: order\ndata: {}\n");
    expect(messages).toEqual([]);
    parser.push("\n");
    expect(messages).toEqual([{ event: "order", data: "{}" }]);
  });

  it("strips one leading space from a value only, ignores unknown fields and a retry that is not a number", () => {
    const { messages, retries } = parse("retry: soon\nretry: 12x\nfoo: bar\nevent:  spaced\ndata:  two spaces\n\n");
    expect(retries).toEqual([]);
    expect(messages).toEqual([{ event: " spaced", data: " two spaces" }]);
  });

  it("skips a byte-order mark at the start of the stream only", () => {
    // Later on it is part of a field name ("\uFEFFdata"), which is no field.
    expect(parse("\uFEFFdata: a\n\n", "\uFEFFdata: b\n\n").messages).toEqual([{ event: "message", data: "a" }]);
  });
});
