import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

// The documentation is split over many pages that link to each other and are cited from code
// comments ("docs/domain.md §6"); a page or heading that moves must not leave a dangling reference.

const root = resolve(__dirname, '..', '..');

function filesUnder(dir: string, extensions: readonly string[]): string[] {
  return readdirSync(join(root, dir)).flatMap((name) => {
    const path = join(dir, name);
    if (name === 'node_modules' || name === 'dist' || name.startsWith('.')) return [];
    if (statSync(join(root, path)).isDirectory()) return filesUnder(path, extensions);
    return extensions.some((ext) => name.endsWith(ext)) ? [path] : [];
  });
}

const PAGES = ['README.md', ...filesUnder('docs', ['.md']), ...filesUnder('bench', ['.md'])];

/** Markdown without fenced code blocks and inline code, where a `](` or `#` is not markup. */
function prose(markdown: string): string {
  return markdown.replace(/^```[\s\S]*?^```/gm, '').replace(/`[^`\n]*`/g, '');
}

/** GitHub's anchors for a page's headings (duplicates get -1, -2 …). */
function anchorsOf(page: string): Set<string> {
  const anchors = new Set<string>();
  const seen = new Map<string, number>();
  const text = readFileSync(join(root, page), 'utf8').replace(/^```[\s\S]*?^```/gm, '');
  for (const [, heading] of text.matchAll(/^#{1,6} +(.+?) *#*$/gm)) {
    const slug = heading
      .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
      .toLowerCase()
      .replace(/[^\p{L}\p{N}\s_-]/gu, '')
      .replace(/ /g, '-');
    const count = seen.get(slug) ?? 0;
    anchors.add(count === 0 ? slug : `${slug}-${count}`);
    seen.set(slug, count + 1);
  }
  return anchors;
}

function brokenLinks(page: string): string[] {
  const text = prose(readFileSync(join(root, page), 'utf8'));
  const targets = [
    ...[...text.matchAll(/\]\(([^)\s]+)\)/g)].map((m) => m[1]),
    ...[...text.matchAll(/<img [^>]*src="([^"]+)"/g)].map((m) => m[1]),
  ];
  return targets
    .filter((target) => !/^[a-z][a-z0-9+.-]*:/i.test(target))
    .filter((target) => {
      const [path, anchor] = target.split('#');
      const file = path === '' ? page : relative(root, resolve(join(root, dirname(page)), path));
      if (!existsSync(join(root, file))) return true;
      return anchor !== undefined && file.endsWith('.md') && !anchorsOf(file).has(anchor);
    })
    .map((target) => `${page}: ${target}`);
}

/** The section numbers of the rule book: "## 6. Workflows" → 6, "### 3.2 Lifecycle" → 3.2. */
function ruleBookSections(): Set<string> {
  const text = readFileSync(join(root, 'docs/domain.md'), 'utf8');
  return new Set([...text.matchAll(/^#{2,3} (\d+(?:\.\d+)?)\.? /gm)].map((m) => m[1]));
}

const CITATION = /(?:docs\/)?domain\.md((?:\s*(?:,|and|to|-)?\s*§\d+(?:\.\d+)?)+)/g;
const SOURCE_DIRS = ['apps', 'libs', 'workflows', 'activities', 'test', 'scripts', 'bench', 'docs'];

describe('documentation links', () => {
  it.each(PAGES)('%s links only to files and headings that exist', (page) => {
    expect(brokenLinks(page)).toEqual([]);
  });

  it('cites only sections of docs/domain.md that exist, by a path that resolves from the root', () => {
    const sections = ruleBookSections();
    expect(sections.size).toBeGreaterThanOrEqual(8);
    const files = [
      'README.md',
      ...SOURCE_DIRS.flatMap((dir) => filesUnder(dir, ['.ts', '.tsx', '.md', '.ldif', '.yml'])),
    ];
    const problems: string[] = [];
    for (const file of files) {
      const text = readFileSync(join(root, file), 'utf8');
      for (const citation of text.matchAll(CITATION)) {
        const inDocs = file.startsWith('docs/');
        if (!inDocs && !citation[0].startsWith('docs/')) problems.push(`${file}: ${citation[0]} (say docs/)`);
        for (const [, section] of citation[1].matchAll(/§(\d+(?:\.\d+)?)/g))
          if (!sections.has(section)) problems.push(`${file}: ${citation[0]} (no §${section})`);
      }
    }
    expect(problems).toEqual([]);
  });
});
