/**
 * `npm run bench` (the API part): one server process (`jobsift serve` as createApp + startServer,
 * forked) and autocannon in this process, so the load generator does not share the server's core.
 *
 * 1. POST /v1/classify with a typical posting (fixtures/sample-posting.html, 6 KB), 32
 *    connections, beside GET /healthz at 32 connections as the server's own ceiling, in one run.
 * 2. GET /v1/stats/skills on 100,000 recorded postings (12 roles, ~20 skills each, 365 days):
 *    the first (uncached) answer, then p99 under load.
 * 3. Export of the 100,000 postings (jobsift export's code, in its own process): postings/s and
 *    peak RSS, beside an export of 20,000 to show memory does not grow with the count.
 */
import { type ChildProcess, fork } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { createApp, startServer } from '../src/api/index.js';
import { loadConfig } from '../src/config.js';
import { createRedis, openQueues, startRedisServer } from '../src/queue/index.js';
import { loadRules } from '../src/rules/index.js';
import { type CountedLevel, exportLines, recordPosting } from '../src/stats/index.js';

const self = fileURLToPath(import.meta.url);
const root = new URL('..', import.meta.url).pathname;
const DURATION = Number(process.env.BENCH_SECONDS ?? 10);
const EXPORT_HEAP_MB = 128;

async function serverChild(redisUrl: string, prefix: string): Promise<void> {
  const config = loadConfig({ REDIS_URL: redisUrl, JOBSIFT_PREFIX: prefix }, { port: 0 });
  const redis = createRedis(redisUrl);
  const queues = openQueues(redis, prefix);
  const server = await startServer(
    createApp({ rules: loadRules(), redis, queues, config, log: () => {} }),
    config,
  );
  process.send?.({ url: server.url });
}

async function exportChild(redisUrl: string, prefix: string, limit: number): Promise<void> {
  const redis = createRedis(redisUrl);
  const started = performance.now();
  let count = 0;
  let bytes = 0;
  for await (const chunk of exportLines(redis, prefix, {}, 'jsonl')) {
    count += chunk.split('\n').length - 1;
    bytes += chunk.length;
    if (count >= limit) break;
  }
  const seconds = (performance.now() - started) / 1000;
  const rssMb = process.resourceUsage().maxRSS / 1024;
  process.send?.({ count, seconds, rssMb, bytes });
  await redis.quit();
}

function child(
  args: string[],
  nodeFlags: string[] = [],
): Promise<{ proc: ChildProcess; message: Record<string, number | string> }> {
  const proc = fork(self, args, { execArgv: ['--import', 'tsx', ...nodeFlags], stdio: 'inherit' });
  return new Promise((resolve, reject) => {
    proc.once('message', (message) =>
      resolve({ proc, message: message as Record<string, number> }),
    );
    proc.once('exit', (code) => reject(new Error(`bench child ${args[0]} exited ${code}`)));
  });
}

interface Run {
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  non2xx: number;
}

async function load(options: autocannon.Options): Promise<Run> {
  const result = await autocannon({ duration: DURATION, ...options });
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
  };
}

const line = (label: string, r: Run, extra = '') =>
  console.log(
    `${label.padEnd(34)} ${r.rps.toFixed(0).padStart(6)} req/s  p50 ${r.p50.toFixed(1)} ms  p99 ${r.p99.toFixed(1)} ms  errors ${r.errors + r.non2xx}${extra}`,
  );

/** 100,000 postings: deterministic, spread over roles, skills and a year of days. */
async function seed(redisUrl: string, prefix: string, total: number): Promise<number> {
  const rules = loadRules();
  const roles = [...rules.roles.map((r) => r.id), 'other'];
  const skills = [...rules.skills.keys()].slice(0, 400);
  const levels: CountedLevel[] = ['required', 'preferred', 'mentioned'];
  const redis = createRedis(redisUrl);
  let seedValue = 42;
  const random = () => {
    seedValue = (seedValue * 1_103_515_245 + 12_345) % 2_147_483_648;
    return seedValue / 2_147_483_648;
  };
  const started = performance.now();
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)] as T;
  for (let i = 0; i < total; i += 500) {
    const batch = [];
    for (let j = i; j < Math.min(total, i + 500); j++) {
      const role = pick(roles);
      const chosen = new Map<string, CountedLevel>();
      while (chosen.size < 20)
        chosen.set(skills[Math.floor(random() ** 2 * skills.length)] as string, pick(levels));
      const day = new Date(Date.UTC(2026, 0, 1 + Math.floor(random() * 365)))
        .toISOString()
        .slice(0, 10);
      const key = `bench:${j}`;
      const salary =
        random() < 0.3
          ? {
              currency: 'EUR',
              period: 'year' as const,
              min: 40_000 + Math.round(random() * 60_000),
              from: 'posting' as const,
            }
          : undefined;
      batch.push(
        recordPosting(redis, prefix, {
          key,
          fingerprint: `fp${j}`,
          datePosted: day,
          seenAt: new Date('2026-12-01T00:00:00Z'),
          contribution: { role, skills: [...chosen].map(([id, level]) => ({ id, level })) },
          summary: {
            key,
            source: 'bench',
            sourceId: String(j),
            url: `https://jobs.example/${j}`,
            title: `Engineer ${j}`,
            company: `Company ${j % 500}`,
            lastSeen: '2026-12-01T00:00:00.000Z',
            role: { id: role, name: role, score: 0.8 },
            skills: [...chosen].map(([id, requirement]) => ({ id, name: id, requirement })),
            ...(salary === undefined ? {} : { salary }),
          },
        }),
      );
    }
    await Promise.all(batch);
  }
  await redis.quit();
  return total / ((performance.now() - started) / 1000);
}

