/** What a file parameter (or a binary body) accepts. */
export type Uploadable =
  | Blob
  | File
  | Uint8Array
  | ArrayBuffer
  | ReadableStream<Uint8Array>
  | AsyncIterable<Uint8Array>;

export type ToFileInput = Uploadable | string;

function isAsyncIterable(value: unknown): value is AsyncIterable<Uint8Array> {
  return (
    typeof value === "object" && value !== null && Symbol.asyncIterator in value
  );
}

/** Whether a value is file content (sent as a file part or as bytes). */
export function isUploadable(value: unknown): value is Uploadable {
  return (
    value instanceof Blob ||
    value instanceof Uint8Array ||
    value instanceof ArrayBuffer ||
    (typeof ReadableStream !== "undefined" &&
      value instanceof ReadableStream) ||
    isAsyncIterable(value)
  );
}

/**
 * Turns bytes (a Blob, Uint8Array, ArrayBuffer, ReadableStream, async iterable or
 * string) into a `File` with a name, ready for a multipart upload.
 */
export async function toFile(
  value: ToFileInput,
  name?: string,
  options: { type?: string } = {},
): Promise<File> {
  if (value instanceof File) {
    if (name === undefined && options.type === undefined) return value;
    return new File([value], name ?? value.name, {
      type: options.type ?? value.type,
    });
  }
  const parts: BlobPart[] = [];
  if (value instanceof Blob) {
    parts.push(value);
  } else if (typeof value === "string") {
    parts.push(value);
  } else if (value instanceof Uint8Array || value instanceof ArrayBuffer) {
    parts.push(value as BlobPart);
  } else if (isAsyncIterable(value)) {
    for await (const chunk of value) parts.push(chunk as BlobPart);
  } else {
    const reader = value.getReader();
    for (;;) {
      const { value: chunk, done } = await reader.read();
      if (done) break;
      parts.push(chunk as BlobPart);
    }
  }
  const type = options.type ?? (value instanceof Blob ? value.type : "");
  return new File(parts, name ?? "upload", { type });
}

/** File content as a Blob (streams are read whole, so a retry can send it again). */
export async function toBlob(value: Uploadable | string): Promise<Blob> {
  if (value instanceof Blob) return value;
  return toFile(value);
}

/** How one multipart field is sent, from the API description. */
export interface MultipartField {
  name: string;
  /** The value is sent as one part holding its JSON. */
  json?: boolean;
  /** The declared content type of the field's part. */
  type?: string;
  /** A form field's encoding style (form, spaceDelimited, pipeDelimited, deepObject). */
  style?: string;
  /** A form field's explode (the default: true). */
  explode?: boolean;
}

type Part = {
  name: string;
  filename?: string;
  type?: string;
  value: string | Blob;
};

// quotes and line breaks in a name or file name, as browsers write them
function dispositionText(text: string): string {
  return text.replace(/"/g, "%22").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
}

function partText(value: unknown): string {
  if (typeof value === "string") return value;
  if (value instanceof Date) return value.toISOString();
  if (
    typeof value === "number" ||
    typeof value === "boolean" ||
    typeof value === "bigint"
  ) {
    return String(value);
  }
  return JSON.stringify(value) ?? "";
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return (
    typeof value === "object" &&
    value !== null &&
    !Array.isArray(value) &&
    !(value instanceof Date) &&
    !isUploadable(value)
  );
}

function singleType(declared: string | undefined): string | undefined {
  if (declared === undefined) return undefined;
  const type = declared.split(",")[0]?.trim() ?? "";
  return type && !type.includes("*") ? type : undefined;
}

async function collect(
  parts: Part[],
  name: string,
  value: unknown,
  declared: string | undefined,
): Promise<void> {
  if (value === undefined || value === null) return;
  if (isUploadable(value)) {
    const blob = await toBlob(value);
    const filename = blob instanceof File && blob.name ? blob.name : "upload";
    const type =
      blob.type || singleType(declared) || "application/octet-stream";
    parts.push({ name, filename, type, value: blob });
  } else if (Array.isArray(value)) {
    for (const [index, item] of value.entries()) {
      // an object or array item is indexed: name[0][key]
      const indexed =
        Array.isArray(item) || (isPlainObject(item) && !isUploadable(item));
      await collect(
        parts,
        indexed ? `${name}[${index}]` : `${name}[]`,
        item,
        declared,
      );
    }
  } else if (isPlainObject(value)) {
    for (const [key, item] of Object.entries(value)) {
      await collect(parts, `${name}[${key}]`, item, declared);
    }
  } else {
    parts.push({ name, value: partText(value) });
  }
}

function boundary(): string {
  let out = "sdkforge-";
  for (let i = 0; i < 24; i++) {
    out += Math.floor(Math.random() * 36).toString(36);
  }
  return out;
}

/**
 * A multipart/form-data body: one part per field in the order given; files with
 * their name (else `upload`) and type; arrays as `name[]`, objects as `name[key]`;
 * JSON fields as one `application/json` part. Returns the body and its boundary.
 */
export async function multipartBody(
  fields: Record<string, unknown>,
  encodings: readonly MultipartField[] = [],
): Promise<{ body: Blob; boundary: string }> {
  const parts: Part[] = [];
  for (const [name, value] of Object.entries(fields)) {
    if (value === undefined || value === null) continue;
    const encoding = encodings.find((field) => field.name === name);
    if (encoding?.json && !isUploadable(value)) {
      const type = singleType(encoding.type) ?? "application/json";
      parts.push({ name, type, value: JSON.stringify(value) ?? "null" });
    } else {
      await collect(parts, name, value, encoding?.type);
    }
  }
  const mark = boundary();
  const chunks: BlobPart[] = [];
  for (const part of parts) {
    let head = `--${mark}\r\nContent-Disposition: form-data; name="${dispositionText(part.name)}"`;
    if (part.filename !== undefined) {
      head += `; filename="${dispositionText(part.filename)}"`;
    }
    head += "\r\n";
    if (part.type !== undefined) head += `Content-Type: ${part.type}\r\n`;
    chunks.push(head + "\r\n", part.value, "\r\n");
  }
  chunks.push(`--${mark}--\r\n`);
  return { body: new Blob(chunks), boundary: mark };
}
