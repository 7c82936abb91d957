import type { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { type PostingJobData, postingJobId } from '../queue/index.js';
import { postingKeysOfSource, removePosting } from '../stats/index.js';

/**
 * After a complete crawl of a source: takes out of the stats every posting of the source that
 * the crawl did not list. Each removal is atomic (its contribution is withdrawn and a duplicate
 * of the same content counts instead); one interrupted half-way is finished by the next crawl.
 * Returns how many were withdrawn.
 */
export async function withdrawUnlisted(
  redis: Redis,
  prefix: string,
  postings: Queue<PostingJobData>,
  sourceId: string,
  listed: ReadonlySet<string>,
): Promise<number> {
  let withdrawn = 0;
  for (const key of await postingKeysOfSource(redis, prefix, sourceId)) {
    if (listed.has(key)) continue;
    // A job of it still waiting from an earlier crawl would count it again.
    await postings.remove(postingJobId(key)).catch(() => 0);
    if (await removePosting(redis, prefix, key)) withdrawn += 1;
  }
  return withdrawn;
}
