/**
 * The API reference at /docs: one HTML page rendered here from the OpenAPI document, with no
 * script and nothing fetched from elsewhere (no CDN), so it works offline and behind a firewall.
 */

interface Operation {
  summary?: string;
  description?: string;
  tags?: string[];
  parameters?: Array<{
    name: string;
    in: string;
    required?: boolean;
    description?: string;
    schema?: Record<string, unknown>;
  }>;
  requestBody?: { content?: Record<string, { schema?: unknown }> };
  responses?: Record<string, { description?: string }>;
  security?: unknown[];
}

interface Document {
  info: { title: string; version: string; description?: string };
  paths?: Record<string, Record<string, Operation>>;
  components?: { schemas?: Record<string, unknown> };
}

const escapeHtml = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** `code` spans for backticks, the rest escaped. */
const prose = (text: string) =>
  escapeHtml(text).replace(/`([^`]+)`/g, (_, code: string) => `<code>${code}</code>`);

function typeOf(schema: Record<string, unknown> | undefined): string {
  if (schema === undefined) return '';
  if (Array.isArray(schema.enum)) return schema.enum.map(String).join(' | ');
  if (typeof schema.format === 'string') return `${String(schema.type ?? '')} (${schema.format})`;
  if (typeof schema.pattern === 'string')
    return `${String(schema.type ?? 'string')} ${schema.pattern}`;
  return String(schema.type ?? '');
}

function operationHtml(path: string, method: string, op: Operation, doc: Document): string {
  const id = `${method}-${path}`.replace(/[^a-z0-9]+/gi, '-');
  const params = (op.parameters ?? [])
    .map(
      (p) =>
        `<tr><td><code>${escapeHtml(p.name)}</code>${p.required ? ' <b>required</b>' : ''}</td><td>${escapeHtml(p.in)}</td><td><code>${escapeHtml(typeOf(p.schema))}</code></td><td>${prose(p.description ?? String(p.schema?.description ?? ''))}</td></tr>`,
    )
    .join('');
  const body = Object.entries(op.requestBody?.content ?? {})
    .map(([type, { schema }]) => {
      const ref = (schema as { $ref?: string } | undefined)?.$ref;
      const resolved =
        ref === undefined ? schema : doc.components?.schemas?.[ref.split('/').pop() ?? ''];
      return `<details><summary>Body: <code>${escapeHtml(type)}</code></summary><pre>${escapeHtml(JSON.stringify(resolved, null, 2))}</pre></details>`;
    })
    .join('');
  const responses = Object.entries(op.responses ?? {})
    .map(
      ([status, r]) => `<li><code>${escapeHtml(status)}</code> ${prose(r.description ?? '')}</li>`,
    )
    .join('');
  return `<section id="${id}"><h3><span class="m ${method}">${method.toUpperCase()}</span> <code>${escapeHtml(path)}</code>${op.security ? ' <small>(admin token)</small>' : ''}</h3>
<p>${prose(op.summary ?? '')}</p>${op.description ? `<p>${prose(op.description)}</p>` : ''}
${params ? `<table><thead><tr><th>parameter</th><th>in</th><th>type</th><th>description</th></tr></thead><tbody>${params}</tbody></table>` : ''}
${body}<ul>${responses}</ul></section>`;
}

/** The whole page for an OpenAPI 3.1 document. */
export function docsPage(doc: Document): string {
  const operations: Array<{ path: string; method: string; op: Operation }> = [];
  for (const [path, methods] of Object.entries(doc.paths ?? {})) {
    for (const [method, op] of Object.entries(methods)) operations.push({ path, method, op });
  }
  const tags = [...new Set(operations.map((o) => o.op.tags?.[0] ?? 'other'))];
  const sections = tags
    .map(
      (tag) =>
        `<h2>${escapeHtml(tag)}</h2>${operations
          .filter((o) => (o.op.tags?.[0] ?? 'other') === tag)
          .map((o) => operationHtml(o.path, o.method, o.op, doc))
          .join('\n')}`,
    )
    .join('\n');
  const toc = operations
    .map(
      (o) =>
        `<li><a href="#${`${o.method}-${o.path}`.replace(/[^a-z0-9]+/gi, '-')}">${o.method.toUpperCase()} ${escapeHtml(o.path)}</a></li>`,
    )
    .join('');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(doc.info.title)} ${escapeHtml(doc.info.version)}</title>
<style>
body{font:15px/1.5 system-ui,sans-serif;margin:0;display:flex;color:#1d2330}
nav{width:19rem;flex:none;padding:1rem;border-right:1px solid #dde;height:100vh;overflow:auto;position:sticky;top:0;font-size:13px}
nav ul{list-style:none;padding:0}main{padding:1rem 2rem;max-width:60rem}
section{border-top:1px solid #eee;padding:.5rem 0}table{border-collapse:collapse;font-size:14px}
td,th{border:1px solid #dde;padding:.2rem .5rem;text-align:left;vertical-align:top}
pre{background:#f5f6f8;padding:.5rem;overflow:auto;font-size:12px}
.m{font:bold 12px monospace;padding:.1rem .4rem;border-radius:3px;color:#fff}.get{background:#2a7}.post{background:#36c}
a{color:#245}a:focus{outline:2px solid #36c}
</style></head><body>
<nav aria-label="routes"><b>${escapeHtml(doc.info.title)}</b> ${escapeHtml(doc.info.version)}<ul>${toc}</ul><a href="/openapi.json">openapi.json</a></nav>
<main><h1>${escapeHtml(doc.info.title)}</h1><p>${prose(doc.info.description ?? '')}</p>
<p>Errors are always <code>{"error":{"code","message","details"?}}</code>. The machine-readable document is <a href="/openapi.json">/openapi.json</a>.</p>
${sections}</main></body></html>`;
}
