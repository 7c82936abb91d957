/// <reference lib="dom" />
// The functions passed to page.evaluate run in the page, hence the DOM types.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deleteKeysUnder } from '../../src/pipeline/index.js';
import { segments } from '../../web/src/highlight.js';
import { testRedis, testRedisUrl, uniquePrefix } from '../integration/support/redis.js';
import { type JobsiftProcess, launchChromium, screenshot, startJobsift } from './support.js';

/** The colours the dashboard fills its data with (web/src/charts.ts), as RGB. */
const DATA_COLORS: Record<string, Array<[number, number, number]>> = {
  'role-mix-chart': [
    [15, 118, 110],
    [29, 78, 216],
  ],
  'skills-chart': [
    [29, 78, 216],
    [96, 165, 250],
  ],
  'trend-chart': [[29, 78, 216]],
  'salary-chart': [
    [153, 246, 228],
    [19, 78, 74],
  ],
};

/** Pixels of the canvas painted in one of its data colours: bars, lines and points, not axes. */
function dataPixels(page: Page, id: string): Promise<number> {
  return page.evaluate(
    ([canvasId, colors]) => {
      const canvas = document.getElementById(canvasId) as HTMLCanvasElement;
      const context = canvas.getContext('2d');
      if (context === null) return 0;
      const { data } = context.getImageData(0, 0, canvas.width, canvas.height);
      let count = 0;
      for (let i = 0; i < data.length; i += 4) {
        if (colors.some(([r, g, b]) => data[i] === r && data[i + 1] === g && data[i + 2] === b)) {
          count++;
        }
      }
      return count;
    },
    [id, DATA_COLORS[id] ?? []] as const,
  );
}

/** The first pixel (CSS px, from the canvas' top left) painted in `rgb`, scanning by rows. */
function firstPixel(page: Page, id: string, rgb: readonly number[]) {
  return page.evaluate(
    ([canvasId, [r, g, b]]) => {
      const canvas = document.getElementById(canvasId) as HTMLCanvasElement;
      const context = canvas.getContext('2d');
      if (context === null) return undefined;
      const { data, width } = context.getImageData(0, 0, canvas.width, canvas.height);
      const scale = canvas.width / canvas.getBoundingClientRect().width;
      for (let i = 0; i < data.length; i += 4) {
        if (data[i] === r && data[i + 1] === g && data[i + 2] === b) {
          const pixel = i / 4;
          return { x: (pixel % width) / scale, y: Math.floor(pixel / width) / scale };
        }
      }
      return undefined;
    },
    [id, rgb] as const,
  );
}

async function api<T>(base: string, path: string, init?: RequestInit): Promise<T> {
  const response = await fetch(new URL(path, base), init);
  expect(response.status, path).toBe(200);
  return (await response.json()) as T;
}

interface RoleMix {
  postings: number;
  roles: Array<{ id: string; name: string; postings: number }>;
}
interface SkillStats {
  roles: Array<{
    id: string;
    postings: number;
    skills: Array<{ id: string; name: string; share: number }>;
  }>;
}

const redis = testRedis();
const prefixes: string[] = [];
let browser: Browser;
let context: BrowserContext;
const pageErrors: string[] = [];

beforeAll(async () => {
  browser = await launchChromium();
  context = await browser.newContext({
    viewport: { width: 1366, height: 900 },
    reducedMotion: 'reduce',
  });
  context.on('weberror', (error) => pageErrors.push(error.error().message));
});

afterAll(async () => {
  await context?.close();
  await browser?.close();
  for (const prefix of prefixes) await deleteKeysUnder(redis, prefix);
  await redis.quit();
});

