import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The boards of the API and feed source types the demo server plays, read from
 * `fixtures/boards/{workable,smartrecruiters,recruitee,personio,remoteok,hn}/` (board name =
 * file name). Routes, all under the demo server's origin (sources point `baseUrl` at it):
 * - `/api/v1/widget/accounts/:account`, `/api/v2/accounts/:account/jobs/:shortcode` — Workable
 *   widget (without the board file's `details`) and one job's details.
 * - `/v1/companies/:id/postings[?limit&offset]`, `/v1/companies/:id/postings/:postingId` —
 *   SmartRecruiters, the list paged (without job ads) and each posting.
 * - `/recruitee/:board/api/offers/`, `/personio/:board/xml`, `/remoteok/api[?tag=]`.
 * - `/hn/api/v1/search_by_date` (the threads) and `/hn/api/v1/search?tags=comment,story_:id`
 *   paged by `page`/`hitsPerPage` — the HN Algolia API.
 */
export interface FeedReply {
  status: number;
  body: string;
  type: string;
}

const JSON_TYPE = 'application/json; charset=utf-8';
const XML_TYPE = 'application/xml; charset=utf-8';
const json = (body: unknown, status = 200): FeedReply => ({
  status,
  body: JSON.stringify(body),
  type: JSON_TYPE,
});
const NOT_FOUND = json({ error: 'not found' }, 404);

type Json = Record<string, unknown>;

function files(dir: string, ext: string): Map<string, string> {
  const found = new Map<string, string>();
  if (!existsSync(dir)) return found;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.isFile() && entry.name.endsWith(ext)) {
      found.set(entry.name.slice(0, -ext.length), readFileSync(join(dir, entry.name), 'utf8'));
    }
  }
  return found;
}

function parsed(dir: string): Map<string, Json> {
  return new Map([...files(dir, '.json')].map(([name, text]) => [name, JSON.parse(text) as Json]));
}

const intParam = (params: URLSearchParams, name: string, fallback: number): number => {
  const value = Number(params.get(name) ?? fallback);
  return Number.isSafeInteger(value) && value >= 0 ? value : fallback;
};

const list = (value: unknown): Json[] => (Array.isArray(value) ? (value as Json[]) : []);

/** The routes of the API and feed boards under `boardsDir` (none when `false`). */
export function feedBoards(boardsDir: string | false): (url: URL) => FeedReply | undefined {
  const dir = (type: string) => (boardsDir === false ? '' : join(boardsDir, type));
  const workable = parsed(dir('workable'));
  const smartRecruiters = parsed(dir('smartrecruiters'));
  const recruitee = parsed(dir('recruitee'));
  const personio = files(dir('personio'), '.xml');
  const remoteOk = parsed(dir('remoteok'));
  const hn = parsed(dir('hn'));

  return (url) => {
    const segments = url.pathname.split('/').slice(1);
    const [a, b, c, d, e, f, g] = segments;
    const params = url.searchParams;
    if (a === 'api' && b === 'v1' && c === 'widget' && d === 'accounts' && e !== undefined) {
      const board = workable.get(e);
      if (board === undefined) return NOT_FOUND;
      const { details: _details, ...widget } = board;
      return json(widget);
    }
    if (a === 'api' && b === 'v2' && c === 'accounts' && e === 'jobs' && f !== undefined) {
      const details = workable.get(d ?? '')?.details as Json | undefined;
      const job = details?.[f];
      return job === undefined ? NOT_FOUND : json(job);
    }
    if (a === 'v1' && b === 'companies' && d === 'postings') {
      const postings = list(smartRecruiters.get(c ?? '')?.postings);
      if (!smartRecruiters.has(c ?? ''))
        return json({ offset: 0, limit: 100, totalFound: 0, content: [] });
      if (e !== undefined && e !== '') {
        const posting = postings.find((p) => p.id === e);
        return posting === undefined ? NOT_FOUND : json(posting);
      }
      const offset = intParam(params, 'offset', 0);
      const limit = Math.min(intParam(params, 'limit', 10), 100);
      const content = postings
        .slice(offset, offset + limit)
        .map(({ jobAd: _jobAd, postingUrl: _postingUrl, ...item }) => item);
      return json({ offset, limit, totalFound: postings.length, content });
    }
    if (a === 'recruitee' && c === 'api' && d === 'offers') {
      const board = recruitee.get(b ?? '');
      return board === undefined ? NOT_FOUND : json(board);
    }
    if (a === 'personio' && c === 'xml') {
      const feed = personio.get(b ?? '');
      return feed === undefined ? NOT_FOUND : { status: 200, body: feed, type: XML_TYPE };
    }
    if (a === 'remoteok' && b === 'api') {
      const feed = list(remoteOk.get('remoteok') ?? remoteOk.values().next().value);
      const tag = params.get('tag');
      if (tag === null) return json(feed);
      return json(feed.filter((job) => !('id' in job) || list(job.tags).includes(tag as never)));
    }
    if (a === 'hn' && b === 'api' && c === 'v1' && g === undefined) {
      const board = hn.get('whoishiring');
      if (board === undefined) return NOT_FOUND;
      if (d === 'search_by_date') return json({ hits: board.threads, page: 0, nbPages: 1 });
      if (d === 'search') {
        const story = /story_(\d+)/.exec(params.get('tags') ?? '')?.[1];
        const hits = list(board.hits).filter((hit) => String(hit.story_id) === story);
        const perPage = Math.max(1, intParam(params, 'hitsPerPage', 20));
        const page = intParam(params, 'page', 0);
        return json({
          hits: hits.slice(page * perPage, (page + 1) * perPage),
          page,
          nbPages: Math.ceil(hits.length / perPage),
          hitsPerPage: perPage,
          nbHits: hits.length,
        });
      }
    }
    return undefined;
  };
}
