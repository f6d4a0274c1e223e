import { OpenAI } from "./client.js";

export { OpenAI };
export default OpenAI;
export type { OpenAIOptions } from "./client.js";
export {
  APIPromise,
  APIResource,
  BaseClient,
  PagePromise,
  type ClientOptions,
  type Fetch,
  type RequestOptions,
} from "./core.js";
export {
  APIConnectionError,
  APIConnectionTimeoutError,
  APIError,
  APIStatusError,
  APIUserAbortError,
  AuthenticationError,
  BadRequestError,
  ConflictError,
  InternalServerError,
  NotFoundError,
  PermissionDeniedError,
  RateLimitError,
  SDKError,
  UnprocessableEntityError,
} from "./error.js";
export { AbstractPage, CursorPage } from "./pagination.js";
export { Stream, type ServerSentEvent } from "./streaming.js";
export { toFile, type ToFileInput, type Uploadable } from "./uploads.js";
export type * from "./models.js";
export type {
  UploadCompleteParams,
  UploadCreateParams,
} from "./resources/uploads.js";
export type { UploadPartCreateParams } from "./resources/uploads/parts.js";
export type { FileListParams } from "./resources/files.js";
