import { useEffect, useRef } from 'react';

const commands: Array<{ label: string; run: () => void }> = [
  { label: 'Heading', run: () => document.execCommand('formatBlock', false, 'h2') },
  { label: 'Subheading', run: () => document.execCommand('formatBlock', false, 'h3') },
  { label: 'Paragraph', run: () => document.execCommand('formatBlock', false, 'p') },
  { label: 'Bold', run: () => document.execCommand('bold') },
  { label: 'Italic', run: () => document.execCommand('italic') },
  { label: 'Bullets', run: () => document.execCommand('insertUnorderedList') },
  { label: 'Numbered', run: () => document.execCommand('insertOrderedList') },
];

/**
 * A small rich-text editor: an editable region with a toolbar of the formats the server keeps
 * (headings, paragraphs, bold, italic, lists). What it sends is HTML; the server sanitises it against
 * its allow-list before storing, so pasted styles or scripts never reach the database.
 */
export function RichTextEditor({ label, initialHtml, resetKey = 0, onChange }: { label: string; initialHtml: string; resetKey?: number; onChange: (html: string) => void }) {
  const region = useRef<HTMLDivElement>(null);
  // The region is replaced only when initialHtml or resetKey changes (opening, discarding), never while typing.
  useEffect(() => {
    if (region.current && region.current.innerHTML !== initialHtml) region.current.innerHTML = initialHtml;
  }, [initialHtml, resetKey]);
  return (
    <div className="rich-text">
      <div role="toolbar" aria-label={`${label} formatting`} className="rich-text-toolbar">
        {commands.map((command) => (
          <button
            key={command.label}
            type="button"
            className="button secondary"
            onMouseDown={(event) => event.preventDefault()}
            onClick={() => {
              command.run();
              onChange(region.current?.innerHTML ?? '');
            }}
          >
            {command.label}
          </button>
        ))}
      </div>
      <div
        ref={region}
        className="policy-text rich-text-region"
        contentEditable
        role="textbox"
        aria-multiline="true"
        aria-label={label}
        tabIndex={0}
        onInput={() => onChange(region.current?.innerHTML ?? '')}
        suppressContentEditableWarning
      />
    </div>
  );
}
