import { APIError } from "./error.js";

/** One server-sent event. */
export interface ServerSentEvent {
  event: string | null;
  data: string;
  id: string | null;
}

/**
 * A `text/event-stream` response: an async iterable of parsed events. A
 * `data: [DONE]` event ends it; an `event: error` event throws an APIError.
 */
export class Stream<Item> implements AsyncIterable<Item> {
  readonly response: Response;
  readonly controller: AbortController;
  #consumed = false;

  constructor(response: Response, controller: AbortController) {
    this.response = response;
    this.controller = controller;
  }

  async *[Symbol.asyncIterator](): AsyncGenerator<Item> {
    if (this.#consumed) {
      throw new Error("Cannot iterate over a consumed stream.");
    }
    this.#consumed = true;
    let done = false;
    try {
      for await (const sse of this.events()) {
        if (sse.data.startsWith("[DONE]")) {
          done = true;
          break;
        }
        let data: unknown = sse.data;
        try {
          data = JSON.parse(sse.data);
        } catch {
          // not JSON: yield the text as sent
        }
        if (sse.event === "error") {
          throw new APIError(undefined, data, sse.data, this.response.headers);
        }
        yield data as Item;
      }
      done = true;
    } finally {
      if (!done) this.controller.abort();
    }
  }

  /** The raw server-sent events. */
  async *events(): AsyncGenerator<ServerSentEvent> {
    const body = this.response.body;
    if (!body) return;
    const decoder = new TextDecoder();
    const reader = body.getReader();
    let buffer = "";
    let event: string | null = null;
    let id: string | null = null;
    let data: string[] = [];
    const flush = (): ServerSentEvent | null => {
      if (!data.length && event === null) return null;
      const sse = { event, data: data.join("\n"), id };
      event = null;
      data = [];
      return sse;
    };
    const handle = (line: string): ServerSentEvent | null => {
      if (line === "") return flush();
      if (line.startsWith(":")) return null;
      const colon = line.indexOf(":");
      const field = colon < 0 ? line : line.slice(0, colon);
      let value = colon < 0 ? "" : line.slice(colon + 1);
      if (value.startsWith(" ")) value = value.slice(1);
      if (field === "event") event = value;
      else if (field === "data") data.push(value);
      else if (field === "id") id = value;
      return null;
    };
    try {
      for (;;) {
        const { value, done } = await reader.read();
        buffer += done
          ? decoder.decode()
          : decoder.decode(value, { stream: true });
        let match: RegExpMatchArray | null;
        while (
          (match = /\r\n|\r|\n/.exec(buffer)) &&
          match.index !== undefined
        ) {
          if (match[0] === "\r" && match.index === buffer.length - 1 && !done) {
            break; // a \r\n may be split across chunks
          }
          const line = buffer.slice(0, match.index);
          buffer = buffer.slice(match.index + match[0].length);
          const sse = handle(line);
          if (sse) yield sse;
        }
        if (done) break;
      }
      if (buffer) {
        const sse = handle(buffer);
        if (sse) yield sse;
      }
      const last = flush();
      if (last) yield last;
    } finally {
      reader.releaseLock();
    }
  }
}
