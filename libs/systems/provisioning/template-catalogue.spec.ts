import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repositoryRoot } from '../../config/repository-root';
import { deviceFileData, MissingSipPassword } from './device-file-data';
import type { PhoneConfig } from './provisioning.port';
import { TemplateCatalogue, type TemplateMatch } from './template-catalogue';

const SHIPPED = join(repositoryRoot(), 'libs', 'provisioning-templates');
const MAC = '0004f2a1b2c3';

const config = (extra: Partial<PhoneConfig> = {}): PhoneConfig => ({
  family: 'polycom',
  modelId: 'polycom-vvx-450',
  sipServer: 'switchboard.example',
  lines: [{ index: 1, extension: '70001', label: '70001', displayName: 'Ada Lovelace & Co' }],
  d60: null,
  ...extra,
});

function render(
  match: TemplateMatch | null,
  data: Parameters<TemplateMatch['template']['render']>[0],
): string {
  if (!match) throw new Error('no template matched');
  return match.template.render(data);
}

/** The attributes of the XML elements of a rendered Polycom file, by name. */
function attributes(xml: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of xml.matchAll(/([A-Za-z0-9_.]+)="([^"]*)"/g)) out[m[1]] = m[2];
  return out;
}

describe('the shipped Polycom templates', () => {
  const catalogue = TemplateCatalogue.load(SHIPPED);

  it('has the polycom family: the master by MAC, the fallback master and the line file', () => {
    expect(catalogue.familyNames()).toContain('polycom');
    expect(catalogue.match('polycom', '000000000000.cfg')).toMatchObject({ kind: 'family' });
    expect(catalogue.match('polycom', '0004F2A1B2C3.cfg')).toMatchObject({
      kind: 'device',
      mac: MAC,
      carriesLines: false,
    });
    expect(catalogue.match('polycom', 'phone0004F2A1B2C3.cfg')).toMatchObject({
      kind: 'device',
      mac: MAC,
      carriesLines: true,
    });
    expect(catalogue.match('polycom', 'sip.ld')).toBeNull();
    expect(catalogue.match('polycom', '0004f2a1b2c.cfg')).toBeNull();
    expect(catalogue.match('polycom', 'phone000000000000.cfg')).toBeNull();
    expect(catalogue.match('nosuchvendor', '000000000000.cfg')).toBeNull();
  });

  it.each(['000000000000.cfg', `${MAC}.cfg`])(
    'renders %s as a master file (APPLICATION) listing the phone’s line file in CONFIG_FILES',
    (name) => {
      const xml = render(catalogue.match('polycom', name), { mac: MAC, revision: 1 });
      expect(xml.startsWith('<?xml')).toBe(true);
      expect(xml).toMatch(/<APPLICATION\s/);
      expect(attributes(xml).CONFIG_FILES).toBe(`phone${MAC}.cfg`);
    },
  );

  it('renders the line file with the line, its credentials and the registrar', () => {
    const data = deviceFileData({
      mac: MAC,
      revision: 3,
      config: config(),
      passwords: new Map([['70001', 'Pw4rd']]),
    });
    const xml = render(catalogue.match('polycom', `phone${MAC}.cfg`), data);
    expect(xml.startsWith('<?xml')).toBe(true);
    expect(attributes(xml)).toMatchObject({
      'reg.1.address': '70001@switchboard.example',
      'reg.1.label': '70001',
      'reg.1.displayName': 'Ada Lovelace &amp; Co',
      'reg.1.auth.userId': '70001',
      'reg.1.auth.password': 'Pw4rd',
      'reg.1.server.1.address': 'switchboard.example',
      'feature.dect.enabled': '0',
    });
    expect(xml).not.toContain('reg.2.');
    expect(xml).not.toContain('dect.base');
  });

  it('adds the D60 block: the base, a line per handset number the phone lacks, each handset on its line', () => {
    const d60 = {
      baseMac: '0004f2000060',
      handsets: [
        { slot: 2, extension: '65001' },
        { slot: 1, extension: '70001' },
      ],
    };
    const passwords = new Map([
      ['70001', 'Pw1'],
      ['65001', 'Pw2'],
    ]);
    const xml = render(
      catalogue.match('polycom', `phone${MAC}.cfg`),
      deviceFileData({ mac: MAC, revision: 4, config: config({ d60 }), passwords }),
    );
    expect(attributes(xml)).toMatchObject({
      'reg.1.auth.userId': '70001',
      'reg.2.address': '65001@switchboard.example',
      'reg.2.auth.password': 'Pw2',
      'feature.dect.enabled': '1',
      'dect.base.1.mac': '0004F2000060',
      'dect.handset.1.line': '1',
      'dect.handset.2.line': '2',
    });
  });

  it('gives the phone its provisioning-server credentials when digest is on, and none when off', () => {
    const data = (provisioning: { user: string; password: string } | null) =>
      deviceFileData({
        mac: MAC,
        revision: 1,
        config: config(),
        passwords: new Map([['70001', 'P']]),
        provisioning,
      });
    const on = render(catalogue.match('polycom', `phone${MAC}.cfg`), data({ user: MAC, password: 'D1g&st' }));
    expect(attributes(on)).toMatchObject({
      'device.set': '1',
      'device.prov.user.set': '1',
      'device.prov.user': MAC,
      'device.prov.password.set': '1',
      'device.prov.password': 'D1g&amp;st',
    });
    expect(render(catalogue.match('polycom', `phone${MAC}.cfg`), data(null))).not.toContain('device.prov');
  });

  it('refuses to render a line whose password is not in the vault', () => {
    expect(() => deviceFileData({ mac: MAC, revision: 1, config: config(), passwords: new Map() })).toThrow(
      MissingSipPassword,
    );
  });
});

