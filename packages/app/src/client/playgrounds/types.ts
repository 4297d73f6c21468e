/**
 * The contract between a playground and the app: the app's route `/play/<name>` imports
 * `playgrounds/<name>/index.ts` and calls `mount(root, ctx)`; the function it returns
 * stops every timer, animation frame and listener the playground started.
 */
export interface PlaygroundContext {
  /** The page's query string when the playground mounts. */
  query: URLSearchParams;
  /** Replaces the page's query string (the app keeps the URL in sync, without a reload). */
  setQuery(q: URLSearchParams): void;
}

export type Mount = (root: HTMLElement, ctx: PlaygroundContext) => () => void;