describe('the dashboard on the demo data', () => {
  let demo: JobsiftProcess;
  let page: Page;

  beforeAll(async () => {
    const prefix = uniquePrefix('dashboard');
    prefixes.push(`${prefix}-demo`);
    demo = await startJobsift(['demo', '--serve', '--port', '0', '--processes', '1'], {
      REDIS_URL: testRedisUrl(),
      JOBSIFT_PREFIX: prefix,
    });
    page = await context.newPage();
    await page.goto(demo.url);
    await page.waitForSelector('body[data-ready]');
  }, 120_000);

  afterAll(async () => {
    await page?.close();
    expect(await demo?.stop()).toBe(0);
  });

  it('draws every chart from the stats the API serves', async () => {
    expect(await page.getAttribute('body', 'data-ready')).toBe('true');
    const mix = await api<RoleMix>(demo.url, '/v1/stats/roles');
    expect(mix.postings).toBeGreaterThan(50);
    const counted = mix.roles.filter((r) => r.postings > 0);
    expect(await page.textContent('#summary')).toContain(`${mix.postings} postings`);
    expect(await page.isHidden('#empty')).toBe(true);

    // The role mix lists every counted role, with its postings.
    const buttons = page.locator('#role-list button');
    expect(await buttons.count()).toBe(counted.length);
    for (const role of counted) {
      expect(await page.textContent(`#role-list [data-role="${role.id}"]`)).toContain(
        `${role.name}${role.postings}`,
      );
    }

    // The chosen role's top skills are the API's, with their shares.
    const role = await page.inputValue('#role-select');
    expect(role).not.toBe('');
    const stats = await api<SkillStats>(demo.url, `/v1/stats/skills?role=${role}&top=15`);
    const skills = stats.roles[0]?.skills ?? [];
    expect(skills.length).toBeGreaterThan(3);
    const listed = await page.locator('#skills-list button .name').allTextContents();
    expect(listed).toEqual(skills.map((s) => s.name));
    const top = skills[0];
    expect(await page.textContent(`#skills-list [data-skill="${top?.id}"] .value`)).toBe(
      `${Math.round((top?.share ?? 0) * 100)}%`,
    );

    for (const id of ['role-mix-chart', 'skills-chart', 'trend-chart', 'salary-chart']) {
      expect(Number(await page.getAttribute(`#${id}`, 'data-points')), id).toBeGreaterThan(0);
      expect(await dataPixels(page, id), id).toBeGreaterThan(150);
    }

    // One row per source, with the API's postings and duplicates.
    const sources = await api<{
      sources: Array<{ id: string; postings: number; duplicates: number }>;
    }>(demo.url, '/v1/stats/sources');
    expect(sources.sources.length).toBeGreaterThan(5);
    const rows = await page
      .locator('#sources-rows tr')
      .evaluateAll((trs) => trs.map((tr) => Array.from(tr.children, (cell) => cell.textContent)));
    expect(rows.map((cells) => cells.slice(0, 3))).toEqual(
      sources.sources.map((s) => [s.id, String(s.postings), String(s.duplicates)]),
    );
    await screenshot(page, 'dashboard.png');
  });

  it('lists the postings behind a skill chosen by keyboard, linked to their source', async () => {
    const role = await page.inputValue('#role-select');
    const second = page.locator('#skills-list button').nth(1);
    const skill = await second.getAttribute('data-skill');
    const name = await second.locator('.name').textContent();
    await second.focus();
    await page.keyboard.press('Enter');
    expect(await second.getAttribute('aria-pressed')).toBe('true');
    await page.waitForFunction(
      (text) => document.getElementById('trend-note')?.textContent?.includes(text),
      name ?? '',
    );
    expect(Number(await page.getAttribute('#trend-chart', 'data-points'))).toBeGreaterThan(0);

    const expected = await api<{ postings: Array<{ key: string; url?: string; title: string }> }>(
      demo.url,
      `/v1/postings?skill=${skill}&role=${role}&limit=50`,
    );
    expect(expected.postings.length).toBeGreaterThan(0);
    await page.waitForSelector('#postings li');
    const shown = await page.$$eval('#postings li', (items) =>
      items.map((li) => {
        const link = li.querySelector('a');
        return {
          key: li.getAttribute('data-key'),
          href: link?.href,
          text: link?.textContent,
          target: link?.target,
          rel: link?.rel,
        };
      }),
    );
    expect(shown.map((s) => s.key)).toEqual(expected.postings.map((p) => p.key));
    for (const [i, posting] of expected.postings.entries()) {
      expect(shown[i]?.text).toBe(posting.title);
      if (posting.url !== undefined) {
        // The browser writes a host in lowercase ("remoteOK.com" is remoteok.com).
        expect(shown[i]?.href).toBe(new URL(posting.url).href);
        expect(shown[i]?.target).toBe('_blank');
        expect(shown[i]?.rel).toBe('noopener noreferrer');
      }
    }
    // Every posting links to its source (never followed here: most point at the real boards).
    expect(shown.every((s) => s.href?.startsWith('http'))).toBe(true);

    // Space chooses a skill too.
    const third = page.locator('#skills-list button').nth(2);
    await third.focus();
    await page.keyboard.press('Space');
    expect(await third.getAttribute('aria-pressed')).toBe('true');
    await screenshot(page, 'dashboard-postings.png');
  });

  it('chooses a role by clicking its bar in the chart', async () => {
    const mix = await api<RoleMix>(demo.url, '/v1/stats/roles');
    const selected = await page.inputValue('#role-select');
    // Bars are drawn highest first; the unselected ones in teal. The first teal bar from the
    // top is the busiest role not selected.
    const order = mix.roles.filter((r) => r.postings > 0).sort((a, b) => b.postings - a.postings);
    const target = order.find((r) => r.id !== selected);
    const pixel = await firstPixel(page, 'role-mix-chart', [15, 118, 110]);
    expect(pixel).toBeDefined();
    await page.click('#role-mix-chart', {
      position: { x: (pixel?.x ?? 0) + 4, y: (pixel?.y ?? 0) + 3 },
    });
    await page.waitForFunction(
      (id) => (document.getElementById('role-select') as HTMLSelectElement).value === id,
      target?.id ?? '',
    );
    await page.waitForFunction(
      (name) => document.getElementById('skills-title')?.textContent?.includes(name),
      target?.name ?? '',
    );
    expect(Number(await page.getAttribute('#skills-chart', 'data-points'))).toBeGreaterThan(0);
  });

  it('classifies a pasted posting and marks its skill mentions', async () => {
    const title = 'Senior Data Engineer';
    const description = [
      'We are hiring a data engineer to build our pipelines.',
      '',
      'Requirements:',
      '- 5+ years of Python and SQL',
      '- Apache Airflow and Spark in production',
      '',
      'Nice to have: Kafka, Terraform.',
      'No Java needed. <img src=x onerror="window.__injected=1"> is just text here.',
    ].join('\n');
    await page.fill('#classify-title-input', title);
    await page.fill('#classify-text', description);
    await page.click('#classify-form button[type="submit"]');
    await page.waitForSelector('#classify-role');

    const expected = await api<{
      role: { id: string; name: string };
      skills: Array<{
        name: string;
        requirement: string;
        mentions: Array<{ start: number; end: number }>;
      }>;
    }>(demo.url, '/v1/classify', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ title, description }),
    });
    expect(expected.role.id).toBe('data-engineer');
    expect(await page.textContent('#classify-role')).toBe(expected.role.name);

    const marks = await page.$$eval('#classify-result .description mark', (elements) =>
      elements.map((m) => ({ text: m.textContent, requirement: m.className })),
    );
    const wanted = segments(
      description,
      expected.skills.flatMap((s) =>
        s.mentions.map((m) => ({ ...m, skill: s.name, requirement: s.requirement })),
      ),
    ).filter((s) => s.kind === 'mention');
    expect(marks).toEqual(wanted.map((m) => ({ text: m.text, requirement: m.requirement })));
    expect(marks.map((m) => m.text)).toEqual(
      expect.arrayContaining(['Apache Airflow', 'Spark', 'SQL', 'Java']),
    );
    // The description is shown as text: the pasted tag is not an element and ran nothing.
    expect(await page.textContent('#classify-result .description')).toBe(description);
    expect(await page.locator('#classify-result img').count()).toBe(0);
    expect(await page.evaluate(() => 'window.__injected' in window || '__injected' in window)).toBe(
      false,
    );
    await page.locator('#classify').scrollIntoViewIfNeeded();
    await screenshot(page, 'dashboard-classify.png');
    expect(pageErrors).toEqual([]);
  });
});

