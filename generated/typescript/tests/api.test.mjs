// Calls every API method twice, with required params only and with all params,
// against a mock server whose URL is in SDK_TEST_BASE_URL (e.g. Prism).
import assert from "node:assert/strict";
import { test } from "node:test";

import { OpenAI } from "../dist/index.js";

const baseURL = process.env["SDK_TEST_BASE_URL"];

const client = new OpenAI({
  apiKey: "test-api-key",
  baseURL,
  maxRetries: 0,
});

const cases = [
  {
    name: "uploads.create (required params)",
    method: ["uploads", "create"],
    args: [
      {
        filename: "string",
        purpose: "assistants",
        bytes: 1,
        mime_type: "string",
      },
    ],
    expect: "json",
  },
  {
    name: "uploads.create (all params)",
    method: ["uploads", "create"],
    args: [
      {
        filename: "string",
        purpose: "assistants",
        bytes: 1,
        mime_type: "string",
        expires_after: {
          anchor: "created_at",
          seconds: 3600,
        },
      },
    ],
    expect: "json",
  },
  {
    name: "uploads.complete (required params)",
    method: ["uploads", "complete"],
    args: [
      "upload_abc123",
      {
        part_ids: ["string"],
      },
    ],
    expect: "json",
  },
  {
    name: "uploads.complete (all params)",
    method: ["uploads", "complete"],
    args: [
      "upload_abc123",
      {
        part_ids: ["string"],
        md5: "string",
      },
    ],
    expect: "json",
  },
  {
    name: "uploads.cancel (required params)",
    method: ["uploads", "cancel"],
    args: ["upload_abc123"],
    expect: "json",
  },
  {
    name: "uploads.cancel (all params)",
    method: ["uploads", "cancel"],
    args: ["upload_abc123"],
    expect: "json",
  },
  {
    name: "uploads.parts.create (required params)",
    method: ["uploads", "parts", "create"],
    args: [
      "upload_abc123",
      {
        data: new Blob(["hello"]),
      },
    ],
    expect: "json",
  },
  {
    name: "uploads.parts.create (all params)",
    method: ["uploads", "parts", "create"],
    args: [
      "upload_abc123",
      {
        data: new Blob(["hello"]),
      },
    ],
    expect: "json",
  },
  {
    name: "files.list (required params)",
    method: ["files", "list"],
    args: [],
    expect: "page",
  },
  {
    name: "files.list (all params)",
    method: ["files", "list"],
    args: [
      {
        purpose: "string",
        limit: 10000,
        order: "desc",
        after: "string",
      },
    ],
    expect: "page",
  },
  {
    name: "files.retrieve (required params)",
    method: ["files", "retrieve"],
    args: ["file-abc123"],
    expect: "json",
  },
  {
    name: "files.retrieve (all params)",
    method: ["files", "retrieve"],
    args: ["file-abc123"],
    expect: "json",
  },
  {
    name: "files.delete (required params)",
    method: ["files", "delete"],
    args: ["file-abc123"],
    expect: "json",
  },
  {
    name: "files.delete (all params)",
    method: ["files", "delete"],
    args: ["file-abc123"],
    expect: "json",
  },
];

for (const { name, method, args, expect } of cases) {
  test(name, { skip: !baseURL && "SDK_TEST_BASE_URL is not set" }, async () => {
    let target = client;
    for (const key of method.slice(0, -1)) target = target[key];
    const result = await target[method.at(-1)](...args);
    if (expect === "json") {
      assert.equal(typeof result, "object");
    } else if (expect === "page") {
      assert.ok(Array.isArray(result.getPaginatedItems()));
      for await (const item of result) assert.notEqual(item, undefined);
    } else if (expect === "raw") {
      assert.ok(result instanceof Response);
    } else {
      assert.equal(result, undefined);
    }
  });
}
