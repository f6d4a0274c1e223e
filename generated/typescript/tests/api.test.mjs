// Calls every API method twice, with required arguments only and with every
// argument, against the server in TEST_API_BASE_URL (default: a Prism mock
// server on 127.0.0.1:4010), with every credential set.
import assert from "node:assert/strict";
import { test } from "node:test";

import { OpenAI } from "../dist/index.js";

const baseURL = process.env["TEST_API_BASE_URL"] || "http://127.0.0.1:4010";

const client = new OpenAI({
  baseURL,
  maxRetries: 0,
  apiKey: "sample-api-key",
});

const sampleFile = (content, filename) => new File([content], filename);

const cases = [
  {
    name: "uploads.create (required arguments)",
    method: ["uploads", "create"],
    args: [
      {
        filename: "filename",
        purpose: "assistants",
        bytes: 1,
        mime_type: "mime_type",
      },
    ],
    expect: "json",
  },
  {
    name: "uploads.create (every argument)",
    method: ["uploads", "create"],
    args: [
      {
        filename: "filename",
        purpose: "assistants",
        bytes: 1,
        mime_type: "mime_type",
        expires_after: {
          anchor: "created_at",
          seconds: 3600,
        },
      },
    ],
    expect: "json",
  },
  {
    name: "uploads.complete (required arguments)",
    method: ["uploads", "complete"],
    args: [
      "upload_abc123",
      {
        part_ids: ["part_ids"],
      },
    ],
    expect: "json",
  },
  {
    name: "uploads.complete (every argument)",
    method: ["uploads", "complete"],
    args: [
      "upload_abc123",
      {
        part_ids: ["part_ids"],
        md5: "md5",
      },
    ],
    expect: "json",
  },
  {
    name: "uploads.cancel (required arguments)",
    method: ["uploads", "cancel"],
    args: ["upload_abc123"],
    expect: "json",
  },
  {
    name: "uploads.cancel (every argument)",
    method: ["uploads", "cancel"],
    args: ["upload_abc123"],
    expect: "json",
  },
  {
    name: "uploads.parts.create (required arguments)",
    method: ["uploads", "parts", "create"],
    args: [
      "upload_abc123",
      {
        data: sampleFile("raw file contents", "upload.txt"),
      },
    ],
    expect: "json",
  },
  {
    name: "uploads.parts.create (every argument)",
    method: ["uploads", "parts", "create"],
    args: [
      "upload_abc123",
      {
        data: sampleFile("raw file contents", "upload.txt"),
      },
    ],
    expect: "json",
  },
  {
    name: "files.list (required arguments)",
    method: ["files", "list"],
    args: [],
    expect: "page",
  },
  {
    name: "files.list (every argument)",
    method: ["files", "list"],
    args: [
      {
        purpose: "purpose",
        limit: 1,
        order: "asc",
        after: "after",
      },
    ],
    expect: "page",
  },
  {
    name: "files.retrieve (required arguments)",
    method: ["files", "retrieve"],
    args: ["file-abc123"],
    expect: "json",
  },
  {
    name: "files.retrieve (every argument)",
    method: ["files", "retrieve"],
    args: ["file-abc123"],
    expect: "json",
  },
  {
    name: "files.delete (required arguments)",
    method: ["files", "delete"],
    args: ["file-abc123"],
    expect: "json",
  },
  {
    name: "files.delete (every argument)",
    method: ["files", "delete"],
    args: ["file-abc123"],
    expect: "json",
  },
];

for (const { name, method, args, expect } of cases) {
  test(name, async () => {
    let target = client;
    for (const key of method.slice(0, -1)) target = target[key];
    const result = await target[method.at(-1)](...args);
    if (expect === "page") {
      assert.ok(Array.isArray(result.getPaginatedItems()));
      // the un-awaited call iterates every item of every page: the first one only here
      // (a mock server answers every page with the same cursor)
      for await (const item of target[method.at(-1)](...args)) {
        assert.notEqual(item, undefined);
        break;
      }
    } else if (result?.[Symbol.asyncIterator]) {
      for await (const event of result) assert.notEqual(event, undefined);
    } else if (expect === "binary") {
      assert.ok(result instanceof Response);
      assert.ok((await result.arrayBuffer()) instanceof ArrayBuffer);
    } else if (expect === "text") {
      assert.equal(typeof result, "string");
    } else if (expect === "empty") {
      assert.equal(result, undefined);
    } else {
      assert.notEqual(result, undefined);
    }
  });
}
