/**
 * The small template language of the provisioning files (libs/provisioning-templates): enough for a
 * vendor's config format, nothing that can run code.
 *
 * - `{{name}}` / `{{a.b}}` inserts a value, escaped for the template's format;
 * - `{{#name}} … {{/name}}` repeats its body for each element of a list, or renders it once with an
 *   object (names inside are looked up there first, then outside); nothing for null, false, `[]`;
 * - `{{^name}} … {{/name}}` renders its body only when `name` is empty (null, false, `[]`);
 * - a first line `{{!escape xml}}` (the default) or `{{!escape line}}` chooses the escaping:
 *   XML attribute text, or one line of `key=value` text (line breaks and `=` controls removed).
 *   Other `{{! … }}` tags are comments.
 *
 * A template is parsed once (the server loads all templates at start): a malformed tag or an
 * unbalanced section is an error then, not when a phone asks. A missing value renders as nothing.
 */

export type TemplateValue = string | number | boolean | null | undefined | TemplateData | TemplateValue[];
export interface TemplateData {
  [name: string]: TemplateValue;
}

export type Escaping = 'xml' | 'line';

type Node =
  | { kind: 'text'; text: string }
  | { kind: 'value'; path: string[] }
  | { kind: 'section'; path: string[]; inverted: boolean; body: Node[] };

export interface CompiledTemplate {
  readonly escaping: Escaping;
  /** The top-level names the template reads (`lines`, `mac` …), so a caller gathers only those. */
  readonly names: ReadonlySet<string>;
  render(data: TemplateData): string;
}

export class TemplateError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TemplateError';
  }
}

