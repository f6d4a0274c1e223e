import { BaseClient, readEnv, type ClientOptions } from "./core.js";
import * as Errors from "./error.js";
import { Uploads } from "./resources/uploads.js";
import { Files } from "./resources/files.js";

/** The base URL used when neither the option nor the environment sets one. */
const DEFAULT_BASE_URL = "https://api.openai.com/v1";

/** Options of the OpenAI client. */
export type OpenAIOptions = ClientOptions;

/**
 * The OpenAI REST API, trimmed to the Uploads and Files resources. Please see https://platform.openai.com/docs/api-reference for more details.
 */
export class OpenAI extends BaseClient {
  uploads = new Uploads(this);
  files = new Files(this);

  static SDKError = Errors.SDKError;
  static APIError = Errors.APIError;
  static APIConnectionError = Errors.APIConnectionError;
  static APIConnectionTimeoutError = Errors.APIConnectionTimeoutError;
  static APIUserAbortError = Errors.APIUserAbortError;
  static APIStatusError = Errors.APIStatusError;
  static BadRequestError = Errors.BadRequestError;
  static AuthenticationError = Errors.AuthenticationError;
  static PermissionDeniedError = Errors.PermissionDeniedError;
  static NotFoundError = Errors.NotFoundError;
  static ConflictError = Errors.ConflictError;
  static UnprocessableEntityError = Errors.UnprocessableEntityError;
  static RateLimitError = Errors.RateLimitError;
  static InternalServerError = Errors.InternalServerError;

  /**
   * @param options.apiKey - defaults to the OPENAI_API_KEY environment variable
   * @param options.baseURL - defaults to the OPENAI_BASE_URL environment variable, then https://api.openai.com/v1
   */
  constructor(options: ClientOptions = {}) {
    const apiKeyEnv = "OPENAI_API_KEY";
    const apiKey = options.apiKey ?? readEnv(apiKeyEnv);
    if (apiKey === undefined) {
      const message =
        "No API key: set the OPENAI_API_KEY environment variable or pass the apiKey option, as in new OpenAI({ apiKey: '...' }).";
      throw new Errors.SDKError(message);
    }
    const key = apiKey;
    const baseURLEnv = "OPENAI_BASE_URL";
    const envBaseURL = readEnv(baseURLEnv);
    const baseURL = options.baseURL ?? envBaseURL ?? DEFAULT_BASE_URL;
    super({ ...options, apiKey: key, baseURL });
  }

  protected override authHeaders(): Record<string, string> {
    return { Authorization: `Bearer ${this.apiKey}` };
  }

  protected override sdkHeaders(): Record<string, string> {
    const agent = "openai/2.3.0";
    return { "User-Agent": agent };
  }
}
