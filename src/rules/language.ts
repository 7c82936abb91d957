import { RulesError } from '../errors.js';
import { tokenize } from '../text/index.js';
import type { LanguageFile } from './schema.js';
import type { CompiledLanguage, CueIndex } from './types.js';

/**
 * Compiles a validated language file: phrases to token sequences, headings to one pattern
 * each. Word lists take single words; a phrase there is a RulesError naming its place in `path`.
 */
export function compileLanguage(file: LanguageFile, path: string): CompiledLanguage {
  const { requirement } = file;
  const wordSet = (field: string, words: readonly string[]): Set<string> =>
    new Set(
      words.map((word, index) => {
        const tokens = phraseTokens(word);
        if (tokens.length !== 1) {
          throw new RulesError(
            `${path}: ${field}[${index}]: expected one word, received ${JSON.stringify(word)}`,
          );
        }
        return tokens[0] as string;
      }),
    );
  const commonWords = wordSet('commonWords', file.commonWords);
  return {
    code: file.language,
    name: file.name,
    commonWords,
    cues: {
      required: wordSet('requirement.required', requirement.required),
      preferred: cueIndex(requirement.preferred),
      negators: wordSet('requirement.negators', requirement.negators),
      negationExceptions: cueIndex(requirement.negationExceptions),
      negationBridge: wordSet('requirement.negationBridge', requirement.negationBridge),
      negationTargets: wordSet('requirement.negationTargets', requirement.negationTargets),
      scopeBreakers: wordSet('requirement.scopeBreakers', requirement.scopeBreakers),
      candidateWords: wordSet('requirement.candidateWords', requirement.candidateWords),
      descriptorNouns: wordSet('requirement.descriptorNouns', requirement.descriptorNouns),
      descriptorJoiners: wordSet('requirement.descriptorJoiners', requirement.descriptorJoiners),
      companyWords: wordSet('requirement.companyWords', requirement.companyWords),
      commonWords,
    },
    ...(file.seniority ? { seniority: file.seniority } : {}),
    headings: file.sections.map(({ kind, headings }) => ({
      kind,
      pattern: headingPattern(headings),
    })),
  };
}

function phraseTokens(phrase: string): string[] {
  return tokenize(phrase).map((token) => token.norm);
}

function cueIndex(phrases: readonly string[]): CueIndex {
  const grouped = new Map<string, string[][]>();
  for (const phrase of phrases) {
    const tokens = phraseTokens(phrase);
    const first = tokens[0];
    if (first === undefined) continue;
    grouped.set(first, [...(grouped.get(first) ?? []), tokens]);
  }
  return grouped;
}

/**
 * One pattern for a kind's headings, between word edges. \b knows only ASCII letters, so
 * "über uns" needs Unicode edges; ASCII headings keep \b, which V8 searches faster.
 */
function headingPattern(headings: readonly string[]): RegExp {
  const alternatives = headings.join('|');
  return !/[^\p{ASCII}]/u.test(alternatives)
    ? new RegExp(`\\b(?:${alternatives})\\b`)
    : new RegExp(`(?<![\\p{L}\\p{N}_])(?:${alternatives})(?![\\p{L}\\p{N}_])`, 'u');
}
