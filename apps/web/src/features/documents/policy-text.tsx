/**
 * A document's text as the server stored it. The server sanitises every draft with a strict allow-list
 * (headings, paragraphs, lists, emphasis, http(s)/mailto links; no attributes but a link's address), so
 * this HTML carries no script, handler or style; the page's CSP forbids inline script regardless.
 */
export function PolicyText({ html }: { html: string }) {
  return <div className="policy-text" dangerouslySetInnerHTML={{ __html: html }} />;
}