describe('the shipped Yealink templates', () => {
  const catalogue = TemplateCatalogue.load(SHIPPED);
  const YEALINK_MAC = '805ec0a1b2c3';

  it('has the common file and the per-phone file, and not Polycom’s names', () => {
    expect(catalogue.match('yealink', 'y000000000000.cfg')).toMatchObject({ kind: 'family' });
    expect(catalogue.match('yealink', `${YEALINK_MAC}.cfg`)).toMatchObject({
      kind: 'device',
      carriesLines: true,
    });
    expect(catalogue.match('yealink', '000000000000.cfg')).toBeNull();
    expect(catalogue.match('yealink', `phone${YEALINK_MAC}.cfg`)).toBeNull();
  });

  it('renders both with the version line first, the line as account.<n>.*, one value per line', () => {
    const common = render(catalogue.match('yealink', 'y000000000000.cfg'), { mac: YEALINK_MAC, revision: 1 });
    expect(common.split('\n')[0]).toBe('#!version:1.0.0.1');
    const data = deviceFileData({
      mac: YEALINK_MAC,
      revision: 2,
      config: config({
        family: 'yealink',
        lines: [{ index: 1, extension: '70001', label: '70001', displayName: 'Ada\naccount.1.password = x' }],
      }),
      passwords: new Map([['70001', 'Pw']]),
      provisioning: { user: YEALINK_MAC, password: 'D1g' },
    });
    const file = render(catalogue.match('yealink', `${YEALINK_MAC}.cfg`), data);
    const lines = file.split('\n');
    expect(lines[0]).toBe('#!version:1.0.0.1');
    expect(lines).toEqual(
      expect.arrayContaining([
        'account.1.enable = 1',
        'account.1.user_name = 70001',
        'account.1.auth_name = 70001',
        'account.1.password = Pw',
        'account.1.sip_server.1.address = switchboard.example',
        // A display name cannot add a key: its line break became a space.
        'account.1.display_name = Ada account.1.password = x',
        `static.auto_provision.server.username = ${YEALINK_MAC}`,
        'static.auto_provision.server.password = D1g',
      ]),
    );
    expect(lines.filter((line) => line.startsWith('account.1.password'))).toHaveLength(1);
  });
});

describe('a new vendor is a new template folder', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'switchboard-templates-'));
    mkdirSync(join(dir, 'yealink'));
    writeFileSync(join(dir, 'yealink', 'y000000000000.cfg'), '{{!escape line}}\n#!version:1.0.0.1\n');
    writeFileSync(
      join(dir, 'yealink', '{mac}.cfg'),
      '{{!escape line}}\n{{#lines}}\naccount.{{index}}.user_name = {{authUserId}}\naccount.{{index}}.password = {{password}}\n{{/lines}}\n',
    );
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('serves the vendor’s own file names from its folder, with no code change', () => {
    const catalogue = TemplateCatalogue.load(dir);
    expect(catalogue.familyNames()).toEqual(['yealink']);
    expect(catalogue.match('yealink', '000000000000.cfg')).toBeNull();
    expect(catalogue.match('yealink', 'y000000000000.cfg')).toMatchObject({ kind: 'family' });
    const data = deviceFileData({
      mac: MAC,
      revision: 1,
      config: config({ family: 'yealink' }),
      passwords: new Map([['70001', 'Pw']]),
    });
    expect(render(catalogue.match('yealink', `${MAC}.cfg`), data)).toBe(
      'account.1.user_name = 70001\naccount.1.password = Pw\n',
    );
  });

  it('refuses a folder with no family at start, and a broken template', () => {
    const empty = mkdtempSync(join(tmpdir(), 'switchboard-templates-'));
    try {
      expect(() => TemplateCatalogue.load(empty)).toThrow('no model family templates');
      mkdirSync(join(empty, 'broken'));
      writeFileSync(join(empty, 'broken', '{mac}.cfg'), '{{#lines}}');
      expect(() => TemplateCatalogue.load(empty)).toThrow('broken/{mac}.cfg: "{{#lines}}" is never closed');
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });
});
