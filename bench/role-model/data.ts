/**
 * The labelled data the role model is fitted and measured on (../shared/data, see its README):
 * each posting in the three input modes, its fold, and its features, computed once.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import {
  analysisRoleFeatures,
  type InputMode,
  type RoleFeatures,
} from '../../src/classify/index.js';
import { analyzePosting } from '../../src/extract/index.js';
import type { CompiledRules } from '../../src/rules/index.js';

export const FOLDS = 5;

export type DatasetName = 'roles' | 'generic' | 'titles';

export interface LabelledPosting {
  readonly id: string;
  readonly dataset: DatasetName;
  readonly title: string;
  readonly description: string;
  readonly role: string;
  readonly confidence?: string;
  readonly why?: string;
  /** 0..FOLDS-1, from a hash of the id: the same posting is in the same fold in every run. */
  readonly fold: number;
}

export interface Example {
  readonly posting: LabelledPosting;
  readonly mode: InputMode;
  readonly features: RoleFeatures;
}

const line = z.object({
  id: z.string(),
  title: z.string().nullish(),
  description: z.string().nullish(),
  role: z.string(),
  confidence: z.string().optional(),
  why: z.string().optional(),
});

export const DATA_FILES: Record<DatasetName, string> = {
  roles: 'roles-dev.jsonl',
  generic: 'roles-generic-dev.jsonl',
  titles: 'titles-dev.jsonl',
};

export function dataAvailable(dir: string): boolean {
  return Object.values(DATA_FILES).every((name) => existsSync(join(dir, name)));
}

export function readPostings(dir: string, dataset: DatasetName): LabelledPosting[] {
  const path = join(dir, DATA_FILES[dataset]);
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((text) => text.trim())
    .map((text, index) => {
      const parsed = line.safeParse(JSON.parse(text));
      if (!parsed.success) throw new Error(`${path}: line ${index + 1}: ${parsed.error.message}`);
      const { id, title, description, role, confidence, why } = parsed.data;
      return {
        id,
        dataset,
        title: title ?? '',
        description: description ?? '',
        role,
        ...(confidence ? { confidence } : {}),
        ...(why ? { why } : {}),
        fold: foldOf(id),
      };
    });
}

export function foldOf(id: string): number {
  return createHash('sha1').update(id).digest().readUInt32BE(0) % FOLDS;
}

export function featuresOf(
  posting: { readonly title: string; readonly description: string },
  rules: CompiledRules,
): RoleFeatures {
  return analysisRoleFeatures(analyzePosting(posting, rules), rules);
}

/**
 * A full-stack posting is labelled python-full-stack-developer when its title says Python,
 * Django or Flask, or when its description names a Python web framework (../shared/data's
 * README). A title that says none of them does not carry that label alone: "Full Stack
 * Engineer" by itself is web-developer, as the titles file labels it.
 */
const PYTHON_IN_TITLE = /python|django|flask|fastapi|pyramid/i;

function labelNeedsDescription(posting: LabelledPosting): boolean {
  return posting.role === 'python-full-stack-developer' && !PYTHON_IN_TITLE.test(posting.title);
}

/**
 * Training examples: every posting with title and description, again without its title, and
 * every title alone (the three ways postings arrive), except a title whose label came from its
 * description. Low-confidence generic labels are left out.
 */
export function trainingExamples(
  postings: readonly LabelledPosting[],
  rules: CompiledRules,
): Example[] {
  const examples: Example[] = [];
  const push = (posting: LabelledPosting, mode: InputMode, title: string, description: string) =>
    examples.push({ posting, mode, features: featuresOf({ title, description }, rules) });
  for (const posting of postings) {
    if (posting.confidence === 'low') continue;
    if (posting.dataset === 'titles') {
      push(posting, 'title-only', posting.title, '');
      continue;
    }
    if (posting.title) push(posting, 'full', posting.title, posting.description);
    push(posting, 'no-title', '', posting.description);
    if (posting.title && posting.dataset === 'roles' && !labelNeedsDescription(posting))
      push(posting, 'title-only', posting.title, '');
  }
  return examples;
}
