// A server-sent events parser for the fan-out client, fed raw socket chunks. It follows
// the spec's line rules rather than searching for "\n\n": an event may arrive split over
// any number of chunks (even between a CR and its LF, or inside a UTF-8 character), data
// may span several `data:` lines, and comment lines (the server's keep-alives) are skipped.

export type SseMessage = { event: string; data: string };

export class SseParser {
  readonly #decoder = new TextDecoder();
  #line = "";
  /** The previous chunk ended in CR: a LF starting the next one belongs to that line end. */
  #pendingCr = false;
  #event = "";
  #data: string[] = [];

  constructor(private readonly onMessage: (message: SseMessage) => void) {}

  push(chunk: Uint8Array): void {
    let text = this.#decoder.decode(chunk, { stream: true });
    if (this.#pendingCr && text.startsWith("\n")) text = text.slice(1);
    this.#pendingCr = false;
    let start = 0;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c !== 10 && c !== 13) continue;
      this.#onLine(this.#line + text.slice(start, i));
      this.#line = "";
      if (c === 13) {
        if (i + 1 === text.length) this.#pendingCr = true;
        else if (text.charCodeAt(i + 1) === 10) i++;
      }
      start = i + 1;
    }
    this.#line += text.slice(start);
  }

  #onLine(line: string): void {
    if (line === "") {
      // A blank line dispatches the event (if it had data), then starts a new one.
      if (this.#data.length > 0) this.onMessage({ event: this.#event || "message", data: this.#data.join("\n") });
      this.#event = "";
      this.#data = [];
      return;
    }
    if (line.startsWith(":")) return;
    const colon = line.indexOf(":");
    const field = colon < 0 ? line : line.slice(0, colon);
    let value = colon < 0 ? "" : line.slice(colon + 1);
    if (value.startsWith(" ")) value = value.slice(1);
    if (field === "event") this.#event = value;
    else if (field === "data") this.#data.push(value);
    // id and retry do not matter to the bench: it never reconnects.
  }
}
