import { Parser } from 'htmlparser2';
import sanitizeHtml from 'sanitize-html';
import type { DocumentBlock, DocumentSection } from '../../reports/document.model.ts';

/**
 * The one allow-list for document text. Everything stored passes through `sanitiseDocumentHtml` on the
 * server (whatever the editor sent): headings, paragraphs, lists, emphasis, line breaks and links to
 * http(s) or mailto only. Scripts and styles are dropped with their content, every attribute but a
 * link's address is removed (so no event handlers, no inline style), and `javascript:`/`data:` links
 * lose their address.
 */
const options: sanitizeHtml.IOptions = {
  allowedTags: ['h2', 'h3', 'p', 'ul', 'ol', 'li', 'strong', 'em', 'u', 'br', 'a', 'blockquote'],
  allowedAttributes: { a: ['href'] },
  allowedSchemes: ['http', 'https', 'mailto'],
  allowedSchemesAppliedToAttributes: ['href'],
  allowProtocolRelative: false,
  disallowedTagsMode: 'discard',
  nonTextTags: ['script', 'style', 'textarea', 'option', 'noscript', 'title', 'iframe', 'object', 'embed', 'svg', 'math'],
  transformTags: { b: 'strong', i: 'em', h1: 'h2', h4: 'h3', h5: 'h3', h6: 'h3', div: 'p' },
};

/** The draft as stored: only the allow-listed tags and safe link addresses. */
export function sanitiseDocumentHtml(html: string): string {
  return sanitizeHtml(html, options).trim();
}

/** Escapes text for HTML (template text is plain words with the organisation's details). */
export function escapeHtml(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/**
 * Sanitised HTML as the DocumentModel's sections: each h2 starts a section, h3 is a subheading,
 * paragraphs and quotes are paragraphs, list items are bullets (numbered lists are numbered in the
 * text), and a link keeps its address in brackets. Text before the first heading goes under `lead`.
 */
export function htmlToSections(html: string, lead: string): DocumentSection[] {
  const sections: DocumentSection[] = [];
  let current: DocumentSection = { heading: lead, blocks: [] };
  let buffer = '';
  let capture: 'h2' | 'h3' | 'p' | 'li' | null = null;
  const lists: Array<{ ordered: boolean; items: string[] }> = [];
  let href: string | null = null;
  const push = (block: DocumentBlock) => current.blocks.push(block);
  const text = () => buffer.replace(/\s+/g, ' ').trim();
  const flushParagraph = () => {
    const value = text();
    buffer = '';
    if (!value) return;
    const list = lists.at(-1);
    if (capture === 'li' && list) list.items.push(list.ordered ? `${list.items.length + 1}. ${value}` : value);
    else push({ kind: 'paragraph', text: value });
  };
  const parser = new Parser(
    {
      onopentag(name, attributes) {
        if (name === 'h2' || name === 'h3' || name === 'p' || name === 'blockquote') {
          if (capture !== 'li') flushParagraph();
          if (capture !== 'li') capture = name === 'blockquote' ? 'p' : name;
        } else if (name === 'ul' || name === 'ol') {
          flushParagraph();
          lists.push({ ordered: name === 'ol', items: [] });
        } else if (name === 'li') {
          flushParagraph();
          capture = 'li';
        } else if (name === 'br') buffer += ' ';
        else if (name === 'a') href = attributes.href ?? null;
      },
      ontext(data) {
        buffer += data;
      },
      onclosetag(name) {
        if (name === 'a') {
          if (href && !buffer.includes(href)) buffer += ` (${href})`;
          href = null;
        } else if (name === 'h2') {
          const heading = text();
          buffer = '';
          capture = null;
          if (current.blocks.length > 0 || current.heading !== lead) sections.push(current);
          current = { heading: heading || 'Untitled section', blocks: [] };
        } else if (name === 'h3') {
          const heading = text();
          buffer = '';
          capture = null;
          if (heading) push({ kind: 'subheading', text: heading });
        } else if (name === 'li') {
          flushParagraph();
          capture = null;
        } else if (name === 'p' || name === 'blockquote') {
          if (capture !== 'li') {
            flushParagraph();
            capture = null;
          }
        } else if (name === 'ul' || name === 'ol') {
          const list = lists.pop();
          if (list && list.items.length > 0) push({ kind: 'bullets', items: list.items });
        }
      },
    },
    { decodeEntities: true },
  );
  parser.write(html);
  parser.end();
  flushParagraph();
  if (current.blocks.length > 0 || sections.length === 0) sections.push(current);
  return sections;
}
