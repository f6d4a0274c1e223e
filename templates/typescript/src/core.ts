import {
  APIConnectionError,
  APIConnectionTimeoutError,
  APIError,
  APIUserAbortError,
  SDKError,
} from "./error.js";
import { Stream } from "./streaming.js";
import {
  isUploadable,
  multipartBody,
  toBlob,
  type MultipartField,
} from "./uploads.js";
import {
  applyAuth,
  cookiePairs,
  encode,
  fillPath,
  formBody,
  headerValue,
  queryPairs,
  scalarText,
  type AuthScheme,
  type Credential,
  type ParamSpec,
} from "./wire.js";

export type Fetch = (
  input: string | URL | Request,
  init?: RequestInit,
) => Promise<Response>;

export type HeadersInit = Record<string, string | null | undefined>;

export interface ClientOptions {
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
  /** Extra body properties, merged into a JSON, multipart or form body. */
  body?: Record<string, unknown> | undefined;
  timeout?: number | undefined;
  maxRetries?: number | undefined;
  signal?: AbortSignal | undefined;
}

/** How a request body is sent. */
export interface BodySpec {
  kind: "json" | "multipart" | "form" | "binary" | "text";
  /** The media type sent (multipart adds its boundary). */
  type: string;
  /** The whole params value is the body (not an object of named fields). */
  whole?: boolean;
  /** The body is this member of the params object (beside the parameters). */
  field?: string;
  /** Multipart and form fields sent as JSON or with a declared content type. */
  fields?: readonly MultipartField[];
}

export type ResponseKind = "json" | "text" | "binary" | "sse" | "empty";

/** A request as a generated method describes it. */
export interface RequestSpec {
  method: string;
  /** The path, `{name}` for each path parameter. */
  path: string;
  /** The operation's parameters in declared order (path ones carry their value). */
  parameters?: readonly ParamSpec[];
  /** The method's params object: query, header, cookie and body values by wire name. */
  params?: unknown;
  body?: BodySpec;
  /** Security alternatives (scheme names); absent or empty: no auth. */
  security?: readonly (readonly string[])[];
  /** The Accept header; absent: none. */
  accept?: string;
  /** What the success response holds (default json; with a stream flag, when it is off). */
  response?: ResponseKind;
  /**
   * The call's stream flag (an operation that answers events or another kind):
   * true, the result is a Stream and any other answer is an error; false, never a
   * Stream. Absent: events only for an `sse` response (or an event-stream answer).
   */
  stream?: boolean;
  /** The Accept header of a call with the stream flag on. */
  streamAccept?: string;
  /** The page class, for list methods. */
  page?: PageClass;
  options?: RequestOptions | undefined;
}

