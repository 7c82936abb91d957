import type { Posting } from '../../posting/index.js';

/** What an adapter knows about the response it parses. */
/** What the parsers read of every source. */
export interface BaseSource {
  id: string;
  type: string;
  company?: string | undefined;
}

export interface AdapterContext<S extends BaseSource = BaseSource> {
  source: S;
  /** The URL the body was fetched from (after redirects). */
  url: string;
  /**
   * The crawl's clock. When given, JSON-LD postings whose `validThrough` is before it are
   * skipped (closed jobs); when absent nothing is treated as expired.
   */
  now?: Date;
}

/** One item of a response that could not become a Posting; the rest of the response still counts. */
export interface AdapterFailure {
  url: string;
  /** The native id, when the item had one. */
  sourceId?: string;
  reason: string;
}

export interface AdapterResult {
  postings: Posting[];
  failures: AdapterFailure[];
  /**
   * Items left out on purpose, neither postings nor failures: Ashby jobs with
   * `isListed: false`, JSON-LD postings whose `validThrough` has passed. The adapters in this
   * folder always set it.
   */
  skipped?: number;
}
