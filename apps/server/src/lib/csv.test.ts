import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CsvError, parseCsv } from './csv.ts';

/** A field as a spreadsheet writes it: quoted (quotes doubled) when it holds a comma, quote or line break. */
function written(field: string): string {
  return /[",\r\n]/.test(field) ? `"${field.replaceAll('"', '""')}"` : field;
}

describe('parseCsv', () => {
  it('reads quoted fields with commas, doubled quotes and line breaks, and records of different lengths', () => {
    const text = '\uFEFFRef,Name,Notes\r\nA-1,"Server, rack 2","He said ""reboot""\nthen left"\r\nA-2,Laptop\r\n\r\nA-3,"",x,\r\n';
    expect(parseCsv(text)).toEqual([
      ['Ref', 'Name', 'Notes'],
      ['A-1', 'Server, rack 2', 'He said "reboot"\nthen left'],
      ['A-2', 'Laptop'],
      [''],
      ['A-3', '', 'x', ''],
    ]);
  });

  it('takes LF, CRLF or a lone CR between records, with or without a final line break', () => {
    for (const eol of ['\n', '\r\n', '\r']) {
      expect(parseCsv(`a,b${eol}c,d${eol}`)).toEqual([
        ['a', 'b'],
        ['c', 'd'],
      ]);
      expect(parseCsv(`a,b${eol}c,d`)).toEqual([
        ['a', 'b'],
        ['c', 'd'],
      ]);
    }
    expect(parseCsv('')).toEqual([]);
  });

  it('keeps a quote inside an unquoted field as text', () => {
    expect(parseCsv('Monitor 24" wide,2\n')).toEqual([['Monitor 24" wide', '2']]);
  });

  it('refuses an unclosed quote or text after a closing quote, naming the line', () => {
    expect(() => parseCsv('a,b\nc,"open\nstill open')).toThrow(CsvError);
    expect(() => parseCsv('a,b\nc,"open\nstill open')).toThrow(expect.objectContaining({ line: 2 }));
    expect(() => parseCsv('a\r\nb\r\n"x"y,z')).toThrow(expect.objectContaining({ line: 3, message: 'text follows a closing quote in the same field' }));
  });

  it('reads what csv-parse reads, for any file a spreadsheet could write', () => {
    const field = fc.string({ unit: fc.constantFrom('a', 'Z', ' ', ',', '"', '\n', '\r', 'é', '1', '-'), maxLength: 8 });
    const record = fc.array(field, { minLength: 1, maxLength: 6 });
    const file = fc.record({
      records: fc.array(record, { minLength: 1, maxLength: 12 }),
      eol: fc.constantFrom('\n', '\r\n'),
      isEndedByLineBreak: fc.boolean(),
    });
    fc.assert(
      fc.property(file, ({ records, eol, isEndedByLineBreak }) => {
        // A last record of one empty field has no characters to write: leave it out.
        const kept = records.filter((r, i) => i < records.length - 1 || r.length > 1 || r[0] !== '');
        const text = kept.map((r) => r.map(written).join(',')).join(eol) + (isEndedByLineBreak ? eol : '');
        const expected = parse(text, { bom: true, relax_column_count: true, skip_empty_lines: false }) as string[][];
        expect(parseCsv(text)).toEqual(expected);
      }),
      { numRuns: 500 },
    );
  });
});
