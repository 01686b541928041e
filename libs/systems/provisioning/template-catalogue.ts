import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { compileTemplate, TemplateError, type CompiledTemplate } from './template-renderer';

/**
 * The file templates of every model family, read once from a folder with one sub-folder per family
 * (`phone_models.family`): `<dir>/polycom/000000000000.cfg`, `<dir>/polycom/{mac}.cfg`,
 * `<dir>/polycom/phone{mac}.cfg` … A file name with `{mac}` is a per-phone file, served only to that
 * phone; any other name is a family-wide file. A per-phone file that reads the line data
 * ({@link LINE_DATA_NAMES}) carries SIP passwords: rendering it reads the vault and counts as the
 * phone fetching its configuration. One that does not (the Polycom master `<mac>.cfg`) is rendered
 * from the phone's identity alone. A new vendor is a new folder.
 */

export const MAC_PLACEHOLDER = '{mac}';

/** The names of deviceFileData that come from the line configuration, the vault and the digest. */
export const LINE_DATA_NAMES: readonly string[] = [
  'lines',
  'd60',
  'sipServer',
  'provisioningUser',
  'provisioningPassword',
];

export type TemplateMatch =
  | { kind: 'family'; template: CompiledTemplate }
  | { kind: 'device'; template: CompiledTemplate; mac: string; carriesLines: boolean };

interface DeviceTemplate {
  prefix: string;
  suffix: string;
  template: CompiledTemplate;
}

interface FamilyTemplates {
  shared: Map<string, CompiledTemplate>;
  device: DeviceTemplate[];
}

const HEX12 = /^[0-9a-fA-F]{12}$/;

export class TemplateCatalogue {
  private constructor(private readonly families: ReadonlyMap<string, FamilyTemplates>) {}

  /** Reads and compiles every template under `dir`; a bad template stops the server at start. */
  static load(dir: string): TemplateCatalogue {
    const families = new Map<string, FamilyTemplates>();
    for (const family of readdirSync(dir).sort()) {
      const familyDir = join(dir, family);
      if (!statSync(familyDir).isDirectory()) continue;
      const templates: FamilyTemplates = { shared: new Map(), device: [] };
      for (const file of readdirSync(familyDir).sort()) {
        const template = compileTemplate(readFileSync(join(familyDir, file), 'utf8'), `${family}/${file}`);
        const at = file.indexOf(MAC_PLACEHOLDER);
        if (at < 0) {
          templates.shared.set(file, template);
        } else {
          if (file.indexOf(MAC_PLACEHOLDER, at + 1) >= 0)
            throw new TemplateError(`${family}/${file}: a file name holds ${MAC_PLACEHOLDER} once at most`);
          templates.device.push({
            prefix: file.slice(0, at),
            suffix: file.slice(at + MAC_PLACEHOLDER.length),
            template,
          });
        }
      }
      families.set(family, templates);
    }
    if (families.size === 0) throw new TemplateError(`no model family templates in ${dir}`);
    return new TemplateCatalogue(families);
  }

  familyNames(): string[] {
    return [...this.families.keys()];
  }

  has(family: string): boolean {
    return this.families.has(family);
  }

  /** The template that answers `fileName` for a phone of `family`, with the MAC the name carries. */
  match(family: string, fileName: string): TemplateMatch | null {
    const templates = this.families.get(family);
    if (!templates) return null;
    const shared = templates.shared.get(fileName);
    if (shared) return { kind: 'family', template: shared };
    for (const { prefix, suffix, template } of templates.device) {
      if (!fileName.startsWith(prefix) || !fileName.endsWith(suffix)) continue;
      const middle = fileName.slice(prefix.length, fileName.length - suffix.length);
      // All zeros is Polycom's "any phone" name, never a phone's own MAC.
      if (HEX12.test(middle) && !/^0+$/.test(middle))
        return {
          kind: 'device',
          template,
          mac: middle.toLowerCase(),
          carriesLines: LINE_DATA_NAMES.some((name) => template.names.has(name)),
        };
    }
    return null;
  }
}
