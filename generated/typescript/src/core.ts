import {
  APIConnectionError,
  APIConnectionTimeoutError,
  APIError,
  APIUserAbortError,
  SDKError,
} from "./error.js";
import { Stream } from "./streaming.js";
import { multipartBody } from "./uploads.js";

export type Fetch = (
  input: string | URL | Request,
  init?: RequestInit,
) => Promise<Response>;

export type HeadersInit = Record<string, string | null | undefined>;

export interface ClientOptions {
  /** The API key; defaults to the API-key environment variable. */
  apiKey?: string | undefined;
  /** The API's base URL; defaults to the base-URL environment variable, then to the API's own. */
  baseURL?: string | null | undefined;
  /** Milliseconds to wait for a response before retrying or failing (default 600000). */
  timeout?: number | undefined;
  /** How many times a failed request is retried (default 2). */
  maxRetries?: number | undefined;
  /** Headers sent with every request; a `null` value removes a default header. */
  defaultHeaders?: HeadersInit | undefined;
  /** Query parameters sent with every request. */
  defaultQuery?: Record<string, string | undefined> | undefined;
  /** A `fetch` implementation (default: the global one). */
  fetch?: Fetch | undefined;
}

/** Per-request options, the last argument of every method. */
export interface RequestOptions {
  /** Extra headers; a `null` value removes a header the SDK would send. */
  headers?: HeadersInit | undefined;
  /** Extra query parameters. */
  query?: Record<string, unknown> | undefined;
  /** Extra body properties, merged into a JSON or multipart body. */
  body?: Record<string, unknown> | undefined;
  timeout?: number | undefined;
  maxRetries?: number | undefined;
  signal?: AbortSignal | undefined;
}

/** A request as a generated method describes it. */
export interface RequestSpec {
  method: string;
  path: string;
  /** The method's params object: query, header and body properties by wire name. */
  params?: unknown;
  /** Names of the params that go to the query string. */
  query?: readonly string[];
  /** Names of the params that are sent as headers. */
  headers?: readonly string[];
  /** How the rest of the params are sent. */
  body?: "json" | "multipart" | "form" | "none";
  /** What the success response holds. */
  response?: "json" | "raw" | "void";
  /** The page class, for list methods. */
  page?: PageClass;
  options?: RequestOptions | undefined;
}

export type PageClass = new (
  client: BaseClient,
  spec: RequestSpec,
  response: Response,
  body: unknown,
) => unknown;

interface RawResult {
  response: Response;
  spec: RequestSpec;
  controller: AbortController;
}

const MAX_RETRY_AFTER_MS = 60_000;
const INITIAL_RETRY_DELAY_MS = 500;
const MAX_RETRY_DELAY_MS = 8_000;

export function readEnv(name: string): string | undefined {
  const env = (
    globalThis as {
      process?: { env?: Record<string, string | undefined> };
    }
  ).process?.env;
  const value = env?.[name]?.trim();
  return value ? value : undefined;
}

/**
 * The result of an API call: a Promise of the parsed body that also gives access
 * to the raw `Response` (`.asResponse()`) or to both (`.withResponse()`).
 */
export class APIPromise<T> extends Promise<T> {
  #parsed: Promise<T> | undefined;
  readonly #raw: Promise<RawResult>;
  readonly #parse: (raw: RawResult) => Promise<T>;

  constructor(raw: Promise<RawResult>, parse: (raw: RawResult) => Promise<T>) {
    super((resolve) => resolve(null as T));
    this.#raw = raw;
    this.#parse = parse;
    raw.catch(() => {});
  }

  static override get [Symbol.species]() {
    return Promise;
  }

  /** The raw `Response`, body unread (the body is not parsed). */
  asResponse(): Promise<Response> {
    return this.#raw.then((raw) => raw.response);
  }

