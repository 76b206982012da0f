// The event-stream format as the HTML standard's EventSource reads it ("Interpreting an
// event stream"), for a stream read with fetch(): EventSource itself cannot tell the page
// why a connection was refused, fetch can. Text goes in as it arrives, in pieces cut
// anywhere, and whole messages come out.

/** `event` is "message" when the stream named none. (`id:` lines are ignored: this app's streams resend the full state instead.) */
export type SseMessage = { event: string; data: string };

export type SseParser = {
  /** Decoded text, in pieces of any size: a line may be split anywhere, even inside a CRLF. */
  push(text: string): void;
};

export function createSseParser(handlers: { onMessage: (message: SseMessage) => void; onRetry?: (ms: number) => void }): SseParser {
  let buffer = "";
  let started = false;
  // A CR ended the last piece: an LF starting the next belongs to the same line break.
  let afterCr = false;
  let event = "";
  let data: string[] = [];
  // One per parser: a handler may feed another parser while this one is mid-way.
  const lineBreak = /\r\n|\r|\n/g;

  const dispatch = () => {
    // An event without data is none (the standard ignores it), and keeps nothing.
    if (data.length > 0) handlers.onMessage({ event: event || "message", data: data.join("\n") });
    event = "";
    data = [];
  };

  const line = (text: string) => {
    if (text === "") return dispatch();
    if (text.startsWith(":")) return;
    const colon = text.indexOf(":");
    const field = colon < 0 ? text : text.slice(0, colon);
    let value = colon < 0 ? "" : text.slice(colon + 1);
    if (value.startsWith(" ")) value = value.slice(1);
    if (field === "event") event = value;
    else if (field === "data") data.push(value);
    else if (field === "retry" && /^\d+$/.test(value)) handlers.onRetry?.(Number(value));
  };

  return {
    push(text) {
      if (text === "") return;
      if (!started) {
        started = true;
        if (text.startsWith("\uFEFF")) text = text.slice(1);
      }
      if (afterCr && text.startsWith("\n")) text = text.slice(1);
      afterCr = false;
      buffer += text;
      let start = 0;
      for (let found = lineBreak.exec(buffer); found; found = lineBreak.exec(buffer)) {
        line(buffer.slice(start, found.index));
        start = lineBreak.lastIndex;
        if (found[0] === "\r" && start === buffer.length) afterCr = true;
      }
      buffer = buffer.slice(start);
    },
  };
}
