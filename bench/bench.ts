/**
 * `npm run bench`: extract + classify throughput over the postings of roles-dev.jsonl (or the
 * labelled fixtures when it is missing), next to a floor that only reads, converts HTML to text
 * and tokenises the same postings; p50/p99 per posting; peak RSS; CLI start-up time.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { enrich } from '../src/classify/index.js';
import { toTextDocument } from '../src/posting/index.js';
import { loadRules } from '../src/rules/index.js';
import { tokenize } from '../src/text/index.js';

const root = new URL('..', import.meta.url).pathname;
const dataPath = join(root, '..', 'shared', 'data', 'roles-dev.jsonl');
const fixturesPath = join(root, 'test', 'fixtures', 'labelled-postings.jsonl');
const sourcePath = existsSync(dataPath) ? dataPath : fixturesPath;
const MIN_POSTINGS = 3000;

interface BenchPosting {
  title: string;
  description: string;
}

function readPostings(path: string): BenchPosting[] {
  const postings = readFileSync(path, 'utf8')
    .split('\n')
    .filter((line) => line.trim())
    .map((line) => {
      const parsed = JSON.parse(line) as {
        title?: string | null;
        description?: string;
        text?: string;
      };
      return { title: parsed.title ?? '', description: parsed.description ?? parsed.text ?? '' };
    });
  const all = [...postings];
  while (all.length < MIN_POSTINGS) all.push(...postings);
  return all;
}

function percentile(sorted: Float64Array, p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

function run(
  label: string,
  postings: readonly BenchPosting[],
  work: (posting: BenchPosting) => unknown,
) {
  for (const posting of postings.slice(0, 300)) work(posting); // warm-up
  const times = new Float64Array(postings.length);
  const started = performance.now();
  postings.forEach((posting, index) => {
    const t0 = performance.now();
    work(posting);
    times[index] = performance.now() - t0;
  });
  const seconds = (performance.now() - started) / 1000;
  times.sort();
  const bytes = postings.reduce(
    (sum, posting) =>
      sum + Buffer.byteLength(posting.title) + Buffer.byteLength(posting.description),
    0,
  );
  const result = {
    label,
    postingsPerSecond: postings.length / seconds,
    megabytesPerSecond: bytes / 1e6 / seconds,
    p50: percentile(times, 50),
    p99: percentile(times, 99),
  };
  console.log(
    `${label.padEnd(26)} ${result.postingsPerSecond.toFixed(0).padStart(7)} postings/s ${result.megabytesPerSecond.toFixed(2).padStart(7)} MB/s  p50 ${result.p50.toFixed(3)} ms  p99 ${result.p99.toFixed(3)} ms`,
  );
  return result;
}

const postings = readPostings(sourcePath);
const loadStarted = performance.now();
const rules = loadRules();
const loadMs = performance.now() - loadStarted;

console.log(
  `# jobsift bench — ${new Date().toISOString().slice(0, 10)} — node ${process.version}, one process, one core`,
);
console.log(
  `postings: ${postings.length} from ${sourcePath}${sourcePath === fixturesPath ? ' (roles-dev.jsonl not found; fixtures repeated)' : ''}`,
);
console.log(
  `rules: ${rules.skills.size} skills, ${rules.roles.length} roles, loaded and compiled in ${loadMs.toFixed(0)} ms\n`,
);

const floor = run('floor (html→text+tokens)', postings, (posting) => {
  tokenize(posting.title);
  tokenize(toTextDocument(posting.description).text);
});
const full = run('extract + classify', postings, (posting) => enrich(posting, rules));
console.log(`\nratio to floor: ${(floor.postingsPerSecond / full.postingsPerSecond).toFixed(2)}x`);
console.log(`peak RSS: ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`);

const cli = join(root, 'bin', 'jobsift.js');
const sample = join(root, 'fixtures', 'sample-posting.html');
if (existsSync(join(root, 'dist', 'src', 'cli', 'main.js')) && existsSync(sample)) {
  const runs: number[] = [];
  for (let i = 0; i < 5; i++) {
    const t0 = performance.now();
    execFileSync(process.execPath, [cli, 'classify', '--json', sample], { stdio: 'ignore' });
    runs.push(performance.now() - t0);
  }
  runs.sort((a, b) => a - b);
  console.log(
    `jobsift classify (one posting, start to answer): median ${(runs[2] ?? 0).toFixed(0)} ms over 5 runs`,
  );
}
