import { APIResource } from "../../core.js";
import type { APIPromise, RequestOptions } from "../../core.js";
import type { Uploadable } from "../../uploads.js";
import type { UploadPart } from "../../models.js";

export class Parts extends APIResource {
  /**
   * Adds a [Part](/docs/api-reference/uploads/part-object) to an [Upload](/docs/api-reference/uploads/object) object. A Part represents a chunk of bytes from the file you are trying to upload.
   *
   * Each Part can be at most 64 MB, and you can add Parts until you hit the Upload maximum of 8 GB.
   *
   * It is possible to add multiple Parts in parallel. You can decide the intended order of the Parts when you [complete the Upload](/docs/api-reference/uploads/complete).
   */
  create(
    uploadID: string,
    params: UploadPartCreateParams,
    options?: RequestOptions,
  ): APIPromise<UploadPart> {
    return this._client.request({
      method: "post",
      path: "/uploads/{upload_id}/parts",
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
      body: { kind: "multipart", type: "multipart/form-data" },
      security: [["ApiKeyAuth"]],
      accept: "application/json",
      response: "json",
      options,
    });
  }
}

export interface UploadPartCreateParams {
  /**
   * The chunk of bytes for this Part.
   */
  data: Uploadable;
}
