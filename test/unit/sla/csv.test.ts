// The CSV writer defuses every cell a spreadsheet could run, in whatever disguise it arrives.
import { describe, expect, it } from 'vitest';
import { toCsv } from '../../../electron/core/sla/csv';

const cellOf = (value: string) => toCsv(['h'], [[value]]).split('\r\n')[1];

describe('CSV formula neutralising', () => {
  it.each([
    ['=', '=SUM(A1)'],
    ['+', '+1+1'],
    ['-', '-2+3'],
    ['@', '@SUM(A1)'],
    ['|', '|calc'],
    ['%', '%0A'],
    ['a tab', '\t=1'],
    ['a full-width equals', '＝1+1'],
    ['a full-width plus', '＋1'],
    ['a full-width minus', '－1'],
    ['a full-width at', '＠SUM(A1)'],
    ['a full-width pipe', '｜calc'],
    ['a full-width percent', '％x'],
    ['a small equals', '﹦1'],
    ['a minus sign', '−1'],
    ['a zero-width space', '\u200bhello'],
    ['a zero-width space before =', '\u200b=1+1'],
    ['a BOM before =', '\ufeff=1'],
    ['a word joiner', '\u2060x'],
    ['a left-to-right mark', '\u200e=1'],
    ['spaces before =', '  =1+1'],
    ['an ideographic space before =', '\u3000=1'],
  ])('prefixes a cell starting with %s', (_name, value) => {
    expect(cellOf(value)).toBe(`'${value}`);
  });

  it.each(['Invoice 42', 'Chloé', 'a=b', 'x-1', '100%', '東京', ' hello'])('leaves %s as it is', (value) => {
    expect(cellOf(value)).toBe(value);
  });

  it('quotes a neutralised cell that also needs quoting', () => {
    expect(cellOf('＝HYPERLINK("http://x","y")')).toBe('"\'＝HYPERLINK(""http://x"",""y"")"');
  });

  it('keeps numbers, negative ones included, as numbers', () => {
    expect(toCsv(['n'], [[-3], [0.5]])).toBe('n\r\n-3\r\n0.5\r\n');
  });
});
