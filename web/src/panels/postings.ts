import { getPostings, type PostingSummary } from '../api.js';
import { byId, h, replace } from '../dom.js';
import { problemText } from '../problem.js';

const LIMIT = 50;

/** Only http(s) links are followed; anything else (javascript:, data:) shows as text. */
function safeUrl(url: string | null | undefined): string | undefined {
  if (url === null || url === undefined) return undefined;
  try {
    const parsed = new URL(url, window.location.href);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.href : undefined;
  } catch {
    return undefined;
  }
}

function item(posting: PostingSummary, skillId: string): HTMLElement {
  const url = safeUrl(posting.url);
  const level = posting.skills?.find((s) => s.id === skillId)?.requirement;
  const facts = [
    posting.company,
    posting.location,
    posting.datePosted?.slice(0, 10),
    posting.source,
  ].filter((fact): fact is string => typeof fact === 'string' && fact !== '');
  return h(
    'li',
    { attrs: { 'data-key': posting.key } },
    url === undefined
      ? h('span', { class: 'posting-title' }, posting.title)
      : h(
          'a',
          {
            class: 'posting-title',
            attrs: { href: url, target: '_blank', rel: 'noopener noreferrer' },
          },
          posting.title,
        ),
    level === undefined ? null : h('span', { class: `badge ${level}` }, level),
    h('div', { class: 'muted' }, facts.join(' · ')),
  );
}

/** The postings behind a skill's bar (of the chosen role), linked to their source. */
export async function loadPostings(
  skill: { id: string; name: string } | undefined,
  roleId: string | undefined,
  roleName: (id: string) => string,
): Promise<void> {
  const list = byId('postings');
  const note = byId('postings-note');
  if (skill === undefined) {
    replace(list);
    note.textContent = 'Choose a skill to list the postings behind its bar.';
    return;
  }
  note.textContent = `Loading postings that ask for ${skill.name}…`;
  try {
    const postings = await getPostings(skill.id, roleId, LIMIT);
    const of = roleId === undefined ? '' : ` ${roleName(roleId)}`;
    note.textContent =
      postings.length === 0
        ? `No${of} postings ask for ${skill.name}.`
        : `${postings.length === LIMIT ? `The first ${LIMIT}` : postings.length}${of} postings that ask for ${skill.name}:`;
    replace(list, ...postings.map((p) => item(p, skill.id)));
  } catch (error) {
    replace(list);
    note.textContent = problemText(error, 'the postings');
  }
}
