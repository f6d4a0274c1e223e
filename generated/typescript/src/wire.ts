/**
 * What goes on the wire, one serializer per concern: percent-encoding, path,
 * query, header and cookie parameters, form bodies and auth. The rules are the
 * same in every sdkforge SDK (the generator's docs/WIRE.md).
 */
import { SDKError } from "./error.js";

export type ParamLocation = "path" | "query" | "header" | "cookie";

/** One parameter of an operation as it goes on the wire. */
export interface ParamSpec {
  in: ParamLocation;
  /** The wire name. */
  name: string;
  /** simple | label | matrix | form | spaceDelimited | pipeDelimited | deepObject */
  style: string;
  explode: boolean;
  /**
   * A path parameter's value, for the one the method takes by position; the
   * others (the parents it lives under) are read from the params object.
   */
  value?: unknown;
  /** The params member holding the value, when it is not the wire name (`queryIds`). */
  key?: string;
  /** A path parameter declared as an array or an object. */
  shape?: "array" | "object";
}

/** A security scheme as it goes on the wire. */
export interface AuthScheme {
  kind: "bearer" | "basic" | "api_key";
  in: "header" | "query" | "cookie";
  /** The header, query or cookie name. */
  name: string;
  /** The client options it needs (bearer, api_key: one; basic: username, password). */
  credentials: readonly string[];
}

/** A client option holding a credential and the environment variable it falls back to. */
export interface Credential {
  option: string;
  env: string;
}

/** The auth of one request: headers, query pairs and cookie pairs to add. */
export interface AppliedAuth {
  headers: Record<string, string>;
  query: Array<[string, string]>;
  cookies: string[];
}

