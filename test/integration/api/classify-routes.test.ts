import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enrich } from '../../../src/classify/index.js';
import { errorOf, postJson, shippedRules, type TestApi, testApi } from './support.js';

let api: TestApi;
beforeAll(() => {
  api = testApi({}, 'api-classify');
});
afterAll(async () => {
  await api.close();
});

const POSTING = {
  title: 'Data Engineer',
  description: 'We need Airflow, Spark and SQL. Kafka is a plus. No Java required.',
};

describe('POST /v1/classify', () => {
  it('returns the Enrichment of a JSON posting, the same as enrich()', async () => {
    const response = await postJson(api.app, '/v1/classify', POSTING);
    expect(response.status).toBe(200);
    const body = (await response.json()) as ReturnType<typeof enrich>;
    expect(body).toEqual(JSON.parse(JSON.stringify(enrich(POSTING, shippedRules()))));
    expect(body.role.id).toBe('data-engineer');
    const java = body.skills.find((skill) => skill.id === 'java');
    expect(java?.requirement).toBe('negated');
  });

  it('takes a text/plain or text/html body with ?title=', async () => {
    const text = await api.app.request('/v1/classify?title=Data%20Engineer', {
      method: 'POST',
      headers: { 'content-type': 'text/plain; charset=utf-8' },
      body: POSTING.description,
    });
    expect(text.status).toBe(200);
    expect(((await text.json()) as { role: { id: string } }).role.id).toBe('data-engineer');
    const html =
      '<h2>Requirements</h2><ul><li>Experience with <b>Airflow</b> &amp; Spark</li><li>Strong SQL</li></ul>';
    const fromHtml = await api.app.request('/v1/classify', {
      method: 'POST',
      headers: { 'content-type': 'text/html' },
      body: html,
    });
    const body = (await fromHtml.json()) as ReturnType<typeof enrich>;
    const airflow = body.skills.find((skill) => skill.id === 'airflow');
    const mention = airflow?.mentions[0];
    // Offsets index the HTML as sent.
    expect(mention && html.slice(mention.start, mention.end)).toBe('Airflow');
  });

  it('classifies a title alone', async () => {
    const response = await postJson(api.app, '/v1/classify', { title: 'Senior Data Engineer' });
    expect(response.status).toBe(200);
    expect(((await response.json()) as { role: { id: string } }).role.id).toBe('data-engineer');
  });

  it('refuses a body with neither title nor description, naming what is expected', async () => {
    const response = await postJson(api.app, '/v1/classify', { title: ' ', description: '' });
    expect(response.status).toBe(400);
    const error = await errorOf(response);
    expect(error.code).toBe('invalid_body');
    expect(error.message).toMatch(/non-empty "title" or "description"/);
  });

  it('names a wrong field type and an unknown field', async () => {
    const wrong = await errorOf(await postJson(api.app, '/v1/classify', { description: 42 }));
    expect(wrong.message).toBe('body description: expected a non-empty string, received 42');
    const unknown = await errorOf(await postJson(api.app, '/v1/classify', { desc: 'x' }));
    expect(unknown.message).toMatch(/unknown field "desc"/);
  });

  it('refuses JSON that does not parse, binary text, other types and bodies over 2 MB', async () => {
    const bad = await api.app.request('/v1/classify', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"title":',
    });
    expect(bad.status).toBe(400);
    expect((await errorOf(bad)).code).toBe('invalid_json');

    const binary = await api.app.request('/v1/classify', {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: new Uint8Array([80, 0, 81]),
    });
    expect(binary.status).toBe(400);
    expect((await errorOf(binary)).code).toBe('binary_input');

    const xml = await api.app.request('/v1/classify', {
      method: 'POST',
      headers: { 'content-type': 'application/xml' },
      body: '<job/>',
    });
    expect(xml.status).toBe(415);
    expect((await errorOf(xml)).message).toMatch(/application\/json, text\/plain, text\/html/);

    const big = await api.app.request('/v1/classify', {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: 'Python '.repeat(400_000),
    });
    expect(big.status).toBe(413);
    const error = await errorOf(big);
    expect(error.code).toBe('input_too_large');
    expect(error.message).toMatch(/2 MB limit/);
  });

  it('answers other methods with 405 and unknown paths with 404, as JSON', async () => {
    const get = await api.app.request('/v1/classify');
    expect(get.status).toBe(405);
    expect(get.headers.get('allow')).toBe('POST');
    expect((await errorOf(get)).code).toBe('method_not_allowed');
    const missing = await api.app.request('/v1/nothing');
    expect(missing.status).toBe(404);
    expect((await errorOf(missing)).message).toMatch(/GET \/v1\/nothing/);
  });
});

describe('POST /v1/classify/batch', () => {
  it('classifies each item in order; a bad item gets its error and the rest go on', async () => {
    const response = await postJson(api.app, '/v1/classify/batch', {
      items: [{ id: 'a', ...POSTING }, { id: 'b', description: 42 }, { title: 'Registered Nurse' }],
    });
    expect(response.status).toBe(200);
    const body = (await response.json()) as {
      failed: number;
      results: Array<{
        id?: string;
        role?: { id: string };
        error?: { code: string; message: string };
      }>;
    };
    expect(body.failed).toBe(1);
    expect(body.results).toHaveLength(3);
    expect(body.results[0]?.id).toBe('a');
    expect(body.results[0]?.role?.id).toBe('data-engineer');
    expect(body.results[1]).toEqual({
      id: 'b',
      error: {
        code: 'invalid_line',
        message: 'items[1]: description: expected a non-empty string, received 42',
      },
    });
    expect(body.results[2]?.id).toBeUndefined();
    expect(body.results[2]?.role?.id).toBeDefined();
  });

  it('accepts a bare array and refuses more than 1,000 items', async () => {
    const bare = await postJson(api.app, '/v1/classify/batch', [{ title: 'Data Engineer' }]);
    expect(bare.status).toBe(200);
    const many = Array.from({ length: 1001 }, () => ({ title: 'x' }));
    const tooMany = await postJson(api.app, '/v1/classify/batch', { items: many });
    expect(tooMany.status).toBe(400);
    expect((await errorOf(tooMany)).message).toMatch(/at most 1000/);
  });
});
