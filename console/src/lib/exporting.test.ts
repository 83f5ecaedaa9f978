import { describe, expect, it } from 'vitest';
import { toCsv } from './exporting';

describe('toCsv', () => {
  it('writes a byte order mark, the headers, then each row, with CRLF line ends', () => {
    expect(toCsv({ headers: ['代码', 'Count'], rows: [['JG-EX-0004', 3], ['JG-MT-0117', null]] })).toBe(
      '\uFEFF代码,Count\r\nJG-EX-0004,3\r\nJG-MT-0117,\r\n',
    );
  });

  it('quotes a cell with a comma, a quote or a line break, doubling its quotes', () => {
    expect(toCsv({ headers: ['site'], rows: [['Pit 3, north "rim"'], ['two\nlines']] })).toBe('\uFEFFsite\r\n"Pit 3, north ""rim"""\r\n"two\nlines"\r\n');
  });

  it('keeps text that would start a formula as text, and negative numbers as numbers', () => {
    expect(toCsv({ headers: ['note'], rows: [['=HYPERLINK("x")'], ['@SUM(A1)'], ['-1+1'], [-5]] })).toBe(
      '\uFEFFnote\r\n"\'=HYPERLINK(""x"")"\r\n\'@SUM(A1)\r\n\'-1+1\r\n-5\r\n',
    );
  });
});