  /** The parsed body together with the raw `Response` and the request id. */
  async withResponse(): Promise<{
    data: T;
    response: Response;
    requestID: string | null;
  }> {
    const [data, raw] = await Promise.all([this.parse(), this.#raw]);
    const requestID = raw.response.headers.get("x-request-id");
    return { data, response: raw.response, requestID };
  }

  protected parse(): Promise<T> {
    if (!this.#parsed) this.#parsed = this.#raw.then(this.#parse);
    return this.#parsed;
  }

  override then<R1 = T, R2 = never>(
    onfulfilled?: ((value: T) => R1 | PromiseLike<R1>) | null,
    onrejected?: ((reason: unknown) => R2 | PromiseLike<R2>) | null,
  ): Promise<R1 | R2> {
    return this.parse().then(onfulfilled, onrejected);
  }

  override catch<R = never>(
    onrejected?: ((reason: unknown) => R | PromiseLike<R>) | null,
  ): Promise<T | R> {
    return this.parse().catch(onrejected);
  }

  override finally(onfinally?: (() => void) | null): Promise<T> {
    return this.parse().finally(onfinally);
  }
}

/** An APIPromise of a page that is also an async iterable over all items of all pages. */
export class PagePromise<PageT extends AsyncIterable<Item>, Item>
  extends APIPromise<PageT>
  implements AsyncIterable<Item>
{
  async *[Symbol.asyncIterator](): AsyncGenerator<Item> {
    const page = await this;
    for await (const item of page) yield item;
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * Query strings and form bodies: lists repeat their key (`key[]` in forms, where
 * nested lists and objects index with brackets), objects nest as `key[sub]`.
 */
function appendQuery(
  search: URLSearchParams,
  key: string,
  value: unknown,
  form = false,
): void {
  if (value === undefined || value === null) return;
  if (Array.isArray(value)) {
    value.forEach((item, index) => {
      const nested = isRecord(item) || Array.isArray(item);
      const itemKey = !form ? key : nested ? `${key}[${index}]` : `${key}[]`;
      appendQuery(search, itemKey, item, form);
    });
  } else if (value instanceof Date) {
    search.append(key, value.toISOString());
  } else if (isRecord(value)) {
    for (const [sub, item] of Object.entries(value)) {
      appendQuery(search, `${key}[${sub}]`, item, form);
    }
  } else {
    search.append(key, String(value));
  }
}

/** The HTTP machinery every generated client extends: retries, timeouts, errors. */
export abstract class BaseClient {
  apiKey: string;
  baseURL: string;
  maxRetries: number;
  timeout: number;
  protected fetch: Fetch;
  protected _options: ClientOptions;

  constructor(options: ClientOptions & { apiKey: string; baseURL: string }) {
    this._options = options;
    this.apiKey = options.apiKey;
    this.baseURL = options.baseURL;
    this.maxRetries = options.maxRetries ?? 2;
    this.timeout = options.timeout ?? 600_000;
    const fetchImpl = options.fetch ?? globalThis.fetch;
    if (!fetchImpl) {
      throw new SDKError(
        "No fetch implementation: use Node >= 18 or pass the `fetch` option.",
      );
    }
    this.fetch = fetchImpl;
  }

  /** Headers that authenticate a request. */
  protected abstract authHeaders(): Record<string, string>;

  /** Headers identifying the SDK. */
  protected abstract sdkHeaders(): Record<string, string>;

  /** Sends a request as described by a generated method. */
  request<T>(spec: RequestSpec): APIPromise<T> {
    return new APIPromise<T>(this.send(spec), (raw) => this.parseResponse(raw));
  }

  /** Sends a list request; the result is a page, async-iterable over all items. */
  requestPage<PageT extends AsyncIterable<Item>, Item>(
    spec: RequestSpec,
  ): PagePromise<PageT, Item> {
    return new PagePromise<PageT, Item>(this.send(spec), (raw) =>
      this.parseResponse(raw),
    );
  }

  buildURL(spec: RequestSpec): string {
    const base = this.baseURL.endsWith("/")
      ? this.baseURL.slice(0, -1)
      : this.baseURL;
    const url = new URL(base + spec.path);
    const search = new URLSearchParams(url.search);
    for (const [key, value] of Object.entries(
      this._options.defaultQuery ?? {},
    )) {
      if (value !== undefined) search.set(key, value);
    }
    const params = isRecord(spec.params) ? spec.params : {};
    const merged: Record<string, unknown> = {};
    for (const key of spec.query ?? []) {
      if (params[key] !== undefined) merged[key] = params[key];
    }
    Object.assign(merged, spec.options?.query ?? {});
    for (const [key, value] of Object.entries(merged)) {
      search.delete(key);
      appendQuery(search, key, value);
    }
    const query = search.toString();
    url.search = query ? `?${query}` : "";
    return url.toString();
  }

  protected buildHeaders(
    spec: RequestSpec,
    retryCount: number,
    contentType: string | undefined,
  ): Headers {
    const headers = new Headers();
    const layers: Array<HeadersInit | undefined> = [
      { Accept: "application/json" },
      contentType ? { "Content-Type": contentType } : undefined,
      this.sdkHeaders(),
      { "x-sdk-retry-count": String(retryCount) },
      this.authHeaders(),
      this._options.defaultHeaders,
    ];
    const params = isRecord(spec.params) ? spec.params : {};
    const fromParams: HeadersInit = {};
    for (const key of spec.headers ?? []) {
      const value = params[key];
      if (value !== undefined && value !== null)
        fromParams[key] = String(value);
    }
    layers.push(fromParams, spec.options?.headers);
    for (const layer of layers) {
      for (const [key, value] of Object.entries(layer ?? {})) {
        if (value === null) headers.delete(key);
        else if (value !== undefined) headers.set(key, value);
      }
    }
    return headers;
  }

  protected async buildBody(spec: RequestSpec): Promise<{
    body: BodyInit | undefined;
    contentType: string | undefined;
  }> {
    if (spec.body === undefined || spec.body === "none") {
      return { body: undefined, contentType: undefined };
    }
    const params = isRecord(spec.params) ? spec.params : {};
    const skip = new Set([...(spec.query ?? []), ...(spec.headers ?? [])]);
    const fields: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(params)) {
      if (!skip.has(key) && value !== undefined) fields[key] = value;
    }
    const source = isRecord(spec.params) ? fields : spec.params;
    const body =
      isRecord(source) && spec.options?.body
        ? { ...source, ...spec.options.body }
        : source;
    if (spec.body === "multipart") {
      return { body: await multipartBody(body), contentType: undefined };
    }
    if (spec.body === "form") {
      const form = new URLSearchParams();
      for (const [key, value] of Object.entries(isRecord(body) ? body : {})) {
        appendQuery(form, key, value, true);
      }
      return {
        body: form.toString(),
        contentType: "application/x-www-form-urlencoded",
      };
    }
    return { body: JSON.stringify(body), contentType: "application/json" };
  }

  private async send(spec: RequestSpec): Promise<RawResult> {
    const maxRetries = spec.options?.maxRetries ?? this.maxRetries;
    const url = this.buildURL(spec);
    const { body, contentType } = await this.buildBody(spec);
    for (let retryCount = 0; ; retryCount++) {
      const headers = this.buildHeaders(spec, retryCount, contentType);
      const retriesLeft = maxRetries - retryCount;
      let response: Response;
      const controller = new AbortController();
      try {
        response = await this.fetchWithTimeout(
          url,
          spec,
          {
            method: spec.method.toUpperCase(),
            headers,
            body: body ?? null,
            signal: controller.signal,
          },
          controller,
        );
      } catch (err) {
        if (err instanceof APIUserAbortError) throw err;
        if (retriesLeft > 0) {
          await sleep(this.retryDelay(retryCount, undefined));
          continue;
        }
        if (err instanceof APIConnectionTimeoutError) throw err;
        throw new APIConnectionError({ cause: err });
      }
      if (response.ok) return { response, spec, controller };
      if (retriesLeft > 0 && this.shouldRetry(response)) {
        await response.body?.cancel().catch(() => {});
        await sleep(this.retryDelay(retryCount, response.headers));
        continue;
      }
      const text = await response.text().catch(() => "");
      let error: unknown = undefined;
      try {
        error = text ? JSON.parse(text) : undefined;
      } catch {
        error = text;
      }
      throw APIError.generate(
        response.status,
        error,
        undefined,
        response.headers,
      );
    }
  }

  private async fetchWithTimeout(
    url: string,
    spec: RequestSpec,
    init: RequestInit,
    controller: AbortController,
  ): Promise<Response> {
    const timeout = spec.options?.timeout ?? this.timeout;
    const userSignal = spec.options?.signal;
    if (userSignal?.aborted) throw new APIUserAbortError();
    let timedOut = false;
    const onAbort = () => controller.abort();
    userSignal?.addEventListener("abort", onAbort, { once: true });
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, timeout);
    try {
      const response = await this.fetch(url, init);
      const type = response.headers.get("content-type") ?? "";
      if (type.includes("text/event-stream") || spec.response === "raw") {
        return response;
      }
      // buffer the body under the same timeout, so a stalled body times out too
      const buffer = await response.arrayBuffer();
      return new Response(response.status === 204 ? null : buffer, {
        status: response.status,
        statusText: response.statusText,
        headers: response.headers,
      });
    } catch (err) {
      if (timedOut) throw new APIConnectionTimeoutError();
      if (userSignal?.aborted) throw new APIUserAbortError();
      throw err;
    } finally {
      clearTimeout(timer);
      userSignal?.removeEventListener("abort", onAbort);
    }
  }

  protected shouldRetry(response: Response): boolean {
    const header = response.headers.get("x-should-retry");
    if (header === "true") return true;
    if (header === "false") return false;
    const status = response.status;
    return status === 408 || status === 409 || status === 429 || status >= 500;
  }

  protected retryDelay(
    retryCount: number,
    headers: Headers | undefined,
  ): number {
    const fromHeaders = retryAfterMs(headers);
    if (fromHeaders !== undefined) return fromHeaders;
    const base = Math.min(
      INITIAL_RETRY_DELAY_MS * 2 ** retryCount,
      MAX_RETRY_DELAY_MS,
    );
    return base * (1 - Math.random() * 0.25);
  }

  private async parseResponse<T>(raw: RawResult): Promise<T> {
    const { response, spec, controller } = raw;
    const type = response.headers.get("content-type") ?? "";
    if (type.includes("text/event-stream")) {
      return new Stream(response, controller) as T;
    }
    if (spec.response === "raw") return response as T;
    const text = await response.text();
    if (spec.response === "void" || !text) {
      if (spec.page) return new spec.page(this, spec, response, {}) as T;
      return undefined as T;
    }
    let body: unknown = text;
    if (type.includes("json") || spec.response === "json") {
      body = JSON.parse(text);
    }
    if (spec.page) return new spec.page(this, spec, response, body) as T;
    return body as T;
  }
}

/**
 * `retry-after-ms`, else `retry-after` (seconds or an HTTP date), when the wait
 * is positive and within the cap; otherwise the caller backs off exponentially.
 */
function retryAfterMs(headers: Headers | undefined): number | undefined {
  if (!headers) return undefined;
  let ms: number | undefined;
  const msHeader = headers.get("retry-after-ms");
  if (msHeader !== null && msHeader.trim() !== "") {
    const value = Number(msHeader);
    if (Number.isFinite(value)) ms = value;
  }
  const header = headers.get("retry-after");
  if (ms === undefined && header !== null && header.trim() !== "") {
    const seconds = Number(header);
    if (Number.isFinite(seconds)) {
      ms = seconds * 1000;
    } else {
      const date = Date.parse(header);
      if (Number.isFinite(date)) ms = date - Date.now();
    }
  }
  if (ms === undefined || ms <= 0 || ms > MAX_RETRY_AFTER_MS) return undefined;
  return ms;
}

/** The base of every resource class: holds the client. */
export class APIResource {
  protected _client: BaseClient;

  constructor(client: BaseClient) {
    this._client = client;
  }
}
