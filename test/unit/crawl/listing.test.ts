import { describe, expect, it } from 'vitest';
import { jobLinksFromListing } from '../../../src/crawl/adapters/index.js';

const PAGE = 'https://cobaltbakery.example/careers/';

function listing(body: string, head = ''): string {
  return `<!DOCTYPE html><html><head>${head}</head><body>${body}</body></html>`;
}

describe('jobLinksFromListing', () => {
  it('returns same-origin absolute links, de-duplicated, without fragments, in page order', () => {
    const html = listing(`
      <a href="/jobs/shift-lead">Shift lead</a>
      <a href="pastry-cook#apply">Pastry cook</a>
      <a href="https://cobaltbakery.example/jobs/shift-lead#top">Shift lead again</a>
      <a href="https://other.example/jobs/1">Partner</a>
      <a href="http://cobaltbakery.example/jobs/insecure">Other scheme, other origin</a>
      <a href="//cobaltbakery.example/jobs/driver?ref=list">Driver</a>
    `);
    expect(jobLinksFromListing(html, PAGE)).toEqual([
      'https://cobaltbakery.example/jobs/shift-lead',
      'https://cobaltbakery.example/careers/pastry-cook',
      'https://cobaltbakery.example/jobs/driver?ref=list',
    ]);
  });

  it('skips assets, non-http schemes, bare fragments and the page itself', () => {
    const html = listing(`
      <a href="/files/benefits.pdf">Benefits</a>
      <a href="/static/site.css">css</a>
      <a href="/static/app.js?v=3">js</a>
      <a href="/img/Team.JPG">photo</a>
      <a href="mailto:jobs@cobaltbakery.example">Mail</a>
      <a href="tel:+15551234">Call</a>
      <a href="javascript:void(0)">Menu</a>
      <a href="#openings">Openings</a>
      <a href="">Empty</a>
      <a href="/careers/">Self</a>
      <a href="/careers/#faq">Self with fragment</a>
      <a>No href</a>
      <a href="/jobs/baker">Baker</a>
    `);
    expect(jobLinksFromListing(html, `${PAGE}#top`)).toEqual([
      'https://cobaltbakery.example/jobs/baker',
    ]);
  });

  it('resolves relative links against <base href>', () => {
    const html = listing('<a href="baker">Baker</a>', '<base href="/openings/">');
    expect(jobLinksFromListing(html, PAGE)).toEqual([
      'https://cobaltbakery.example/openings/baker',
    ]);
  });

  it('returns nothing for a page without links', () => {
    expect(jobLinksFromListing(listing('<p>No openings right now.</p>'), PAGE)).toEqual([]);
  });
});