const TAG = /\{\{([#^/!]?)\s*([^}]*?)\s*\}\}/g;
const NAME = /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$/;

const XML_ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
};

// Built from code points, so the source holds no control characters (and the linter stays quiet).
const range = (from: number, to: number) =>
  `\\u${from.toString(16).padStart(4, '0')}-\\u${to.toString(16).padStart(4, '0')}`;
const XML_FORBIDDEN = new RegExp(`[${range(0, 8)}${range(11, 12)}${range(14, 31)}]`, 'g');
const LINE_BREAKING = new RegExp(`[${range(0, 31)}${range(127, 127)}]`, 'g');

function escapeValue(text: string, escaping: Escaping): string {
  if (escaping === 'xml') {
    // Control characters are not allowed in XML 1.0 at all, escaped or not.
    return text.replace(XML_FORBIDDEN, '').replace(/[&<>"']/g, (c) => XML_ENTITIES[c]);
  }
  return text.replace(LINE_BREAKING, ' ');
}

function isEmpty(value: TemplateValue): boolean {
  return (
    value === null || value === undefined || value === false || (Array.isArray(value) && value.length === 0)
  );
}

function lookup(scopes: readonly TemplateData[], path: string[]): TemplateValue {
  for (let i = scopes.length - 1; i >= 0; i -= 1) {
    if (!Object.prototype.hasOwnProperty.call(scopes[i], path[0])) continue;
    let value: TemplateValue = scopes[i][path[0]];
    for (const part of path.slice(1)) {
      if (value === null || typeof value !== 'object' || Array.isArray(value)) return undefined;
      value = Object.prototype.hasOwnProperty.call(value, part) ? value[part] : undefined;
    }
    return value;
  }
  return undefined;
}

function parse(source: string, name: string): { nodes: Node[]; escaping: Escaping } {
  let escaping: Escaping = 'xml';
  const root: Node[] = [];
  const stack: Array<{ path: string[]; body: Node[] }> = [];
  let current = root;
  let at = 0;
  for (const match of source.matchAll(TAG)) {
    const [whole, sigil, inner] = match;
    const index = match.index;
    if (index > at) current.push({ kind: 'text', text: source.slice(at, index) });
    at = index + whole.length;
    if (sigil === '!') {
      const directive = /^escape\s+(xml|line)$/.exec(inner);
      if (directive) escaping = directive[1] as Escaping;
      // A directive or comment alone on its line leaves no blank line behind.
      if (source[at] === '\n') at += 1;
      continue;
    }
    if (!NAME.test(inner)) throw new TemplateError(`${name}: "{{${sigil}${inner}}}" is not a name`);
    const path = inner.split('.');
    if (sigil !== '') at = dropStandaloneLine(source, index, at, current);
    if (sigil === '#' || sigil === '^') {
      const node: Node = { kind: 'section', path, inverted: sigil === '^', body: [] };
      current.push(node);
      stack.push({ path, body: current });
      current = node.body;
    } else if (sigil === '/') {
      const open = stack.pop();
      if (!open || open.path.join('.') !== inner)
        throw new TemplateError(
          `${name}: "{{/${inner}}}" closes ${open ? `"${open.path.join('.')}"` : 'nothing'}`,
        );
      current = open.body;
    } else {
      current.push({ kind: 'value', path });
    }
  }
  if (stack.length > 0)
    throw new TemplateError(`${name}: "{{#${stack.at(-1)!.path.join('.')}}}" is never closed`);
  if (at < source.length) current.push({ kind: 'text', text: source.slice(at) });
  return { nodes: root, escaping };
}

/**
 * A section tag alone on its line leaves no line behind: its indentation (already pushed as the end
 * of the last text node) and its line break go. Returns where the text after the tag starts.
 */
function dropStandaloneLine(source: string, tagStart: number, tagEnd: number, nodes: Node[]): number {
  const lineStart = source.lastIndexOf('\n', tagStart - 1) + 1;
  const before = source.slice(lineStart, tagStart);
  const lineBreak = source.startsWith('\r\n', tagEnd) ? 2 : source[tagEnd] === '\n' ? 1 : 0;
  if (before.trim() !== '' || (lineBreak === 0 && tagEnd < source.length)) return tagEnd;
  const last = nodes.at(-1);
  if (before.length > 0 && last?.kind === 'text') {
    last.text = last.text.slice(0, last.text.length - before.length);
    if (last.text === '') nodes.pop();
  }
  return tagEnd + lineBreak;
}

function renderNodes(nodes: readonly Node[], scopes: readonly TemplateData[], escaping: Escaping): string {
  let out = '';
  for (const node of nodes) {
    if (node.kind === 'text') {
      out += node.text;
    } else if (node.kind === 'value') {
      const value = lookup(scopes, node.path);
      if (value === null || value === undefined) continue;
      if (typeof value === 'object')
        throw new TemplateError(`"${node.path.join('.')}" is a list or a block, not a value`);
      out += escapeValue(String(value), escaping);
    } else {
      const value = lookup(scopes, node.path);
      if (node.inverted) {
        if (isEmpty(value)) out += renderNodes(node.body, scopes, escaping);
        continue;
      }
      if (isEmpty(value)) continue;
      const items = Array.isArray(value) ? value : [value];
      for (const item of items) {
        const scope =
          item !== null && typeof item === 'object' && !Array.isArray(item) ? [...scopes, item] : scopes;
        out += renderNodes(node.body, scope, escaping);
      }
    }
  }
  return out;
}

/**
 * The names a template reads at its top level. A name inside a section may also be the section
 * item's own (`{{index}}` inside `{{#lines}}`), so those count too: the set may be larger than what
 * is read, never smaller.
 */
function namesOf(nodes: readonly Node[], into = new Set<string>()): Set<string> {
  for (const node of nodes) {
    if (node.kind === 'text') continue;
    into.add(node.path[0]);
    if (node.kind === 'section') namesOf(node.body, into);
  }
  return into;
}

/** Parses a template once; `name` appears in errors (e.g. `polycom/{mac}.cfg`). */
export function compileTemplate(source: string, name: string): CompiledTemplate {
  const { nodes, escaping } = parse(source, name);
  return { escaping, names: namesOf(nodes), render: (data) => renderNodes(nodes, [data], escaping) };
}
