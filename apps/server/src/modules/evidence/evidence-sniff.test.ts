import { describe, expect, it } from 'vitest';
import { officeFile, sampleFiles } from '../../../test/evidence-fixtures.ts';
import { evidenceFileName, sniffEvidenceType } from './evidence-sniff.ts';

describe('evidence file sniffing', () => {
  it('tells the allowed types from their bytes, whatever the name says', async () => {
    expect(sniffEvidenceType(sampleFiles.pdf(), 'photo.jpg')).toBe('application/pdf');
    expect(sniffEvidenceType(sampleFiles.png(), 'x')).toBe('image/png');
    expect(sniffEvidenceType(sampleFiles.jpeg(), 'x.pdf')).toBe('image/jpeg');
    expect(sniffEvidenceType(await officeFile('docx'), 'x.xlsx')).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    expect(sniffEvidenceType(await officeFile('xlsx'), 'x.docx')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(sniffEvidenceType(sampleFiles.csv(), 'register.CSV')).toBe('text/csv');
    expect(sniffEvidenceType(Buffer.from('\uFEFFNotes of the 12/03 drill\r\n\tEveryone out.\f'), 'notes.txt')).toBe('text/plain');
  });

  it('refuses programs, markup, macro documents, other ZIPs, binary text and broken files', async () => {
    const zipOfOther = Buffer.from('504b0304', 'hex');
    const refused: Array<[string, Buffer]> = [
      ['a program', sampleFiles.exe()],
      ['HTML', sampleFiles.html()],
      ['HTML after some text', Buffer.from('Report\n<a href="https://evil.example">x</a>')],
      ['SVG', Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>')],
      ['XML', Buffer.from('  <?xml version="1.0"?><x/>')],
      ['a macro-enabled document', await officeFile('docm')],
      ['a ZIP cut short', Buffer.concat([zipOfOther, Buffer.alloc(40)])],
      ['text with a NUL byte', Buffer.from('abc\u0000def')],
      ['text with an escape sequence', Buffer.from('abc\u001b[31m')],
      ['invalid UTF-8', Buffer.from([0x61, 0xff, 0xfe, 0x62])],
      ['a GIF', Buffer.concat([Buffer.from('GIF89a'), Buffer.from([0x01, 0x00, 0x01, 0x00, 0x80, 0x00, 0x00])])],
    ];
    for (const [what, bytes] of refused) expect(sniffEvidenceType(bytes, 'evidence.pdf'), what).toBeNull();
  });

  it('keeps the name, adding the type’s extension when the name lacks one', () => {
    expect(evidenceFileName('Policy.PDF', 'application/pdf')).toBe('Policy.PDF');
    expect(evidenceFileName('scan', 'image/jpeg')).toBe('scan.jpg');
    expect(evidenceFileName('photo.jpeg', 'image/jpeg')).toBe('photo.jpeg');
    expect(evidenceFileName('invoice.pdf', 'text/plain')).toBe('invoice.pdf.txt');
  });
});
