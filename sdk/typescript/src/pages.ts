/**
 * PageTokenLoopError is thrown by the generated <method>Pages and
 * <method>Items iterators when the server answers a page with the page
 * token it was given, which would otherwise make the iteration endless.
 */
export class PageTokenLoopError extends Error {
  /** The token the server returned again. */
  readonly pageToken: string;

  constructor(pageToken: string) {
    super(`the server returned the page token it was given (${JSON.stringify(pageToken)}), which would loop forever`);
    this.name = "PageTokenLoopError";
    this.pageToken = pageToken;
  }
}

/**
 * pages iterates over the pages of an AIP-158 list method: it fetches the
 * page of firstToken ("" or undefined for the first page), then the page of
 * each next token, until a page has an empty one. Each page is one call of
 * fetch, made when the loop asks for it, so leaving the loop early makes no
 * further calls. The generated <method>Pages iterators are pages over their
 * RPC.
 *
 * @throws the call's error, or PageTokenLoopError if a page's next token is
 *   the token that fetched it.
 */
export async function* pages<P>(
  fetch: (pageToken: string) => Promise<P>,
  firstToken: string | undefined,
  nextToken: (page: P) => string,
): AsyncGenerator<P, void, undefined> {
  let token = firstToken ?? "";
  for (;;) {
    const page = await fetch(token);
    yield page;
    const next = nextToken(page);
    if (next === "") {
      return;
    }
    if (next === token) {
      throw new PageTokenLoopError(next);
    }
    token = next;
  }
}

/**
 * items iterates over the items of every page: itemsOf returns a page's
 * repeated field. The generated <method>Items iterators are items over
 * their <method>Pages.
 */
export async function* items<P, T>(pages: AsyncIterable<P>, itemsOf: (page: P) => readonly T[]): AsyncGenerator<T, void, undefined> {
  for await (const page of pages) {
    yield* itemsOf(page);
  }
}
