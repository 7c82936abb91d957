import type { SourceAdapter } from '../source-adapter.js';
import { ashbyAdapter } from './ashby.js';
import { feedAdapter } from './feed.js';
import { greenhouseAdapter } from './greenhouse.js';
import { hnAdapter } from './hn.js';
import { jsonLdAdapter } from './jsonld-adapter.js';
import { leverAdapter } from './lever.js';
import { personioAdapter } from './personio.js';
import { recruiteeAdapter } from './recruitee.js';
import { remoteOkAdapter } from './remoteok.js';
import { smartRecruitersAdapter } from './smartrecruiters.js';
import { workableAdapter } from './workable.js';

/**
 * Every source type, one adapter each. Adding a type: write its adapter module (options
 * schema, start requests, handle) and list it here; sources.yaml, the crawl and the queue's
 * job data pick it up from this list.
 */
export const ADAPTERS = [
  greenhouseAdapter,
  leverAdapter,
  ashbyAdapter,
  jsonLdAdapter,
  workableAdapter,
  smartRecruitersAdapter,
  recruiteeAdapter,
  remoteOkAdapter,
  personioAdapter,
  feedAdapter,
  hnAdapter,
] as const;

/** The adapter of a source type (a validated source's `type` always has one). */
export function adapterFor(type: string): SourceAdapter {
  const adapter = ADAPTERS.find((candidate) => candidate.type === type);
  if (adapter === undefined) throw new TypeError(`no adapter for source type "${type}"`);
  return adapter as unknown as SourceAdapter;
}