async function main(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'jobsift-bench-redis-'));
  const redisHandle = await startRedisServer(dataDir, false);
  const prefix = 'bench';
  const children: ChildProcess[] = [];
  try {
    console.log(
      `# jobsift API bench — ${new Date().toISOString().slice(0, 10)} — node ${process.version}, ${availableParallelism()} cores; server: one process; load: autocannon in another; ${DURATION} s per run`,
    );
    const server = await child(['--serve', redisHandle.url, prefix]);
    children.push(server.proc);
    const url = String(server.message.url);
    const posting = readFileSync(join(root, 'fixtures', 'sample-posting.html'), 'utf8');
    const body = JSON.stringify({ title: 'Senior Python Engineer', description: posting });

    // Warm up both routes (JIT, rules caches), then measure each at 32 connections.
    await load({ url: `${url}/healthz`, connections: 8, duration: 2 });
    await load({
      url: `${url}/v1/classify`,
      method: 'POST',
      body,
      headers: { 'content-type': 'application/json' },
      connections: 8,
      duration: 2,
    });
    const health = await load({ url: `${url}/healthz`, connections: 32 });
    const classify = await load({
      url: `${url}/v1/classify`,
      method: 'POST',
      body,
      headers: { 'content-type': 'application/json' },
      connections: 32,
    });
    console.log(
      `\nPOST /v1/classify: ${Buffer.byteLength(body)} bytes of JSON (fixtures/sample-posting.html with its title)`,
    );
    line('GET /healthz (the ceiling)', health);
    line('POST /v1/classify', classify, `  ${(classify.rps / health.rps).toFixed(2)}× healthz`);

    const total = Number(process.env.BENCH_POSTINGS ?? 100_000);
    const rate = await seed(redisHandle.url, prefix, total);
    console.log(
      `\nrecorded ${total} postings with summaries in Redis (${rate.toFixed(0)} postings/s through the record script)`,
    );
    const coldStarted = performance.now();
    const cold = await fetch(`${url}/v1/stats/skills?top=10`);
    const coldMs = performance.now() - coldStarted;
    if (cold.status !== 200) throw new Error(`stats answered ${cold.status}`);
    console.log(`GET /v1/stats/skills, first (uncached) answer: ${coldMs.toFixed(0)} ms`);
    const stats = await load({ url: `${url}/v1/stats/skills?top=10`, connections: 8 });
    line('GET /v1/stats/skills (8 conn.)', stats);
    const postings = await load({ url: `${url}/v1/postings?limit=50`, connections: 8 });
    line('GET /v1/postings?limit=50 (8 conn.)', postings);
    const firstSkill = [...loadRules().skills.keys()][0] ?? 'python';
    const bySkill = await load({
      url: `${url}/v1/postings?skill=${firstSkill}&role=other&limit=50`,
      connections: 8,
    });
    line('GET /v1/postings?skill&role (8 conn.)', bySkill);

    console.log('');
    for (const limit of [20_000, total]) {
      // A small heap cap: an export that held its postings would die; a streamed one is flat.
      const exported = await child(
        ['--export', redisHandle.url, prefix, String(limit)],
        [`--max-old-space-size=${EXPORT_HEAP_MB}`],
      );
      children.push(exported.proc);
      const { count, seconds, rssMb, bytes } = exported.message as {
        count: number;
        seconds: number;
        rssMb: number;
        bytes: number;
      };
      console.log(
        `export ${String(count).padStart(6)} postings (JSONL, ${(bytes / 1e6).toFixed(0)} MB): ${(count / seconds).toFixed(0)} postings/s, peak RSS ${rssMb.toFixed(0)} MB (heap capped at ${EXPORT_HEAP_MB} MB)`,
      );
    }
  } finally {
    for (const proc of children) proc.kill();
    await redisHandle.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

const [mode, redisUrl = '', prefix = '', limit = '0'] = process.argv.slice(2);
if (mode === '--serve') await serverChild(redisUrl, prefix);
else if (mode === '--export') {
  await exportChild(redisUrl, prefix, Number(limit));
  process.exit(0);
} else await main();
