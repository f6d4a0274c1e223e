/** The base class of every error this SDK throws. */
export class SDKError extends Error {}

/** An error talking to the API: a status error, a connection error or a timeout. */
export class APIError extends SDKError {
  /** The HTTP status, for status errors. */
  readonly status: number | undefined;
  /** The response headers, for status errors. */
  readonly headers: Headers | undefined;
  /** The parsed response body, for status errors. */
  readonly error: unknown;
  /** The request id (`x-request-id` response header), when the server sent one. */
  readonly requestID: string | null;
  readonly code: string | null;
  readonly param: string | null;
  readonly type: string | null;

  constructor(
    status: number | undefined,
    error: unknown,
    message: string | undefined,
    headers: Headers | undefined,
  ) {
    super(APIError.makeMessage(status, error, message));
    this.name = new.target.name;
    this.status = status;
    this.headers = headers;
    this.error = error;
    this.requestID = headers?.get("x-request-id") ?? null;
    const inner = innerError(error);
    this.code = stringOrNull(inner?.["code"]);
    this.param = stringOrNull(inner?.["param"]);
    this.type = stringOrNull(inner?.["type"]);
  }

  private static makeMessage(
    status: number | undefined,
    error: unknown,
    message: string | undefined,
  ): string {
    const inner = innerError(error);
    const text =
      typeof inner?.["message"] === "string"
        ? inner["message"]
        : error !== undefined && error !== null
          ? JSON.stringify(error)
          : message;
    if (status && text) return `${status} ${text}`;
    if (status) return `${status} status code (no body)`;
    return text || "(no status code or body)";
  }

  static generate(
    status: number | undefined,
    error: unknown,
    message: string | undefined,
    headers: Headers | undefined,
  ): APIError {
    if (status === undefined || headers === undefined) {
      return new APIConnectionError({ message });
    }
    if (status === 400)
      return new BadRequestError(status, error, message, headers);
    if (status === 401) {
      return new AuthenticationError(status, error, message, headers);
    }
    if (status === 403) {
      return new PermissionDeniedError(status, error, message, headers);
    }
    if (status === 404)
      return new NotFoundError(status, error, message, headers);
    if (status === 409)
      return new ConflictError(status, error, message, headers);
    if (status === 422) {
      return new UnprocessableEntityError(status, error, message, headers);
    }
    if (status === 429)
      return new RateLimitError(status, error, message, headers);
    if (status >= 500) {
      return new InternalServerError(status, error, message, headers);
    }
    return new APIStatusError(status, error, message, headers);
  }
}

function innerError(error: unknown): Record<string, unknown> | undefined {
  if (typeof error !== "object" || error === null) return undefined;
  const nested = (error as Record<string, unknown>)["error"];
  if (typeof nested === "object" && nested !== null) {
    return nested as Record<string, unknown>;
  }
  return error as Record<string, unknown>;
}

function stringOrNull(value: unknown): string | null {
  return typeof value === "string" ? value : null;
}

/** The server answered with a status outside 2xx. */
export class APIStatusError extends APIError {
  declare readonly status: number;
  declare readonly headers: Headers;
}

export class BadRequestError extends APIStatusError {}
export class AuthenticationError extends APIStatusError {}
export class PermissionDeniedError extends APIStatusError {}
export class NotFoundError extends APIStatusError {}
export class ConflictError extends APIStatusError {}
export class UnprocessableEntityError extends APIStatusError {}
export class RateLimitError extends APIStatusError {}
export class InternalServerError extends APIStatusError {}

/** The request was aborted through the caller's `signal`. */
export class APIUserAbortError extends APIError {
  constructor({ message }: { message?: string } = {}) {
    super(undefined, undefined, message || "Request was aborted.", undefined);
  }
}

/** The server could not be reached, or the connection failed. */
export class APIConnectionError extends APIError {
  constructor({ message, cause }: { message?: string; cause?: unknown } = {}) {
    super(undefined, undefined, message || "Connection error.", undefined);
    if (cause !== undefined) (this as { cause?: unknown }).cause = cause;
  }
}

/** The request did not complete within the timeout. */
export class APIConnectionTimeoutError extends APIConnectionError {
  constructor({ message }: { message?: string } = {}) {
    super({ message: message ?? "Request timed out." });
  }
}