describe('the dashboard with no data yet', () => {
  it('says what to run, and draws nothing', async () => {
    const prefix = uniquePrefix('dashboard-empty');
    prefixes.push(prefix);
    const serve = await startJobsift(['serve', '--port', '0'], {
      REDIS_URL: testRedisUrl(),
      JOBSIFT_PREFIX: prefix,
      // The tests run silent; serve says where it listens at the info level.
      JOBSIFT_LOG_LEVEL: 'info',
    });
    const page = await context.newPage();
    try {
      await page.goto(serve.url);
      await page.waitForSelector('body[data-ready="true"]');
      expect(await page.isVisible('#empty')).toBe(true);
      const notice = await page.textContent('#empty');
      expect(notice).toContain('jobsift demo --serve');
      expect(notice).toContain('jobsift up');
      expect(await page.textContent('#summary')).toBe('No postings counted yet.');
      expect(await page.textContent('#sources-note')).toBe('No source has been crawled yet.');
      for (const id of ['role-mix-chart', 'skills-chart', 'trend-chart']) {
        expect(await dataPixels(page, id), id).toBe(0);
      }
      await screenshot(page, 'dashboard-empty.png');
      expect(pageErrors).toEqual([]);
    } finally {
      await page.close();
      expect(await serve.stop()).toBe(0);
    }
  }, 60_000);
});
