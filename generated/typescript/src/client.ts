import { BaseClient, type ClientConfig, type ClientOptions } from "./core.js";
import * as Errors from "./error.js";
import { Uploads } from "./resources/uploads.js";
import { Files } from "./resources/files.js";

/** The base URL used when neither the option nor the environment sets one. */
const DEFAULT_BASE_URL = "https://api.openai.com/v1";

/** Options of the OpenAI client. */
export interface OpenAIOptions extends ClientOptions {
  /** Credential of ApiKeyAuth; defaults to the OPENAI_API_KEY environment variable. */
  apiKey?: string | undefined;
}

/** What goes on the wire: the base URL, credentials and security schemes. */
const CONFIG: ClientConfig = {
  baseURL: DEFAULT_BASE_URL,
  baseURLEnv: "OPENAI_BASE_URL",
  credentials: [{ option: "apiKey", env: "OPENAI_API_KEY" }],
  schemes: {
    ApiKeyAuth: {
      kind: "bearer",
      in: "header",
      name: "Authorization",
      credentials: ["apiKey"],
    },
  },
};

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
  constructor(options: OpenAIOptions = {}) {
    super(options, CONFIG);
  }

  protected override sdkHeaders(): Record<string, string> {
    const agent = "openai/2.3.0";
    return { "User-Agent": agent };
  }
}
