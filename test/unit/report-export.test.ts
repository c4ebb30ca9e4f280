import { expect, test } from 'vitest';
import { csvCell, toCsv } from '../../src/collector/report/export';

test('quoting: commas, quotes and line breaks', () => {
  expect(csvCell('Phí giao hàng, cao quá')).toBe('"Phí giao hàng, cao quá"');
  expect(csvCell('He said "slow"')).toBe('"He said ""slow"""');
  expect(csvCell('line 1\nline 2')).toBe('"line 1\nline 2"');
  expect(csvCell('plain')).toBe('plain');
  expect(csvCell(null)).toBe('');
  expect(csvCell(-12.5)).toBe('-12.5');
  expect(csvCell(Number.NaN)).toBe('');
});

test('formula injection: a leading = + - @ tab or CR is neutralised in text, never in numbers', () => {
  expect(csvCell('=HYPERLINK("http://evil","x")')).toBe('"\'=HYPERLINK(""http://evil"",""x"")"');
  expect(csvCell('+84 90')).toBe("'+84 90");
  expect(csvCell('-1')).toBe("'-1");
  expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
  expect(csvCell('\tcmd')).toBe("'\tcmd");
  expect(csvCell(-1)).toBe('-1');
});

test('a document has a BOM, a header and CRLF rows', () => {
  const csv = toCsv(['a', 'b'], [[1, 'x,y'], [null, 'z']]);
  expect(csv).toBe('\uFEFFa,b\r\n1,"x,y"\r\n,z\r\n');
});
