import { renderToStaticMarkup } from 'react-dom/server';
import { createElement } from 'react';
import { describe, expect, it } from 'vitest';
import { RecoveryCodes } from './recovery-codes.tsx';

describe('RecoveryCodes', () => {
  it('offers Copy, Download (.txt) and Print beside the codes, before "I have saved these codes"', () => {
    const codes = ['aaaa-bbbb', 'cccc-dddd'];
    const html = renderToStaticMarkup(createElement(RecoveryCodes, { codes, owner: { email: 'casey@clinic.example', organisation: 'Jetty Road' }, onDone: () => undefined }));
    const buttons = [...html.matchAll(/<button[^>]*>([^<]*)<\/button>/g)].map((match) => match[1]);
    expect(buttons).toEqual(['Copy', 'Download (.txt)', 'Print', 'I have saved these codes']);
    for (const code of codes) expect(html).toContain(`<code>${code}</code>`);
  });
});
