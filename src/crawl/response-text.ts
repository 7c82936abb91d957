import { promisify } from 'node:util';
import { gunzip } from 'node:zlib';
import { InputError } from '../errors.js';
import { formatBytes } from '../format.js';
import type { CrawlRequest, FetchedPage } from './source-adapter.js';

const gunzipAsync = promisify(gunzip);

/** sitemaps.org allows a sitemap at most 50 MB uncompressed; no page we read is larger. */
export const MAX_UNZIPPED_BYTES = 50 * 1024 * 1024;

/** Whether bytes start with the gzip magic number (RFC 1952). */
function isGzip(bytes: Buffer): boolean {
  return bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}

/**
 * The text of a response body. A gzipped file (`sitemap.xml.gz`, served as `application/gzip`
 * rather than with `Content-Encoding`, so the HTTP client leaves it compressed) is unzipped,
 * up to `maxBytes`.
 *
 * @throws InputError when a gzip body is damaged or unzips past `maxBytes`.
 */
export async function responseText(
  body: string | Buffer,
  maxBytes: number = MAX_UNZIPPED_BYTES,
): Promise<string> {
  if (typeof body === 'string') return body;
  if (!isGzip(body)) return body.toString('utf8');
  try {
    return (await gunzipAsync(body, { maxOutputLength: maxBytes })).toString('utf8');
  } catch (error) {
    const tooBig =
      error instanceof RangeError || (error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE';
    throw new InputError(
      'bad_gzip',
      tooBig
        ? `gzip body unzips to more than ${formatBytes(maxBytes)}`
        : `gzip body could not be unzipped: ${error instanceof Error ? error.message : String(error)}`,
      { cause: error },
    );
  }
}

/**
 * The page an adapter reads: a compressed body is unzipped to text at once; an uncompressed
 * one keeps its bytes and is decoded only when the adapter first reads `text`, so that a big
 * board read from its bytes (`jsonBoardSlices`) is never decoded whole.
 *
 * @throws InputError as `responseText` does.
 */
export async function fetchedPage(
  url: string,
  body: string | Buffer,
  request: CrawlRequest,
): Promise<FetchedPage> {
  if (typeof body === 'string' || isGzip(body)) {
    return { url, text: await responseText(body), request };
  }
  let text: string | undefined;
  return {
    url,
    request,
    bytes: body,
    get text() {
      text ??= body.toString('utf8');
      return text;
    },
    set text(value: string) {
      text = value;
    },
  };
}
