import type { BaseClient, RequestSpec } from "./core.js";

/** A page of a list response; async-iterable over the items of this and all later pages. */
export abstract class AbstractPage<Item> implements AsyncIterable<Item> {
  protected readonly client: BaseClient;
  protected readonly spec: RequestSpec;
  readonly response: Response;
  readonly body: Record<string, unknown>;

  constructor(
    client: BaseClient,
    spec: RequestSpec,
    response: Response,
    body: unknown,
  ) {
    this.client = client;
    this.spec = spec;
    this.response = response;
    this.body =
      typeof body === "object" && body !== null && !Array.isArray(body)
        ? (body as Record<string, unknown>)
        : {};
  }

  /** The items of this page. */
  abstract getPaginatedItems(): Array<Item>;

  /** The query that fetches the next page, or null on the last page. */
  abstract nextPageQuery(): Record<string, unknown> | null;

  hasNextPage(): boolean {
    return this.getPaginatedItems().length > 0 && this.nextPageQuery() !== null;
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

function pageItems<Item>(body: Record<string, unknown>, field: string) {
  const items = body[field];
  return Array.isArray(items) ? (items as Array<Item>) : [];
}

/**
 * A cursor-paginated list: items in data.
 */
export class CursorPage<Item> extends AbstractPage<Item> {
  getPaginatedItems(): Array<Item> {
    const field = "data";
    return pageItems<Item>(this.body, field);
  }

  nextPageQuery(): Record<string, unknown> | null {
    const hasMore = "has_more";
    if (this.body[hasMore] === false) return null;
    const param = "after";
    const nextCursor = "last_id";
    let cursor = this.body[nextCursor];
    if (cursor === undefined || cursor === null) {
      cursor = itemID(this.getPaginatedItems().at(-1));
    }
    if (cursor === undefined || cursor === null) return null;
    return { [param]: cursor };
  }
}
