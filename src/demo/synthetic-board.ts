/**
 * Large Greenhouse boards for benchmarks, made by recombining the fixture postings of
 * `fixtures/boards` (Greenhouse, Lever and listed Ashby jobs) with generated companies, titles,
 * places, dates and ids. Deterministic for a given seed.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { defaultBoardsDir } from './board-server.js';

/** One job of a Greenhouse `GET /v1/boards/{token}/jobs?content=true` response. */
export interface GreenhouseJobPayload {
  absolute_url: string;
  data_compliance: unknown[];
  internal_job_id: number;
  location: { name: string };
  metadata: null | Array<{ id: number; name: string; value: unknown; value_type: string }>;
  id: number;
  updated_at: string;
  requisition_id: string;
  title: string;
  company_name: string;
  first_published: string;
  language: string;
  application_deadline: string | null;
  /** The description HTML, entity-escaped once. */
  content: string;
  departments: Array<{ id: number; name: string; child_ids: number[]; parent_id: number | null }>;
  offices: Array<{
    id: number;
    name: string;
    location: string;
    child_ids: number[];
    parent_id: number | null;
  }>;
}

export interface GreenhouseBoardPayload {
  jobs: GreenhouseJobPayload[];
  meta: { total: number };
}

export interface SyntheticBoardOptions {
  /** Where the fixture boards are; default: the repository's `fixtures/boards`. */
  boardsDir?: string;
  /** Board token used in `absolute_url`; default `synthetic`. */
  board?: string;
}

interface Template {
  title: string;
  /** Entity-escaped description HTML, as in Greenhouse `content`. */
  content: string;
  department: string;
}

const COMPANY_FIRST = [
  'Acme',
  'Blue Harbor',
  'Cinder',
  'Driftwood',
  'Evergreen',
  'Foxglove',
  'Granite',
  'Helix',
  'Ironbark',
  'Juniper',
  'Kestrel',
  'Lodestar',
  'Meridian',
  'Northwind',
  'Oakridge',
  'Pinecone',
  'Quartz',
  'Redwood',
  'Saltmarsh',
  'Tidewater',
  'Umber',
  'Vantage',
  'Willow',
  'Zephyr',
] as const;
const COMPANY_SECOND = [
  'Analytics',
  'Bank',
  'Cloud',
  'Dynamics',
  'Energy',
  'Foods',
  'Health',
  'Insurance',
  'Labs',
  'Logistics',
  'Media',
  'Mobility',
  'Payments',
  'Robotics',
  'Software',
  'Systems',
] as const;
const SUFFIX = ['Inc', 'Ltd', 'GmbH', 'B.V.', 'Co.', 'Group'] as const;
const PLACES = [
  'Remote - US',
  'Remote - EU',
  'London, UK',
  'Berlin, Germany',
  'Amsterdam, Netherlands',
  'New York, NY',
  'San Francisco, CA',
  'Austin, TX',
  'Toronto, ON',
  'Dublin, Ireland',
  'Paris, France',
  'Warsaw, Poland',
  'Lisbon, Portugal',
  'Sydney, Australia',
  'Singapore',
  'Bengaluru, India',
] as const;
const SENIORITY = ['', '', 'Senior ', 'Junior ', 'Lead ', 'Staff ', 'Principal '] as const;
const SENIORITY_WORD = /^(senior|junior|lead|staff|principal|sr\.?|jr\.?)\s+/i;
const TECH_TITLE = /engineer|developer|scientist|analyst|administrator|programmer/i;

