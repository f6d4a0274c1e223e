import { APIResource } from "../core.js";
import type { APIPromise, RequestOptions } from "../core.js";
import type { FileExpirationAfter, Upload } from "../models.js";
import { Parts } from "./uploads/parts.js";

export class Uploads extends APIResource {
  parts = new Parts(this._client);

  /**
   * Creates an intermediate [Upload](/docs/api-reference/uploads/object) object
   * that you can add [Parts](/docs/api-reference/uploads/part-object) to.
   * Currently, an Upload can accept at most 8 GB in total and expires after an
   * hour after you create it.
   *
   * Once you complete the Upload, we will create a
   * [File](/docs/api-reference/files/object) object that contains all the parts
   * you uploaded. This File is usable in the rest of our platform as a regular
   * File object.
   *
   * For certain `purpose` values, the correct `mime_type` must be specified.
   * Please refer to documentation for the
   * [supported MIME types for your use case](/docs/assistants/tools/file-search#supported-files).
   *
   * For guidance on the proper filename extensions for each purpose, please
   * follow the documentation on [creating a
   * File](/docs/api-reference/files/create).
   */
  create(
    params: UploadCreateParams,
    options?: RequestOptions,
  ): APIPromise<Upload> {
    return this._client.request({
      method: "post",
      path: "/uploads",
      params,
      body: { kind: "json", type: "application/json" },
      security: [["ApiKeyAuth"]],
      accept: "application/json",
      response: "json",
      options,
    });
  }

  /**
   * Completes the [Upload](/docs/api-reference/uploads/object).
   *
   * Within the returned Upload object, there is a nested [File](/docs/api-reference/files/object) object that is ready to use in the rest of the platform.
   *
   * You can specify the order of the Parts by passing in an ordered list of the Part IDs.
   *
   * The number of bytes uploaded upon completion must match the number of bytes initially specified when creating the Upload object. No Parts may be added after an Upload is completed.
   */
  complete(
    uploadID: string,
    params: UploadCompleteParams,
    options?: RequestOptions,
  ): APIPromise<Upload> {
    return this._client.request({
      method: "post",
      path: "/uploads/{upload_id}/complete",
      parameters: [
        {
          in: "path",
          name: "upload_id",
          style: "simple",
          explode: false,
          value: uploadID,
        },
      ],
      params,
      body: { kind: "json", type: "application/json" },
      security: [["ApiKeyAuth"]],
      accept: "application/json",
      response: "json",
      options,
    });
  }

  /**
   * Cancels the Upload. No Parts may be added after an Upload is cancelled.
   */
  cancel(uploadID: string, options?: RequestOptions): APIPromise<Upload> {
    return this._client.request({
      method: "post",
      path: "/uploads/{upload_id}/cancel",
      parameters: [
        {
          in: "path",
          name: "upload_id",
          style: "simple",
          explode: false,
          value: uploadID,
        },
      ],
      security: [["ApiKeyAuth"]],
      accept: "application/json",
      response: "json",
      options,
    });
  }
}

export interface UploadCreateParams {
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

export interface UploadCompleteParams {
  /**
   * The ordered list of Part IDs.
   */
  part_ids: Array<string>;

  /**
   * The optional md5 checksum for the file contents to verify if the bytes uploaded matches what you expect.
   */
  md5?: string;
}
