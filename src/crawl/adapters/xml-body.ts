import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { JobsiftError } from '../../errors.js';
import type { FetchedPage } from '../source-adapter.js';
import { isRecord } from './posting-fields.js';

export interface XmlOptions {
  /** Element names that are always arrays, even when one occurs (`item`, `position`). */
  arrays: readonly string[];
  /** Paths whose content is kept as raw markup (`feed.entry.content`: Atom XHTML). */
  rawPaths?: readonly string[];
}

/**
 * Parses an XML response with fast-xml-parser: attributes as `@name`, text as written (no
 * number guessing), entities of the XML decoded once, CDATA as text. A body that is not
 * well-formed XML (cut short, an HTML error page) is retried.
 */
export function parseXmlBody(page: FetchedPage, options: XmlOptions): Record<string, unknown> {
  const valid = XMLValidator.validate(page.text);
  if (valid !== true) {
    throw new JobsiftError(
      'not_xml',
      `response of ${page.url} is not XML: ${valid.err.msg} (line ${valid.err.line})`,
      { retryable: true },
    );
  }
  const arrays = new Set(options.arrays);
  const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '@',
    parseTagValue: false,
    parseAttributeValue: false,
    trimValues: true,
    ...(options.rawPaths === undefined ? {} : { stopNodes: [...options.rawPaths] }),
    isArray: (name) => arrays.has(name),
  });
  const parsed: unknown = parser.parse(page.text);
  return isRecord(parsed) ? parsed : {};
}

/** The text of an element: itself when a string, its `#text` when it has attributes. */
export function xmlText(node: unknown): string | undefined {
  if (typeof node === 'string') return node;
  if (isRecord(node) && typeof node['#text'] === 'string') return node['#text'];
  return undefined;
}
