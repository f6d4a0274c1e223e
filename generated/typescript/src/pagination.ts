import type { BaseClient, RequestSpec } from "./core.js";

/** How a page type finds its items and the next page (see `AbstractPage.nextPageQuery`). */
export interface PageScheme {
  style: "cursor" | "offset" | "page" | "next_link" | "link_header" | "single";
  /** The field holding the items; "": the body is the array of items. */
  items: string;
  /** The query parameter of the cursor, offset or page number. */
  param: string | null;
  hasMore: string | null;
  /** Where the next cursor (cursor) or the next page's URL (next_link) is. */
  nextPath: readonly string[];
}

/** A page of a list response; async-iterable over the items of this and all later pages. */
export abstract class AbstractPage<Item> implements AsyncIterable<Item> {
  protected readonly client: BaseClient;
  protected readonly spec: RequestSpec;
  readonly response: Response;
  readonly body: Record<string, unknown>;
  private readonly rawBody: unknown;

  constructor(
    client: BaseClient,
    spec: RequestSpec,
    response: Response,
    body: unknown,
  ) {
    this.client = client;
    this.spec = spec;
    this.response = response;
    this.rawBody = body;
    this.body =
      typeof body === "object" && body !== null && !Array.isArray(body)
        ? (body as Record<string, unknown>)
        : {};
  }

  /** How this page type finds its items and the next page. */
  protected abstract readonly scheme: PageScheme;

  /** The items of this page. */
  getPaginatedItems(): Array<Item> {
    const items =
      this.scheme.items === "" ? this.rawBody : this.body[this.scheme.items];
    return Array.isArray(items) ? (items as Array<Item>) : [];
  }

  /** The items of this page. */
  get data(): Array<Item> {
    return this.getPaginatedItems();
  }

  /** The query that fetches the next page, or null on the last page. */
  nextPageQuery(): Record<string, unknown> | null {
    const scheme = this.scheme;
    const items = this.getPaginatedItems();
    if (items.length === 0 || scheme.style === "single") return null;
    if (scheme.hasMore !== null && this.body[scheme.hasMore] === false) {
      return null;
    }
    if (scheme.style === "next_link") {
      return queryOf(dig(this.body, scheme.nextPath));
    }
    if (scheme.style === "link_header") {
      return queryOf(linkNext(this.response.headers.get("link") ?? ""));
    }
    const param = scheme.param;
    if (param === null) return null;
    const current = this.requestQuery(param);
    if (scheme.style === "offset") {
      return { [param]: (Number(current ?? 0) || 0) + items.length };
    }
    if (scheme.style === "page") {
      return { [param]: (Number(current ?? 1) || 1) + 1 };
    }
    let cursor =
      scheme.nextPath.length > 0 ? dig(this.body, scheme.nextPath) : undefined;
    if (cursor === undefined || cursor === null || cursor === "") {
      // the next cursor is the only sign of a next page
      if (scheme.nextPath.length > 0 && scheme.hasMore === null) return null;
      cursor = itemID(items.at(-1));
    }
    if (cursor === undefined || cursor === null || cursor === "") return null;
    return { [param]: cursor };
  }

  hasNextPage(): boolean {
    return this.nextPageQuery() !== null;
  }

  /** Fetches the next page. */
  async getNextPage(): Promise<this> {
    const query = this.nextPageQuery();
    if (!query) {
      throw new Error("No next page; check `hasNextPage()` first.");
    }
    const options = this.spec.options ?? {};
    return this.client.requestPage<this, Item>({
      ...this.spec,
      options: { ...options, query: { ...options.query, ...query } },
    });
  }

  /** This page and every later one. */
  async *iterPages(): AsyncGenerator<this> {
    let page: this = this;
    yield page;
    while (page.hasNextPage()) {
      page = await page.getNextPage();
      yield page;
    }
  }

  async *[Symbol.asyncIterator](): AsyncGenerator<Item> {
    for await (const page of this.iterPages()) {
      for (const item of page.getPaginatedItems()) yield item;
    }
  }

  /** The value of a query parameter this page was requested with. */
  protected requestQuery(name: string): unknown {
    const fromOptions = this.spec.options?.query?.[name];
    if (fromOptions !== undefined) return fromOptions;
    const params = this.spec.params;
    if (typeof params === "object" && params !== null) {
      return (params as Record<string, unknown>)[name];
    }
    return undefined;
  }
}

/** An item's `id`, the cursor of last resort. */
function itemID(item: unknown): unknown {
  if (typeof item === "object" && item !== null) {
    return (item as Record<string, unknown>)["id"];
  }
  return undefined;
}

/** The value at `path` (keys from the body down). */
function dig(body: unknown, path: readonly string[]): unknown {
  let value = body;
  for (const key of path) {
    if (typeof value !== "object" || value === null || Array.isArray(value)) {
      return undefined;
    }
    value = Object.hasOwn(value, key)
      ? (value as Record<string, unknown>)[key]
      : undefined;
  }
  return value;
}

/** The `rel="next"` URL of a `Link` header (RFC 8288), or null. */
function linkNext(header: string): string | null {
  for (const match of header.matchAll(/<([^>]*)>([^<]*)/g)) {
    const rel = /\brel\s*=\s*(?:"([^"]*)"|([^\s;,]+))/i.exec(match[2] ?? "");
    const tokens = (rel?.[1] ?? rel?.[2] ?? "").toLowerCase().split(/\s+/);
    if (tokens.includes("next")) return match[1] ?? null;
  }
  return null;
}

/** A next page's URL as the query to send to the same operation (never another host). */
function queryOf(url: unknown): Record<string, string> | null {
  if (typeof url !== "string" || url === "") return null;
  let parsed: URL;
  try {
    parsed = new URL(url, "http://base.invalid/");
  } catch {
    return null;
  }
  const query: Record<string, string> = {};
  for (const [key, value] of parsed.searchParams) query[key] = value;
  return Object.keys(query).length > 0 ? query : null;
}

/**
 * A cursor-paginated list: items in data.
 */
export class CursorPage<Item> extends AbstractPage<Item> {
  protected readonly scheme: PageScheme = {
    style: "cursor",
    items: "data",
    param: "after",
    hasMore: "has_more",
    nextPath: ["last_id"],
  };
}
