/**
 * A draft's HTML as plain text, a line for each heading, paragraph or list item ("• " before items):
 * how two versions of a document's text are compared in the edit-conflict notice, where formatting
 * does not matter and small differences in how the same HTML is written (the server tidies it) vanish.
 */
export function draftText(html: string): string {
  const body = new DOMParser().parseFromString(html, 'text/html').body;
  for (const br of Array.from(body.querySelectorAll('br'))) br.replaceWith('\n');
  for (const item of Array.from(body.querySelectorAll('li'))) item.prepend('• ');
  for (const block of Array.from(body.querySelectorAll('p, h1, h2, h3, h4, h5, h6, li, div, blockquote, pre'))) block.append('\n');
  return (body.textContent ?? '')
    .split('\n')
    .map((line) => line.replace(/\s+/g, ' ').trim())
    .filter((line) => line !== '')
    .join('\n');
}
