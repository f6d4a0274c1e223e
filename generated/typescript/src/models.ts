// The API's named types, as interfaces and type aliases.
import type { Uploadable } from "./uploads.js";

/**
 * The `File` object represents a document that has been uploaded to OpenAI.
 */
export interface FileObject {
  /**
   * The file identifier, which can be referenced in the API endpoints.
   */
  id: string;

  /**
   * The size of the file, in bytes.
   */
  bytes: number;

  /**
   * The Unix timestamp (in seconds) for when the file was created.
   */
  created_at: number;

  /**
   * The Unix timestamp (in seconds) for when the file will expire.
   */
  expires_at?: number;

  /**
   * The name of the file.
   */
  filename: string;

  /**
   * The object type, which is always `file`.
   */
  object: "file";

  /**
   * The intended purpose of the file. Supported values are `assistants`, `assistants_output`, `batch`, `batch_output`, `fine-tune`, `fine-tune-results`, `vision`, and `user_data`.
   */
  purpose:
    | "assistants"
    | "assistants_output"
    | "batch"
    | "batch_output"
    | "fine-tune"
    | "fine-tune-results"
    | "vision"
    | "user_data";

  /**
   * Deprecated. The current status of the file, which can be either `uploaded`, `processed`, or `error`.
   *
   * @deprecated
   */
  status: "uploaded" | "processed" | "error";

  /**
   * Deprecated. For details on why a fine-tuning training file failed validation, see the `error` field on `fine_tuning.job`.
   *
   * @deprecated
   */
  status_details?: string;
}

/**
 * The Upload object can accept byte chunks in the form of Parts.
 */
export interface Upload {
  /**
   * The Upload unique identifier, which can be referenced in API endpoints.
   */
  id: string;

  /**
   * The intended number of bytes to be uploaded.
   */
  bytes: number;

  /**
   * The Unix timestamp (in seconds) for when the Upload was created.
   */
  created_at: number;

  /**
   * The Unix timestamp (in seconds) for when the Upload will expire.
   */
  expires_at: number;

  /**
   * The name of the file to be uploaded.
   */
  filename: string;

  /**
   * The object type, which is always "upload".
   */
  object: "upload";

  /**
   * The intended purpose of the file. [Please refer here](/docs/api-reference/files/object#files/object-purpose) for acceptable values.
   */
  purpose: string;

  /**
   * The status of the Upload.
   */
  status: "pending" | "completed" | "cancelled" | "expired";

  /**
   * The ready File object after the Upload is completed.
   */
  file?: FileObject | null;
}

/**
 * The upload Part represents a chunk of bytes we can add to an Upload object.
 */
export interface UploadPart {
  /**
   * The upload Part unique identifier, which can be referenced in API endpoints.
   */
  id: string;

  /**
   * The Unix timestamp (in seconds) for when the Part was created.
   */
  created_at: number;

  /**
   * The ID of the Upload object that this Part was added to.
   */
  upload_id: string;

  /**
   * The object type, which is always `upload.part`.
   */
  object: "upload.part";
}

/**
 * The expiration policy for a file. By default, files with `purpose=batch` expire after 30 days and all other files are persisted until they are manually deleted.
 */
export interface FileExpirationAfter {
  /**
   * Anchor timestamp after which the expiration policy applies. Supported anchors: `created_at`.
   */
  anchor: "created_at";

  /**
   * The number of seconds after the anchor time that the file will expire. Must be between 3600 (1 hour) and 2592000 (30 days).
   */
  seconds: number;
}

export interface CreateUploadRequest {
  /**
   * The name of the file to upload.
   */
  filename: string;

  /**
   * The intended purpose of the uploaded file.
   *
   * See the [documentation on File
   * purposes](/docs/api-reference/files/create#files-create-purpose).
   */
  purpose: "assistants" | "batch" | "fine-tune" | "vision";

  /**
   * The number of bytes in the file you are uploading.
   */
  bytes: number;

  /**
   * The MIME type of the file.
   *
   * This must fall within the supported MIME types for your file purpose. See
   * the supported MIME types for assistants and vision.
   */
  mime_type: string;

  expires_after?: FileExpirationAfter;
}

export interface AddUploadPartRequest {
  /**
   * The chunk of bytes for this Part.
   */
  data: Uploadable;
}

export interface CompleteUploadRequest {
  /**
   * The ordered list of Part IDs.
   */
  part_ids: Array<string>;

  /**
   * The optional md5 checksum for the file contents to verify if the bytes uploaded matches what you expect.
   */
  md5?: string;
}

export interface ListFilesResponse {
  object: "list";

  data: Array<FileObject>;

  first_id: string;

  last_id: string;

  has_more: boolean;
}

export interface DeleteFileResponse {
  id: string;

  object: "file";

  deleted: boolean;
}

export interface ErrorModel {
  code: string | null;

  message: string;

  param: string | null;

  type: string;
}

export interface ErrorResponse {
  error: ErrorModel;
}
