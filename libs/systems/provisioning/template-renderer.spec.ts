import { compileTemplate, TemplateError } from './template-renderer';

describe('provisioning template language', () => {
  it('inserts values, dotted names and numbers, escaped as XML attribute text by default', () => {
    const t = compileTemplate('<a n="{{name}}" s="{{d.slot}}" />', 't');
    expect(t.render({ name: `O'Brien & "Sons" <lab>`, d: { slot: 3 } })).toBe(
      '<a n="O&apos;Brien &amp; &quot;Sons&quot; &lt;lab&gt;" s="3" />',
    );
  });

  it('removes control characters, which XML cannot carry even escaped', () => {
    expect(compileTemplate('{{x}}', 't').render({ x: 'a\u0001b\u001fc' })).toBe('abc');
  });

  it('keeps one line per value with the line escaping, so a value cannot add a key', () => {
    const t = compileTemplate('{{!escape line}}\naccount.1.label = {{label}}\n', 't');
    expect(t.escaping).toBe('line');
    expect(t.render({ label: 'Lab\naccount.1.password = stolen' })).toBe(
      'account.1.label = Lab account.1.password = stolen\n',
    );
  });

  it('repeats a list section per element, looking names up in the element first, then outside', () => {
    const t = compileTemplate('{{#lines}}[{{index}}@{{server}}]{{/lines}}', 't');
    expect(t.render({ server: 'pbx', lines: [{ index: 1 }, { index: 2, server: 'other' }] })).toBe(
      '[1@pbx][2@other]',
    );
  });

  it('renders an object section once, nothing for null, and an inverted section only when empty', () => {
    const t = compileTemplate('{{#d60}}base {{baseMac}}{{/d60}}{{^d60}}no base{{/d60}}', 't');
    expect(t.render({ d60: { baseMac: 'AB' } })).toBe('base AB');
    expect(t.render({ d60: null })).toBe('no base');
    expect(t.render({})).toBe('no base');
  });

  it('drops the lines of section tags and comments that stand alone', () => {
    const source = '{{! a comment }}\n<x>\n  {{#lines}}\n  <l i="{{i}}"/>\n  {{/lines}}\n</x>\n';
    expect(compileTemplate(source, 't').render({ lines: [{ i: 1 }, { i: 2 }] })).toBe(
      '<x>\n  <l i="1"/>\n  <l i="2"/>\n</x>\n',
    );
  });

  it('renders a missing value as nothing', () => {
    expect(compileTemplate('[{{nothing.here}}]', 't').render({})).toBe('[]');
  });

  it('refuses a list where a value belongs, and malformed templates when they are compiled', () => {
    expect(() => compileTemplate('{{lines}}', 't').render({ lines: [] })).toThrow(TemplateError);
    expect(() => compileTemplate('{{#a}}x', 'polycom/x.cfg')).toThrow(
      'polycom/x.cfg: "{{#a}}" is never closed',
    );
    expect(() => compileTemplate('{{#a}}x{{/b}}', 't')).toThrow('"{{/b}}" closes "a"');
    expect(() => compileTemplate('{{a b}}', 't')).toThrow('is not a name');
    expect(() => compileTemplate('{{constructor.name}}x', 't').render({})).not.toThrow();
  });

  it('does not read inherited properties (no prototype lookups from a template)', () => {
    expect(compileTemplate('[{{constructor}}][{{toString}}]', 't').render({})).toBe('[][]');
  });
});

describe('the names a template reads', () => {
  it('lists top-level values and sections, and what is read inside them', () => {
    const template = compileTemplate(
      '{{mac}} {{#lines}}{{index}}{{/lines}}{{^d60}}none{{/d60}}{{! note }}',
      't',
    );
    expect([...template.names].sort()).toEqual(['d60', 'index', 'lines', 'mac']);
    expect([...compileTemplate('plain text', 't').names]).toEqual([]);
  });
});
