import { classify, type Enrichment } from '../api.js';
import { byId, h, percent, replace } from '../dom.js';
import { type MentionOf, segments } from '../highlight.js';
import { problemText } from '../problem.js';

function description(text: string, enrichment: Enrichment): HTMLElement {
  const mentions: MentionOf[] = enrichment.skills.flatMap((skill) =>
    skill.mentions.map((m) => ({
      skill: skill.name,
      requirement: skill.requirement,
      start: m.start,
      end: m.end,
    })),
  );
  return h(
    'div',
    {
      class: 'description',
      attrs: { tabindex: 0, 'aria-label': 'Description with skills marked' },
    },
    ...segments(text, mentions).map((segment) =>
      segment.kind === 'text'
        ? segment.text
        : h(
            'mark',
            {
              class: segment.requirement,
              attrs: { title: `${segment.skill} (${segment.requirement})` },
            },
            segment.text,
          ),
    ),
  );
}

function result(text: string, enrichment: Enrichment, roleName: (id: string) => string): Node[] {
  const top = enrichment.roles.slice(0, 5);
  const named = enrichment.skills.filter((s) => !s.implied);
  const byLevel = (level: string) =>
    named.filter((s) => s.requirement === level).map((s) => s.name);
  return [
    h(
      'p',
      { class: 'role-result' },
      'Role: ',
      h('strong', { attrs: { id: 'classify-role' } }, enrichment.role.name),
      ` (${enrichment.role.id}) ${percent(enrichment.role.score)}`,
    ),
    h(
      'div',
      { class: 'columns' },
      h(
        'div',
        {},
        h('h3', {}, 'Scores'),
        h(
          'table',
          { class: 'scores' },
          h(
            'tbody',
            {},
            ...top.map((r) =>
              h(
                'tr',
                {},
                h('th', { attrs: { scope: 'row' } }, roleName(r.id)),
                h('td', {}, percent(r.score)),
                h('td', {}, h('meter', { attrs: { min: 0, max: 1, value: r.score } })),
              ),
            ),
          ),
        ),
      ),
      h(
        'div',
        {},
        h('h3', {}, 'Why'),
        h(
          'ul',
          { class: 'reasons' },
          ...enrichment.reasons
            .slice(0, 8)
            .map((r) =>
              h(
                'li',
                {},
                `${r.kind} “${r.text}” `,
                h(
                  'span',
                  { class: 'muted' },
                  `${r.weight > 0 ? '+' : ''}${r.weight} for ${roleName(r.role)}`,
                ),
              ),
            ),
        ),
      ),
      h(
        'div',
        {},
        h('h3', {}, 'Skills'),
        h(
          'dl',
          { class: 'levels-list' },
          ...(['required', 'preferred', 'mentioned', 'negated'] as const).flatMap((level) => {
            const names = byLevel(level);
            return names.length === 0
              ? []
              : [
                  h(
                    'dt',
                    {},
                    h(
                      'span',
                      { class: `badge ${level}` },
                      level === 'negated' ? 'not wanted' : level,
                    ),
                  ),
                  h('dd', {}, names.join(', ')),
                ];
          }),
        ),
      ),
    ),
    h('h3', {}, 'Description'),
    description(text, enrichment),
  ];
}

/** The paste box: classifies a posting through POST /v1/classify and shows what it found. */
export function setupClassify(roleName: (id: string) => string): void {
  const form = byId<HTMLFormElement>('classify-form');
  const title = byId<HTMLInputElement>('classify-title-input');
  const text = byId<HTMLTextAreaElement>('classify-text');
  const status = byId('classify-status');
  const output = byId('classify-result');
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const description = text.value;
    if (description.trim() === '' && title.value.trim() === '') {
      status.textContent = 'Paste a posting first.';
      return;
    }
    status.textContent = 'Classifying…';
    classify(title.value, description).then(
      (enrichment) => {
        status.textContent = '';
        replace(output, ...result(description, enrichment, roleName));
        output.hidden = false;
      },
      (error: unknown) => {
        status.textContent = problemText(error, 'the classification');
      },
    );
  });
}
