/** What a file parameter accepts. */
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

function isBinary(value: unknown): value is Blob | Uint8Array | ArrayBuffer {
  return (
    value instanceof Blob ||
    value instanceof Uint8Array ||
    value instanceof ArrayBuffer
  );
}

async function append(
  form: FormData,
  key: string,
  value: unknown,
): Promise<void> {
  if (value === undefined || value === null) return;
  if (value instanceof ReadableStream || isAsyncIterable(value)) {
    form.append(key, await toFile(value));
  } else if (value instanceof File) {
    form.append(key, value, value.name);
  } else if (value instanceof Blob) {
    form.append(key, value, "upload");
  } else if (isBinary(value)) {
    form.append(key, new Blob([value as BlobPart]), "upload");
  } else if (Array.isArray(value)) {
    for (const item of value) await append(form, key, item);
  } else if (typeof value === "object") {
    form.append(key, JSON.stringify(value));
  } else {
    form.append(key, String(value));
  }
}

/** A multipart/form-data body for a params object. */
export async function multipartBody(params: unknown): Promise<FormData> {
  const form = new FormData();
  if (typeof params === "object" && params !== null) {
    for (const [key, value] of Object.entries(params)) {
      await append(form, key, value);
    }
  }
  return form;
}