/** What a generated client tells the runtime about its API. */
export interface ClientConfig {
  /** The API's base URL; undefined when the client must be given one. */
  baseURL: string | undefined;
  baseURLEnv: string;
  credentials: readonly Credential[];
  schemes: Readonly<Record<string, AuthScheme>>;
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

interface BuiltRequest {
  url: string;
  /** The path and query as sent, when fetch's URL parsing would change them. */
  rawTarget: string | undefined;
  headers: Record<string, string>;
  body: BodyInit | undefined;
}

const MAX_RETRY_AFTER_MS = 60_000;
const INITIAL_RETRY_DELAY_MS = 500;
const MAX_RETRY_DELAY_MS = 8_000;
const DISPATCHER = Symbol.for("undici.globalDispatcher.1");

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

/** A property the object has itself: a parameter named `toString` that is not set is not the inherited method. */
function own(object: Record<string, unknown>, key: string): unknown {
  return Object.hasOwn(object, key) ? object[key] : undefined;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** A path segment fetch's URL parser would resolve: `.`, `..` or their encodings. */
function hasDotSegment(path: string): boolean {
  return path.split("/").some((segment) => /^(?:\.|%2e){1,2}$/i.test(segment));
}

/** The HTTP machinery every generated client extends: auth, retries, timeouts, errors. */
export abstract class BaseClient {
  baseURL: string;
  maxRetries: number;
  timeout: number;
  protected fetch: Fetch;
  protected _options: ClientOptions;
  protected readonly _config: ClientConfig;
  /** Each credential option's value (the option, else its environment variable). */
  protected readonly _credentials: Readonly<Record<string, string | undefined>>;

  constructor(options: ClientOptions, config: ClientConfig) {
    this._options = options;
    this._config = config;
    const baseURL =
      options.baseURL ?? readEnv(config.baseURLEnv) ?? config.baseURL;
    if (baseURL === undefined || baseURL === "") {
      throw new SDKError(
        `No base URL: pass the baseURL option or set the ${config.baseURLEnv} environment variable.`,
      );
    }
    this.baseURL = baseURL;
    const given = options as Record<string, unknown>;
    const credentials: Record<string, string | undefined> = {};
    for (const { option, env } of config.credentials) {
      const value = given[option];
      credentials[option] = typeof value === "string" ? value : readEnv(env);
    }
    this._credentials = credentials;
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

  /** Everything a request sends but the retry count: URL, headers, body. */
  protected async buildRequest(spec: RequestSpec): Promise<BuiltRequest> {
    const parameters = spec.parameters ?? [];
    const params = isRecord(spec.params) ? spec.params : {};
    const options = spec.options ?? {};
    const auth = applyAuth(
      spec.security,
      this._config.schemes,
      this._config.credentials,
      this._credentials,
    );
    // path
    const base = this.baseURL.endsWith("/")
      ? this.baseURL.slice(0, -1)
      : this.baseURL;
    // a path parameter without its own value is a member of the params object
    const path = fillPath(
      spec.path,
      parameters.map((param) =>
        param.in === "path" && !("value" in param)
          ? { ...param, value: own(params, param.key ?? param.name) }
          : param,
      ),
    );
    // query: the operation's parameters, extra query, then an API key
    const extra: Record<string, unknown> = {
      ...this._options.defaultQuery,
      ...options.query,
    };
    const pairs: string[] = [];
    const names = new Set<string>();
    for (const param of parameters) {
      if (param.in !== "query" || own(extra, param.name) !== undefined)
        continue;
      const found = queryPairs(
        param.name,
        param.style,
        param.explode,
        own(params, param.key ?? param.name),
      );
      if (found.length) names.add(param.name);
      pairs.push(...found);
    }
    for (const [key, value] of Object.entries(extra)) {
      const found = queryPairs(key, "form", true, value);
      if (found.length) names.add(key);
      pairs.push(...found);
    }
    for (const [key, value] of auth.query) {
      if (!names.has(key)) pairs.push(`${encode(key)}=${encode(value)}`);
    }
    // a path that carries its own query ("/items?beta=true") goes on with "&"
    const joiner = path.includes("?") ? "&" : "?";
    const query = pairs.length ? `${joiner}${pairs.join("&")}` : "";
    const url = base + path + query;
    const rawTarget = hasDotSegment(path)
      ? url.replace(/^[A-Za-z][A-Za-z0-9+.-]*:\/\/[^/?#]*/, "")
      : undefined;
    // headers: parameters and cookies
    const headers: Record<string, string> = {};
    const cookies: string[] = [];
    for (const param of parameters) {
      const value = own(params, param.key ?? param.name);
      if (param.in === "header") {
        const text = headerValue(param.name, param.explode, value);
        if (text !== undefined) headers[param.name] = text;
      } else if (param.in === "cookie") {
        cookies.push(...cookiePairs(param.name, param.explode, value));
      }
    }
    cookies.push(...auth.cookies);
    if (cookies.length) headers["Cookie"] = cookies.join("; ");
    Object.assign(headers, auth.headers);
    // body
    let body: BodyInit | undefined;
    const bodySpec = spec.body;
    if (bodySpec !== undefined) {
      let value: unknown;
      if (bodySpec.whole) {
        value = spec.params;
      } else if (bodySpec.field !== undefined) {
        value = params[bodySpec.field];
      } else {
        const skip = new Set(
          parameters
            .filter((p) => p.in !== "path" || !("value" in p))
            .map((p) => p.key ?? p.name),
        );
        const fields: Record<string, unknown> = {};
        for (const [key, item] of Object.entries(params)) {
          if (!skip.has(key) && item !== undefined) fields[key] = item;
        }
        value = { ...fields, ...options.body };
      }
      if (isRecord(value) && bodySpec.whole && options.body) {
        value = { ...value, ...options.body };
      }
      const built = await this.buildBody(bodySpec, value);
      body = built.body;
      if (built.contentType !== undefined && body !== undefined) {
        headers["Content-Type"] = built.contentType;
      }
    }
    return { url, rawTarget, headers, body };
  }

  protected async buildBody(
    spec: BodySpec,
    value: unknown,
  ): Promise<{ body: BodyInit | undefined; contentType: string | undefined }> {
    if (value === undefined) return { body: undefined, contentType: undefined };
    const fields = isRecord(value) ? value : {};
    switch (spec.kind) {
      case "multipart": {
        const { body, boundary } = await multipartBody(fields, spec.fields);
        return { body, contentType: `${spec.type}; boundary=${boundary}` };
      }
      case "form": {
        return { body: formBody(fields, spec.fields), contentType: spec.type };
      }
      case "binary": {
        const type = spec.type.includes("*")
          ? "application/octet-stream"
          : spec.type;
        if (typeof value === "string")
          return { body: value, contentType: type };
        if (!isUploadable(value)) {
          throw new SDKError(
            "A binary body must be a Blob, File, Uint8Array, ArrayBuffer, stream or string.",
          );
        }
        return { body: await toBlob(value), contentType: type };
      }
      case "text":
        return {
          body: typeof value === "string" ? value : scalarText(value),
          contentType: spec.type,
        };
      default:
        return { body: JSON.stringify(value), contentType: spec.type };
    }
  }

  protected buildHeaders(
    spec: RequestSpec,
    built: BuiltRequest,
    retryCount: number,
  ): Headers {
    const headers = new Headers();
    const layers: Array<HeadersInit | undefined> = [
      acceptOf(spec) !== undefined ? { Accept: acceptOf(spec) } : undefined,
      this.sdkHeaders(),
      { "x-sdk-retry-count": String(retryCount) },
      this._options.defaultHeaders,
      built.headers,
      spec.options?.headers,
    ];
    for (const layer of layers) {
      for (const [key, value] of Object.entries(layer ?? {})) {
        if (value === null) headers.delete(key);
        else if (value !== undefined) headers.set(key, value);
      }
    }
    return headers;
  }

  private async send(spec: RequestSpec): Promise<RawResult> {
    const maxRetries = spec.options?.maxRetries ?? this.maxRetries;
    const built = await this.buildRequest(spec);
    for (let retryCount = 0; ; retryCount++) {
      const headers = this.buildHeaders(spec, built, retryCount);
      const retriesLeft = maxRetries - retryCount;
      let response: Response;
      const controller = new AbortController();
      try {
        response = await this.fetchWithTimeout(
          built,
          spec,
          {
            method: spec.method.toUpperCase(),
            headers,
            body: built.body ?? null,
            signal: controller.signal,
          },
          controller,
        );
      } catch (err) {
        if (err instanceof SDKError && !(err instanceof APIConnectionError)) {
          throw err; // aborted by the caller, or a request that cannot be sent
        }
        if (retriesLeft > 0) {
          await sleep(this.retryDelay(retryCount, undefined));
          continue;
        }
        if (err instanceof APIConnectionError) throw err;
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

  /**
   * What standard fetch cannot be told: fetch resolves `.` and `..` segments
   * (even encoded ones), which would send the request elsewhere, and adds a
   * wildcard Accept to a request that should have none. On Node's own fetch a
   * dispatcher sends the path as written and drops that header; elsewhere a dot
   * segment is refused and the wildcard Accept stays.
   */
  private nodeInit(
    rawTarget: string | undefined,
    dropAccept: boolean,
  ): Record<string, unknown> {
    const refuse = () =>
      new SDKError(
        `The path ${rawTarget} holds a "." or ".." segment, which this fetch cannot send as it is.`,
      );
    const global = () =>
      (globalThis as Record<symbol, unknown>)[DISPATCHER] as
        { dispatch(options: unknown, handler: unknown): unknown } | undefined;
    if (this.fetch !== globalThis.fetch) {
      if (rawTarget !== undefined) throw refuse();
      return {};
    }
    const dispatcher = {
      dispatch(options: Record<string, unknown>, handler: unknown): unknown {
        const target = global();
        if (target === undefined) throw refuse();
        const sent = { ...options };
        if (rawTarget !== undefined) sent["path"] = rawTarget;
        const headers = sent["headers"];
        if (dropAccept && Array.isArray(headers)) {
          const kept: unknown[] = [];
          for (let i = 0; i + 1 < headers.length; i += 2) {
            if (String(headers[i]).toLowerCase() !== "accept") {
              kept.push(headers[i], headers[i + 1]);
            }
          }
          sent["headers"] = kept;
        } else if (dropAccept && typeof headers === "object" && headers) {
          sent["headers"] = Object.fromEntries(
            Object.entries(headers).filter(
              ([key]) => key.toLowerCase() !== "accept",
            ),
          );
        }
        return target.dispatch(sent, handler);
      },
    };
    return { dispatcher };
  }

  private async fetchWithTimeout(
    built: BuiltRequest,
    spec: RequestSpec,
    init: RequestInit,
    controller: AbortController,
  ): Promise<Response> {
    const timeout = spec.options?.timeout ?? this.timeout;
    const userSignal = spec.options?.signal;
    if (userSignal?.aborted) throw new APIUserAbortError();
    const dropAccept = !new Headers(init.headers).has("accept");
    const fullInit =
      built.rawTarget === undefined && !dropAccept
        ? init
        : { ...init, ...this.nodeInit(built.rawTarget, dropAccept) };
    let timedOut = false;
    const onAbort = () => controller.abort();
    userSignal?.addEventListener("abort", onAbort, { once: true });
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, timeout);
    try {
      const response = await this.fetch(built.url, fullInit);
      const type = response.headers.get("content-type") ?? "";
      if (type.includes("text/event-stream") || spec.response === "sse") {
        return response;
      }
      // buffer the body under the same timeout, so a stalled body times out too
      const buffer = await response.arrayBuffer();
      const empty = [101, 204, 205, 304].includes(response.status);
      return new Response(empty ? null : buffer, {
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
    const kind = spec.response ?? "json";
    const events = type.includes("text/event-stream");
    const streaming = spec.stream ?? (kind === "sse" ? true : undefined);
    if (streaming === true && !events) {
      await response.body?.cancel().catch(() => {});
      throw new APIError(
        undefined,
        undefined,
        `The call asked for server-sent events (stream: true), but the server answered ${JSON.stringify(type)}.`,
        response.headers,
      );
    }
    if (streaming === true || (streaming === undefined && events)) {
      return new Stream(response, controller) as T;
    }
    // the Response itself: arrayBuffer(), blob(), body (a stream); never decoded as text
    if (kind === "binary") return response as T;
    if (kind === "text") return (await response.text()) as T;
    if (kind === "empty") {
      await response.body?.cancel().catch(() => {});
      if (spec.page) return new spec.page(this, spec, response, {}) as T;
      return undefined as T;
    }
    const text = await response.text();
    let body: unknown = undefined;
    if (text) {
      try {
        body = JSON.parse(text);
      } catch {
        body = text; // not JSON: kept as it arrived
      }
    }
    if (spec.page) return new spec.page(this, spec, response, body ?? {}) as T;
    return body as T;
  }
}

/** The Accept header of a call: the stream flag's when it is on. */
function acceptOf(spec: RequestSpec): string | undefined {
  return spec.stream === true && spec.streamAccept !== undefined
    ? spec.streamAccept
    : spec.accept;
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
