import { APIResource } from "../core.js";
import type { APIPromise, PagePromise, RequestOptions } from "../core.js";
import { CursorPage } from "../pagination.js";
import type { DeleteFileResponse, FileObject } from "../models.js";

export class Files extends APIResource {
  /**
   * Returns a list of files.
   */
  list(
    params: FileListParams = {},
    options?: RequestOptions,
  ): PagePromise<CursorPage<FileObject>, FileObject> {
    return this._client.requestPage({
      method: "get",
      path: "/files",
      parameters: [
        { in: "query", name: "purpose", style: "form", explode: true },
        { in: "query", name: "limit", style: "form", explode: true },
        { in: "query", name: "order", style: "form", explode: true },
        { in: "query", name: "after", style: "form", explode: true },
      ],
      params,
      security: [["ApiKeyAuth"]],
      accept: "application/json",
      response: "json",
      page: CursorPage,
      options,
    });
  }

  /**
   * Returns information about a specific file.
   */
  retrieve(fileID: string, options?: RequestOptions): APIPromise<FileObject> {
    return this._client.request({
      method: "get",
      path: "/files/{file_id}",
      parameters: [
        {
          in: "path",
          name: "file_id",
          style: "simple",
          explode: false,
          value: fileID,
        },
      ],
      security: [["ApiKeyAuth"]],
      accept: "application/json",
      response: "json",
      options,
    });
  }

  /**
   * Delete a file and remove it from all vector stores.
   */
  delete(
    fileID: string,
    options?: RequestOptions,
  ): APIPromise<DeleteFileResponse> {
    return this._client.request({
      method: "delete",
      path: "/files/{file_id}",
      parameters: [
        {
          in: "path",
          name: "file_id",
          style: "simple",
          explode: false,
          value: fileID,
        },
      ],
      security: [["ApiKeyAuth"]],
      accept: "application/json",
      response: "json",
      options,
    });
  }
}

export interface FileListParams {
  /**
   * Only return files with the given purpose.
   */
  purpose?: string;

  /**
   * A limit on the number of objects to be returned. Limit can range between 1 and 10,000, and the default is 10,000.
   */
  limit?: number;

  /**
   * Sort order by the `created_at` timestamp of the objects. `asc` for ascending order and `desc` for descending order.
   */
  order?: "asc" | "desc";

  /**
   * A cursor for use in pagination. `after` is an object ID that defines your place in the list. For instance, if you make a list request and receive 100 objects, ending with obj_foo, your subsequent call can include after=obj_foo in order to fetch the next page of the list.
   */
  after?: string;
}
