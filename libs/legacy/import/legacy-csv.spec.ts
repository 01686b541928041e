import { readLegacyCsv } from './legacy-csv';

describe('readLegacyCsv', () => {
  it('reads each data line with its line number, a quoted field across lines included', () => {
    const lines = readLegacyCsv(
      '\ufeffnumber,service,listed_under,description\r\n72001,SKYPE,bwong,"Bao\nWong"\r\n\r\n72002,ANALOGUE,,Lab\r\n',
    );
    expect(lines.map((l) => [l.line, l.ok && l.value.number, l.ok && l.value.description])).toEqual([
      [2, '72001', 'Bao Wong'],
      [5, '72002', 'Lab'],
    ]);
  });

  it('reads a file whose spreadsheet wrote semicolons', () => {
    const [only] = readLegacyCsv('number;service;listed_under\n72001;skype;asmith bwong\n');
    expect(only).toMatchObject({ ok: true, value: { listedUnder: ['asmith', 'bwong'] } });
  });

  it('refuses a bad line alone, with its text and reason', () => {
    const lines = readLegacyCsv('number,service\n72001,SKYPE\n7200x,SKYPE\n72003,SKYPE,extra\n');
    expect(lines).toEqual([
      expect.objectContaining({ line: 2, ok: true }),
      { line: 3, raw: '7200x,SKYPE', ok: false, reason: 'number "7200x" is not a 5-digit extension' },
      { line: 4, raw: '72003,SKYPE,extra', ok: false, reason: 'has 3 fields where the header names 2' },
    ]);
  });

  it('refuses every line of a number given twice, naming the lines', () => {
    const lines = readLegacyCsv('number,service\n72001,SKYPE\n72002,SKYPE\n72001,ANALOGUE\n');
    expect(lines.map((l) => (l.ok ? 'ok' : l.reason))).toEqual([
      'number 72001 is on lines 2, 4; give each number once',
      'ok',
      'number 72001 is on lines 2, 4; give each number once',
    ]);
  });

  it('refuses a file that is not CSV, is empty or has a wrong header, whole', () => {
    expect(() => readLegacyCsv('number,service\n72001,"SKYPE\n')).toThrow(/^The file is not valid CSV/);
    expect(() => readLegacyCsv('')).toThrow(/The file is empty/);
    expect(() => readLegacyCsv('number,servcie\n72001,SKYPE\n')).toThrow(/unknown columns \("servcie"\)/);
  });
});
