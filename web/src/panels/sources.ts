import { getSources, type SourceStat } from '../api.js';
import { byId, formatNumber, h, replace } from '../dom.js';
import { problemText } from '../problem.js';

function row(source: SourceStat): HTMLElement {
  const cell = (value: number) => h('td', { class: 'number' }, formatNumber(value));
  return h(
    'tr',
    { attrs: { 'data-source': source.id } },
    h('th', { attrs: { scope: 'row' } }, source.id),
    cell(source.postings),
    cell(source.duplicates),
    cell(source.crawls.completed),
    cell(source.crawls.failed),
    cell(source.pages.ok),
    cell(source.pages.failed),
  );
}

/**
 * What each source brings: its postings that count, its copies of postings counted already
 * (exact or near duplicates, from any source), its crawls and pages.
 */
export async function loadSources(): Promise<void> {
  const body = byId('sources-rows');
  const note = byId('sources-note');
  try {
    const report = await getSources();
    replace(body, ...report.sources.map(row));
    note.textContent =
      report.sources.length === 0
        ? 'No source has been crawled yet.'
        : `${formatNumber(report.postings)} postings count once each; ${formatNumber(report.duplicates)} more are copies of one of them.`;
  } catch (error) {
    replace(body);
    note.textContent = problemText(error, 'the sources');
  }
}
