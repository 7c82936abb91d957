/**
 * Skill mention measures on SkillSpan postings, as issue 11 defines them: a predicted mention is
 * right when it overlaps any gold span (knowledge or skill layer); technology recall is counted
 * over the gold `knowledge` spans that name a technology: the whole span is a Stack Exchange tag
 * or an O*NET technology example, or one of its words is a tag with 10,000 questions or more
 * ("Spring" of "Spring Boot microservices"). "Financial services" or "design" name none.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { enrich } from '../src/classify/index.js';
import type { CompiledRules } from '../src/rules/index.js';
import { type Span, spanScores } from './metrics.js';

interface GoldSpan extends Span {
  readonly type: string;
}

export interface SkillScores {
  readonly precision: number;
  readonly recall: number;
  readonly predicted: number;
  readonly gold: number;
}

export function evaluateSkills(path: string, vocabDir: string, rules: CompiledRules): SkillScores {
  const vocab = loadVocabulary(vocabDir);
  const documents = readFileSync(path, 'utf8')
    .split('\n')
    .filter((line) => line.trim())
    .map((line) => JSON.parse(line) as { description: string; spans: GoldSpan[] });
  return spanScores(
    documents.map(({ description, spans }) => {
      const enrichment = enrich({ title: '', description }, rules);
      const predicted = enrichment.skills.flatMap((skill) =>
        skill.mentions.map(({ start, end }) => ({ start, end })),
      );
      const knowledge = spans.filter((span) => span.type === 'knowledge');
      const recallGold = vocab
        ? knowledge.filter((span) =>
            namesTechnology(description.slice(span.start, span.end), vocab),
          )
        : knowledge;
      return { predicted, gold: spans, recallGold };
    }),
  );
}

interface Vocabulary {
  /** Tag names (hyphens read as spaces) and O*NET examples, lowercased. */
  readonly names: Set<string>;
  /** One-word tags with at least POPULAR_TAG questions. */
  readonly popularWords: Set<string>;
}

const POPULAR_TAG = 10_000;

export function loadVocabulary(dir: string): Vocabulary | null {
  const words = new Set<string>();
  const popularWords = new Set<string>();
  for (const name of ['stackoverflow-tags.csv', 'serverfault-tags.csv']) {
    const path = join(dir, name);
    if (!existsSync(path)) continue;
    for (const line of readFileSync(path, 'utf8').split('\n').slice(1)) {
      const [, quotedTag, quotedCount] = line.split(',');
      const tag = quotedTag?.replace(/^"|"$/g, '').trim().toLowerCase();
      if (!tag) continue;
      words.add(tag.replace(/-/g, ' '));
      if (Number(quotedCount?.replace(/"/g, '')) >= POPULAR_TAG && !tag.includes('-'))
        popularWords.add(tag);
    }
  }
  const onet = join(dir, 'onet-technology-skills.csv');
  if (existsSync(onet)) {
    for (const line of readFileSync(onet, 'utf8').split('\n').slice(1)) {
      const example = line.match(/^[^,]*,(?:"[^"]*"|[^,]*),("[^"]*"|[^,]*)/)?.[1];
      if (example) words.add(example.replace(/^"|"$/g, '').trim().toLowerCase());
    }
  }
  return words.size > 0 ? { names: words, popularWords } : null;
}

export function namesTechnology(span: string, vocab: Vocabulary): boolean {
  const lower = span.toLowerCase().replace(/-/g, ' ').trim();
  if (vocab.names.has(lower)) return true;
  return lower
    .split(/[^a-z0-9+#.]+/)
    .some((word) => word.length > 1 && vocab.popularWords.has(word));
}