const RESERVED_IN_COMPONENT = /[!'()*]/g;

/**
 * UTF-8 percent-encoding of everything but the unreserved characters
 * `A-Z a-z 0-9 - . _ ~`, with upper-case hex (a space is `%20`).
 */
export function encode(text: string): string {
  let encoded: string;
  try {
    encoded = encodeURIComponent(text);
  } catch {
    throw new SDKError(`Cannot encode ${JSON.stringify(text)}: not valid text`);
  }
  return encoded.replace(
    RESERVED_IN_COMPONENT,
    (c) => "%" + c.charCodeAt(0).toString(16).toUpperCase(),
  );
}

/** A scalar as text: strings as they are, booleans, decimal numbers. */
export function scalarText(value: unknown): string {
  if (typeof value === "string") return value;
  if (
    typeof value === "number" ||
    typeof value === "boolean" ||
    typeof value === "bigint"
  ) {
    return String(value);
  }
  if (value instanceof Date) return value.toISOString();
  return JSON.stringify(value) ?? "";
}

function isObject(value: unknown): value is Record<string, unknown> {
  return (
    typeof value === "object" &&
    value !== null &&
    !Array.isArray(value) &&
    !(value instanceof Date)
  );
}

function present(value: unknown): boolean {
  return value !== undefined && value !== null;
}

function items(value: unknown[]): unknown[] {
  return value.filter(present);
}

function entries(value: Record<string, unknown>): Array<[string, unknown]> {
  return Object.entries(value).filter(([, item]) => present(item));
}

/**
 * Leaves of a nested value in bracket form: objects as `name[key]`, arrays as
 * `name[]` (`brackets`) or as the same name repeated (`repeat`).
 */
export function bracketLeaves(
  name: string,
  value: unknown,
  arrays: "brackets" | "repeat",
  out: Array<[string, unknown]> = [],
): Array<[string, unknown]> {
  if (!present(value)) return out;
  if (Array.isArray(value)) {
    const key = arrays === "brackets" ? `${name}[]` : name;
    value.forEach((item, index) => {
      // an object or array item is indexed: name[0][key]
      const indexed = Array.isArray(item) || isObject(item);
      bracketLeaves(indexed ? `${name}[${index}]` : key, item, arrays, out);
    });
  } else if (isObject(value)) {
    for (const [key, item] of Object.entries(value)) {
      bracketLeaves(`${name}[${key}]`, item, arrays, out);
    }
  } else {
    out.push([name, value]);
  }
  return out;
}

// ------------------------------------------------------------------ path

function pathScalar(value: unknown): string {
  const text = encode(scalarText(value));
  // a value made only of dots would be resolved as a dot segment
  return /^\.+$/.test(text) ? text.replace(/\./g, "%2E") : text;
}

/** One path parameter, serialized by its style (simple, label, matrix). */
export function pathValue(param: ParamSpec): string {
  const { name, style, explode, value } = param;
  if (!present(value)) {
    throw new SDKError(`Missing path parameter ${JSON.stringify(name)}.`);
  }
  const structured = Array.isArray(value) || isObject(value);
  if (structured && param.shape === undefined) {
    throw new SDKError(
      `Path parameter ${JSON.stringify(name)} must be a string or a number, not ${
        Array.isArray(value) ? "an array" : "an object"
      }.`,
    );
  }
  if (
    !structured &&
    !["string", "number", "boolean", "bigint"].includes(typeof value) &&
    !(value instanceof Date)
  ) {
    throw new SDKError(
      `Path parameter ${JSON.stringify(name)} must be a string or a number.`,
    );
  }
  const key = encode(name);
  let values: string[];
  let pairs: Array<[string, string]> | undefined;
  if (Array.isArray(value)) {
    values = items(value).map(pathScalar);
  } else if (isObject(value)) {
    pairs = entries(value).map(([k, v]) => [encode(k), pathScalar(v)]);
    values = pairs.flat();
  } else {
    values = [pathScalar(value)];
  }
  if (values.length === 0 || (values.length === 1 && values[0] === "")) {
    throw new SDKError(
      `Path parameter ${JSON.stringify(name)} is empty: it cannot be sent.`,
    );
  }
  const joined = (sep: string) =>
    pairs && explode
      ? pairs.map(([k, v]) => `${k}=${v}`).join(sep)
      : values.join(sep);
  if (style === "label") return "." + joined(explode ? "." : ",");
  if (style === "matrix") {
    if (!explode) return `;${key}=` + values.join(",");
    if (pairs) return pairs.map(([k, v]) => `;${k}=${v}`).join("");
    return values.map((v) => `;${key}=${v}`).join("");
  }
  return joined(",");
}

/** The path with every `{name}` of its path parameters filled in. */
export function fillPath(path: string, params: readonly ParamSpec[]): string {
  let out = path;
  for (const param of params) {
    if (param.in !== "path") continue;
    out = out.split(`{${param.name}}`).join(pathValue(param));
  }
  return out;
}

// ------------------------------------------------------------------ query

const DELIMITERS: Record<string, string> = {
  form: ",",
  spaceDelimited: "%20",
  pipeDelimited: "|",
};

/** `key=value` pairs (encoded) of one query parameter, by its style. */
export function queryPairs(
  name: string,
  style: string,
  explode: boolean,
  value: unknown,
): string[] {
  if (!present(value)) return [];
  const key = encode(name);
  if (style === "deepObject" && (Array.isArray(value) || isObject(value))) {
    return bracketLeaves(name, value, "brackets").map(
      ([k, v]) => `${encode(k)}=${encode(scalarText(v))}`,
    );
  }
  const sep = DELIMITERS[style] ?? ",";
  if (Array.isArray(value)) {
    const list = items(value).map((v) => encode(scalarText(v)));
    if (list.length === 0) return [];
    return explode
      ? list.map((v) => `${key}=${v}`)
      : [`${key}=${list.join(sep)}`];
  }
  if (isObject(value)) {
    const list = entries(value).map(([k, v]) => [
      encode(k),
      encode(scalarText(v)),
    ]);
    if (list.length === 0) return [];
    return explode
      ? list.map(([k, v]) => `${k}=${v}`)
      : [`${key}=${list.flat().join(sep)}`];
  }
  return [`${key}=${encode(scalarText(value))}`];
}

/** How one form field is encoded: its style and explode, or as JSON text. */
export interface FormFieldSpec {
  name: string;
  json?: boolean;
  /** form (the default), spaceDelimited, pipeDelimited or deepObject */
  style?: string;
  explode?: boolean;
}

/**
 * A form-urlencoded body: scalars as `name=v`; arrays by the field's style and
 * explode (repeated keys by default, `name=a,b` not exploded, space or pipe
 * delimited, `name[]=v` for deepObject); objects in bracket form `name[key]=v`
 * with arrays inside as `name[key][]=v`.
 */
export function formBody(
  fields: Record<string, unknown>,
  specs: readonly FormFieldSpec[] = [],
): string {
  const byName = new Map(specs.map((spec) => [spec.name, spec]));
  const pairs: string[] = [];
  for (const [name, value] of Object.entries(fields)) {
    if (!present(value)) continue;
    const spec = byName.get(name);
    if (spec?.json) {
      pairs.push(`${encode(name)}=${encode(JSON.stringify(value) ?? "")}`);
    } else if (
      Array.isArray(value) &&
      !value.some((item) => Array.isArray(item) || isObject(item))
    ) {
      const style = spec?.style ?? "form";
      if (style === "deepObject") {
        for (const item of items(value)) {
          pairs.push(`${encode(`${name}[]`)}=${encode(scalarText(item))}`);
        }
      } else {
        pairs.push(...queryPairs(name, style, spec?.explode ?? true, value));
      }
    } else {
      for (const [k, v] of bracketLeaves(name, value, "brackets")) {
        pairs.push(`${encode(k)}=${encode(scalarText(v))}`);
      }
    }
  }
  return pairs.join("&");
}

// ------------------------------------------------------------------ header and cookie

/** A header parameter (style simple), or undefined when unset. */
export function headerValue(
  name: string,
  explode: boolean,
  value: unknown,
): string | undefined {
  if (!present(value)) return undefined;
  let text: string;
  if (Array.isArray(value)) {
    const list = items(value).map(scalarText);
    if (list.length === 0) return undefined;
    text = list.join(",");
  } else if (isObject(value)) {
    const list = entries(value);
    if (list.length === 0) return undefined;
    text = list
      .map(([k, v]) =>
        explode ? `${k}=${scalarText(v)}` : `${k},${scalarText(v)}`,
      )
      .join(",");
  } else {
    text = scalarText(value);
  }
  if (/[\r\n]/.test(text)) {
    throw new SDKError(
      `Header parameter ${JSON.stringify(name)} holds a line break: it cannot be sent.`,
    );
  }
  return text;
}

/** `name=value` pairs (values encoded) of one cookie parameter (style form). */
export function cookiePairs(
  name: string,
  explode: boolean,
  value: unknown,
): string[] {
  if (!present(value)) return [];
  const key = encode(name);
  if (Array.isArray(value)) {
    const list = items(value).map((v) => encode(scalarText(v)));
    if (list.length === 0) return [];
    return explode
      ? list.map((v) => `${key}=${v}`)
      : [`${key}=${list.join(",")}`];
  }
  if (isObject(value)) {
    const list = entries(value).map(([k, v]) => [
      encode(k),
      encode(scalarText(v)),
    ]);
    if (list.length === 0) return [];
    return explode
      ? list.map(([k, v]) => `${k}=${v}`)
      : [`${key}=${list.flat().join(",")}`];
  }
  return [`${key}=${encode(scalarText(value))}`];
}

// ------------------------------------------------------------------ auth

function base64(text: string): string {
  let binary = "";
  for (const byte of new TextEncoder().encode(text)) {
    binary += String.fromCharCode(byte);
  }
  return btoa(binary);
}

/** What a scheme's credentials would be given as: options and variables. */
function describe(
  scheme: AuthScheme,
  credentials: readonly Credential[],
): string {
  const options = scheme.credentials.map((option) => {
    const env = credentials.find((c) => c.option === option)?.env;
    return env ? `${option} (or ${env})` : option;
  });
  return options.join(" and ");
}

/**
 * The auth of a request: the first security alternative whose credentials are
 * all set, every scheme of it applied; an empty alternative allows anonymous
 * access; none satisfied throws before anything is sent.
 */
export function applyAuth(
  security: readonly (readonly string[])[] | undefined,
  schemes: Readonly<Record<string, AuthScheme>>,
  credentials: readonly Credential[],
  values: Readonly<Record<string, string | undefined>>,
): AppliedAuth {
  const applied: AppliedAuth = { headers: {}, query: [], cookies: [] };
  if (!security || security.length === 0) return applied;
  let anonymous = false;
  const wanted: string[] = [];
  for (const alternative of security) {
    if (alternative.length === 0) {
      anonymous = true;
      continue;
    }
    const used: AuthScheme[] = [];
    for (const name of alternative) {
      const scheme = schemes[name];
      if (scheme !== undefined) used.push(scheme);
    }
    const ready = used.every((scheme) =>
      scheme.credentials.every((option) => values[option] !== undefined),
    );
    if (!ready) {
      wanted.push(
        used.map((scheme) => describe(scheme, credentials)).join(" and "),
      );
      continue;
    }
    for (const scheme of used) {
      const [first = "", second = ""] = scheme.credentials.map(
        (option) => values[option] ?? "",
      );
      if (scheme.kind === "bearer") {
        applied.headers[scheme.name] = `Bearer ${first}`;
      } else if (scheme.kind === "basic") {
        applied.headers[scheme.name] = `Basic ${base64(`${first}:${second}`)}`;
      } else if (scheme.in === "header") {
        applied.headers[scheme.name] = first;
      } else if (scheme.in === "query") {
        applied.query.push([scheme.name, first]);
      } else {
        applied.cookies.push(`${encode(scheme.name)}=${encode(first)}`);
      }
    }
    return applied;
  }
  if (anonymous) return applied;
  throw new SDKError(
    `Missing credentials: this request needs ${
      wanted.length > 1 ? "one of: " : ""
    }${wanted.join("; or ")}. Pass the option when you create the client or set the environment variable.`,
  );
}
