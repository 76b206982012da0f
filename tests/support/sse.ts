// Server-sent events read from a route's Response, for the route tests.

export type SseEvent = { event: string; data: unknown };

/** Reads the named events of a server-sent event stream as they arrive (comments and retry lines are skipped). */
export function sseReader(response: Response) {
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  let buffer = "";
  return {
    async nextEvent(timeoutMs = 5_000): Promise<SseEvent> {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        let end: number;
        while ((end = buffer.indexOf("\n\n")) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const event = /^event: (.+)$/m.exec(block)?.[1];
          const data = /^data: (.*)$/m.exec(block)?.[1];
          if (event) return { event, data: data ? JSON.parse(data) : undefined };
        }
        const left = deadline - Date.now();
        if (left <= 0) throw new Error("no SSE event in time");
        const chunk = await Promise.race([reader.read(), new Promise<never>((_, r) => setTimeout(() => r(new Error("no SSE event in time")), left))]);
        if (chunk.done) throw new Error("stream ended");
        buffer += decoder.decode(chunk.value, { stream: true });
      }
    },
    cancel: () => reader.cancel(),
  };
}