const templateCache = new Map<string, readonly Template[]>();

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** HTML entity-encoded once, the way Greenhouse puts it in `content`. */
function escapeOnce(html: string): string {
  return html
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

function readJson(file: string): unknown {
  return JSON.parse(readFileSync(file, 'utf8'));
}

type Loose = Record<string, unknown>;
const str = (value: unknown): string => (typeof value === 'string' ? value : '');

function loadTemplates(boardsDir: string): readonly Template[] {
  const cached = templateCache.get(boardsDir);
  if (cached !== undefined) return cached;
  const templates: Template[] = [];

  const gh = readJson(join(boardsDir, 'greenhouse', 'acme.json')) as { jobs?: Loose[] };
  for (const job of gh.jobs ?? []) {
    const departments = job.departments as Array<{ name?: string }> | undefined;
    templates.push({
      title: str(job.title),
      content: str(job.content),
      department: departments?.[0]?.name ?? 'General',
    });
  }

  const lever = readJson(join(boardsDir, 'lever', 'globex.json')) as Loose[];
  for (const posting of lever) {
    const lists = (posting.lists as Array<{ text?: string; content?: string }> | undefined) ?? [];
    const html = [
      str(posting.description),
      ...lists.map(
        (list) => `<h3>${escapeHtml(list.text ?? '')}</h3><ul>${list.content ?? ''}</ul>`,
      ),
      str(posting.additional),
    ].join('\n');
    const categories = posting.categories as { department?: string } | undefined;
    templates.push({
      title: str(posting.text),
      content: escapeOnce(html),
      department: categories?.department ?? 'General',
    });
  }

  const ashby = readJson(join(boardsDir, 'ashby', 'initech.json')) as { jobs?: Loose[] };
  for (const job of ashby.jobs ?? []) {
    if (job.isListed === false) continue;
    templates.push({
      title: str(job.title),
      content: escapeOnce(str(job.descriptionHtml)),
      department: str(job.department) || 'General',
    });
  }

  if (templates.length === 0) throw new Error(`no fixture postings found in ${boardsDir}`);
  templateCache.set(boardsDir, templates);
  return templates;
}

/** mulberry32: a small, fast, seedable PRNG returning [0, 1); the same seed, the same sequence. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

function pick<T>(items: readonly T[], rnd: () => number): T {
  return items[Math.floor(rnd() * items.length)] as T;
}

/** Greenhouse-style timestamp with a fixed US Eastern offset. */
function greenhouseTime(ms: number): string {
  const month = new Date(ms).getUTCMonth();
  const offset = month >= 2 && month <= 9 ? -4 : -5;
  const local = new Date(ms + offset * 3_600_000).toISOString().slice(0, 19);
  return `${local}-0${-offset}:00`;
}

// From noon on 1 January UTC, so that the US-Eastern local time is still in 2026.
const YEAR_START = Date.UTC(2026, 0, 1, 12);
const YEAR_SPAN = Date.UTC(2026, 10, 1) - YEAR_START;

/**
 * A Greenhouse board payload of `count` distinct postings. Every posting has its own id,
 * company and reference, so no two share company + title + description.
 */
export function syntheticGreenhouseBoard(
  count: number,
  seed = 1,
  options: SyntheticBoardOptions = {},
): GreenhouseBoardPayload {
  if (!Number.isInteger(count) || count < 0) {
    throw new RangeError(`count must be a non-negative integer, got ${count}`);
  }
  const templates = loadTemplates(options.boardsDir ?? defaultBoardsDir());
  const board = options.board ?? 'synthetic';
  const rnd = seededRandom(seed);
  const jobs: GreenhouseJobPayload[] = new Array(count);
  const base = 4_100_000_007 + (Math.abs(Math.trunc(seed)) % 1000) * 10_000_000_000;

  for (let i = 0; i < count; i++) {
    const template = pick(templates, rnd);
    const company = `${pick(COMPANY_FIRST, rnd)} ${pick(COMPANY_SECOND, rnd)} ${pick(SUFFIX, rnd)}`;
    const place = pick(PLACES, rnd);
    const seniority = pick(SENIORITY, rnd);
    const title =
      seniority !== '' && TECH_TITLE.test(template.title)
        ? `${seniority}${template.title.replace(SENIORITY_WORD, '')}`
        : template.title;
    const published = YEAR_START + Math.floor(rnd() * YEAR_SPAN);
    const updated = published + Math.floor(rnd() * 14 * 86_400_000);
    const id = base + i * 1000;
    const ref = `SYN-${seed}-${i + 1}`;
    const intro = escapeOnce(
      `<p><strong>${escapeHtml(company)}</strong> is hiring in ${escapeHtml(place)} (ref. ${ref}).</p>\n`,
    );
    jobs[i] = {
      absolute_url: `https://job-boards.greenhouse.io/${board}/jobs/${id}`,
      data_compliance: [],
      internal_job_id: id - 1_900_000_000,
      location: { name: place },
      metadata: null,
      id,
      updated_at: greenhouseTime(updated),
      requisition_id: ref,
      title,
      company_name: company,
      first_published: greenhouseTime(published),
      language: 'en',
      application_deadline: null,
      content: intro + template.content,
      departments: [{ id: 401_001, name: template.department, child_ids: [], parent_id: null }],
      offices: [{ id: 501_001, name: place, location: place, child_ids: [], parent_id: null }],
    };
  }
  return { jobs, meta: { total: count } };
}
