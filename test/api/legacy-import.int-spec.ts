import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client as LdapClient } from 'ldapts';
import { Client as PgClient } from 'pg';
import { NumberState } from '../../libs/domain/number-state';
import {
  AuditEntryEntity,
  LegacyListingEntity,
  LegacyNumberEntity,
  PhoneNumberEntity,
} from '../../libs/persistence/entities';
import { SandboxLegacyDriver } from '../../libs/systems/legacy/sandbox-legacy.driver';
import { legacyImportCommand } from '../../scripts/legacy-import';
import { startKamailio, type KamailioHandle } from '../servers/kamailio';
import { SEEDED_DIRECTORY, startSlapd, type SlapdHandle } from '../servers/slapd';
import { startSmtp, type SmtpHandle } from '../servers/smtp';
import { ApiWorld } from '../support/api-world';
import { waitForRequest } from '../support/phone-api';
import { kamailioEnv, ldapEnv, smtpEnv } from '../support/real-drivers';

const HEADER =
  'number,service,listed_under,description,phone_model,phone_mac,forward_to,forward_when,voicemail';
const SERVICES = ['SKYPE', 'analogue', 'Vendor IP'];
const FIRST = 10000;
const LINES = 50_000;
// Lines of the big file the import must refuse, by their number: a MAC with 11 digits, an
// unknown model, an unknown service, and a number Switchboard already serves.
const BAD_MAC = FIRST + 101;
const BAD_MODEL = FIRST + 202;
const BAD_SERVICE = FIRST + 303;
const IN_SERVICE = FIRST + 404;

/** A MAC of Polycom's range, one per number, in colon notation. */
const macOf = (n: number) =>
  `00:04:f2:${[n >> 16, (n >> 8) & 255, n & 255].map((b) => b.toString(16).padStart(2, '0')).join(':')}`;

/** A site's inventory of 50,000 numbers (10000-59999), with phones, forwarding and voicemail on some. */
function bigInventory(change: (number: number) => string | null = () => null): string {
  const lines = [HEADER];
  for (let n = FIRST; n < FIRST + LINES; n += 1) {
    const changed = change(n);
    if (changed !== null) {
      lines.push(changed);
      continue;
    }
    const service = SERVICES[n % 3];
    const listed = n % 10 === 0 ? `user${n % 997} user${(n + 1) % 997}` : `user${n % 997}`;
    const phone = n % 3 !== 1 && n % 4 === 0 ? `polycom-vvx-450,${macOf(n).toUpperCase()}` : ',';
    const forward = n % 7 === 0 ? `6${String(n).slice(1)},busy` : ',';
    const voicemail = n % 5 === 0 ? 'yes' : n % 5 === 1 ? 'no' : '';
    const description = n % 2 === 0 ? `"Office ${n}, bldg ${n % 600}"` : '';
    lines.push(`${n},${service},${listed},${description},${phone},${forward},${voicemail}`);
  }
  return `${lines
    .map((line, i) => {
      const n = FIRST + i - 1;
      if (n === BAD_MAC) return `${n},SKYPE,user1,,polycom-vvx-450,00:04:f2:00:00:0,,,`;
      if (n === BAD_MODEL) return `${n},SKYPE,user1,,polycom-vvx-999,0004f2000001,,,`;
      if (n === BAD_SERVICE) return `${n},ISDN,user1,,,,,,`;
      return line;
    })
    .join('\n')}\n`;
}

interface ReportFile {
  dryRun: boolean;
  counts: Record<string, number>;
  refused: Array<{ line: number; text: string; reason: string }>;
  added: string[];
}
const readReport = (path: string) => JSON.parse(readFileSync(path, 'utf8')) as ReportFile;

describe('importing a legacy inventory (PostgreSQL), then migrating an imported number on the real directory and PBX', () => {
  let slapd: SlapdHandle;
  let kamailio: KamailioHandle;
  let smtp: SmtpHandle;
  let api: ApiWorld;
  let dir: string;
  const desk = SEEDED_DIRECTORY.logins.serviceDesk[0];
  const bwong = SEEDED_DIRECTORY.people.bwong;

  beforeAll(async () => {
    [slapd, kamailio, smtp] = await Promise.all([startSlapd(), startKamailio(), startSmtp()]);
    api = await ApiWorld.start({ ...ldapEnv(slapd), ...kamailioEnv(kamailio), ...smtpEnv(smtp) });
    await api.world.startWorker();
    dir = mkdtempSync(join(tmpdir(), 'legacy-import-'));
  });

  afterAll(async () => {
    await api?.stop();
    await Promise.all([slapd?.stop(), kamailio?.stop(), smtp?.stop()]);
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const db = () => api.world.dataSource;
  const count = () => db().getRepository(LegacyNumberEntity).count();

  /** Runs `npm run legacy:import`'s command on the test database; returns its exit code and output. */
  async function command(args: string[]) {
    const out: string[] = [];
    const err: string[] = [];
    const started = Date.now();
    const code = await legacyImportCommand(args, db(), api.world.config, {
      out: (line) => out.push(line),
      err: (line) => err.push(line),
    });
    return { code, out, err, ms: Date.now() - started };
  }

  describe('npm run legacy:import with a 50,000-line file', () => {
    // The time is printed, not asserted: on a shared machine it says little about the code.
    jest.setTimeout(600_000);

    let file: string;

    beforeAll(async () => {
      file = join(dir, 'site.csv');
      writeFileSync(file, bigInventory());
      // A number Switchboard already serves: migrated earlier, now someone's personal number.
      await db()
        .getRepository(PhoneNumberEntity)
        .insert({
          number: String(IN_SERVICE),
          type: 'PERSONAL',
          state: NumberState.ACTIVE,
          ownerLogin: 'someone',
          description: 'in service',
          inPhonebook: true,
        });
    });

    const refusedLines = [
      {
        line: BAD_MAC - FIRST + 2,
        reason: expect.stringMatching(/^phone_mac: The MAC address "00:04:f2:00:00:0" has 11 hex digits/),
      },
      {
        line: BAD_MODEL - FIRST + 2,
        reason: 'phone_model polycom-vvx-999 is not in the phone catalogue (see the phoneModels query)',
      },
      {
        line: BAD_SERVICE - FIRST + 2,
        reason: 'service "ISDN" is not a legacy service; write SKYPE, ANALOGUE or VENDOR_IP',
      },
      {
        line: IN_SERVICE - FIRST + 2,
        reason: `number ${IN_SERVICE} is ACTIVE in Switchboard (already migrated or in service), so the legacy inventory cannot change it`,
      },
    ];

    it('dry run: says what it would add and refuse, writes its report, changes nothing', async () => {
      const before = await count();
      const report = join(dir, 'dry.json');
      const run = await command([file, '--dry-run', '--report', report]);
      expect(run.code).toBe(1);
      expect(run.out[0]).toMatch(
        /^Dry run \(nothing changed\): 50000 lines, 49996 added, 0 updated, 0 unchanged, 4 refused, in /,
      );
      expect(run.out[1]).toBe(`Report: ${report}`);
      expect(await count()).toBe(before);
      const written = readReport(report);
      expect(written).toMatchObject({
        dryRun: true,
        counts: { lines: 50000, added: 49996, updated: 0, unchanged: 0, refused: 4 },
      });
      expect(written.refused).toEqual(refusedLines.map((r) => ({ ...r, text: expect.any(String) })));
      expect(written.added).toHaveLength(49996);
    });

    it('imports the file with a progress line, refusing bad lines and never touching a number in service', async () => {
      const run = await command([file]);
      process.stdout.write(`legacy import of ${LINES} lines on PostgreSQL: ${run.ms} ms\n`);
      expect(run.code).toBe(1);
      expect(run.out[0]).toMatch(
        /^Imported: 50000 lines, 49996 added, 0 updated, 0 unchanged, 4 refused, in /,
      );
      // In a log, a progress line every 5,000 lines or so, and the last one; the 3 lines refused as
      // written are not counted.
      const progress = run.err.filter((l) => l.startsWith('legacy import: '));
      const done = progress.map((l) =>
        Number(/^legacy import: (\d+)\/49997 lines checked \(\d+%\)$/.exec(l)?.[1]),
      );
      expect(progress.length).toBeGreaterThanOrEqual(5);
      expect(done).toEqual([...done].sort((a, b) => a - b));
      expect(progress.at(-1)).toBe('legacy import: 49997/49997 lines checked (100%)');
      expect(run.err).toContain(`line ${IN_SERVICE - FIRST + 2}: ${refusedLines[3].reason}`);
      const report = run.out[1].replace(/^Report: /, '');
      expect(report).toMatch(/site\.csv\.\d{8}T\d{6}Z\.report\.json$/);
      expect(readReport(report).refused).toEqual(
        refusedLines.map((r) => ({ ...r, text: expect.any(String) })),
      );

      expect(
        await db()
          .getRepository(PhoneNumberEntity)
          .findOneByOrFail({ number: String(IN_SERVICE) }),
      ).toMatchObject({
        state: NumberState.ACTIVE,
        ownerLogin: 'someone',
        description: 'in service',
      });
      expect(
        await db()
          .getRepository(LegacyNumberEntity)
          .findOneBy({ number: String(IN_SERVICE) }),
      ).toBeNull();
      expect(
        await db().getRepository(PhoneNumberEntity).countBy({ state: NumberState.LEGACY }),
      ).toBeGreaterThanOrEqual(49996);
      // One line read back whole: 10080 has a description, a phone, forwarding, voicemail and two listings.
      expect(await db().getRepository(LegacyNumberEntity).findOneByOrFail({ number: '10080' })).toMatchObject(
        {
          service: 'SKYPE',
          description: 'Office 10080, bldg 480',
          phoneModelId: 'polycom-vvx-450',
          phoneMac: macOf(10080).replace(/:/g, ''),
          forwardTo: '60080',
          forwardWhen: 'BUSY',
          voicemail: true,
        },
      );
      expect(await db().getRepository(LegacyNumberEntity).findOneByOrFail({ number: '10081' })).toMatchObject(
        {
          service: 'ANALOGUE',
          description: null,
          phoneModelId: null,
          forwardTo: null,
          voicemail: false,
        },
      );
      expect(
        (await db().getRepository(LegacyListingEntity).findBy({ number: '10080' }))
          .map((l) => l.login)
          .sort(),
      ).toEqual([`user${10080 % 997}`, `user${10081 % 997}`].sort());
    });

    it('re-importing the same file changes nothing', async () => {
      const stamps = await db().getRepository(LegacyNumberEntity).findOneByOrFail({ number: '10080' });
      const run = await command([file, '--report', join(dir, 'again.json')]);
      process.stdout.write(`legacy re-import of ${LINES} lines on PostgreSQL: ${run.ms} ms\n`);
      expect(run.out[0]).toMatch(
        /^Imported: 50000 lines, 0 added, 0 updated, 49996 unchanged, 4 refused, in /,
      );
      expect(
        (await db().getRepository(LegacyNumberEntity).findOneByOrFail({ number: '10080' })).importedAt,
      ).toEqual(stamps.importedAt);
    });

    it('updates only the lines that changed', async () => {
      const changed = join(dir, 'changed.csv');
      writeFileSync(
        changed,
        bigInventory((n) => (n === 10080 ? '10080,SKYPE,user1,Reception,,,65001,,no' : null)),
      );
      const run = await command([changed, '--report', join(dir, 'changed.json')]);
      expect(run.out[0]).toMatch(
        /^Imported: 50000 lines, 0 added, 1 updated, 49995 unchanged, 4 refused, in /,
      );
      expect(await db().getRepository(LegacyNumberEntity).findOneByOrFail({ number: '10080' })).toMatchObject(
        {
          service: 'SKYPE',
          description: 'Reception',
          forwardTo: '65001',
          forwardWhen: 'ALWAYS',
          voicemail: false,
        },
      );
      expect(await db().getRepository(LegacyListingEntity).findBy({ number: '10080' })).toEqual([
        { number: '10080', login: 'user1' },
      ]);
    });

    it('refuses a file whose header is wrong, whole, with exit code 2', async () => {
      const bad = join(dir, 'bad.csv');
      writeFileSync(bad, 'number,servise\n10000,SKYPE\n');
      const run = await command([bad]);
      expect(run.code).toBe(2);
      expect(run.err).toEqual([
        expect.stringMatching(/^INVALID_INPUT: The header names unknown columns \("servise"\)/),
      ]);
    });
  });

  describe('the service desk action, then a migration of an imported number', () => {
    const IMPORT = `mutation($csv: String!, $dryRun: Boolean!) { importLegacyInventory(csv: $csv, dryRun: $dryRun) {
      dryRun lines added updated unchanged refused summary refusedLines { line text reason } } }`;
    const csv = [
      'number;service;listed_under;description;voicemail',
      `72002;Skype for Business;${bwong.uid};${bwong.cn};yes`,
      '72099;analogue;nobody-here;Lab;',
    ].join('\n');
    type Result = {
      importLegacyInventory: {
        dryRun: boolean;
        added: number;
        unchanged: number;
        refused: number;
        refusedLines: Array<{ line: number; text: string; reason: string }>;
      };
    };
    const send = (user: string, variables: Record<string, unknown>) =>
      api.graphql<Result>(IMPORT, { user, variables });

    it('is refused to a person outside the service desk, and to a text over the limit', async () => {
      const forbidden = await send(bwong.uid, { csv, dryRun: true });
      expect(forbidden.errors?.[0]).toMatchObject({ extensions: { code: 'FORBIDDEN' } });
      const long = await send(desk, { csv: `${csv}\n${'#'.repeat(70_000)}`, dryRun: true });
      expect(long.errors?.[0]).toMatchObject({
        message: expect.stringMatching(/^The file is 70\d{3} characters long; this action takes up to 64000/),
        extensions: { code: 'INVALID_INPUT' },
      });
    });

    it('checks the logins in the directory, changes nothing on a dry run, then imports and audits', async () => {
      const dry = await send(desk, { csv, dryRun: true });
      expect(dry.errors).toBeUndefined();
      const refusal = {
        line: 3,
        text: '72099;analogue;nobody-here;Lab;',
        reason: 'listed_under: the directory has no person nobody-here',
      };
      expect(dry.data!.importLegacyInventory).toMatchObject({
        dryRun: true,
        added: 1,
        refused: 1,
        refusedLines: [refusal],
      });
      expect(await db().getRepository(LegacyNumberEntity).findOneBy({ number: '72002' })).toBeNull();

      const run = await send(desk, { csv, dryRun: false });
      expect(run.data!.importLegacyInventory).toMatchObject({ dryRun: false, added: 1, refused: 1 });
      expect(await db().getRepository(PhoneNumberEntity).findOneByOrFail({ number: '72002' })).toMatchObject({
        state: NumberState.LEGACY,
        type: null,
      });
      const again = await send(desk, { csv, dryRun: false });
      expect(again.data!.importLegacyInventory).toMatchObject({ added: 0, unchanged: 1, refused: 1 });

      const audit = await db()
        .getRepository(AuditEntryEntity)
        .find({ where: { action: 'IMPORT_LEGACY_INVENTORY', actor: desk }, order: { id: 'ASC' } });
      expect(audit.map((a) => [a.result, a.target, a.detail?.replace(/, in .*$/, '')])).toEqual([
        ['REFUSED', 'dry run', expect.stringMatching(/^INVALID_INPUT: The file is 70\d{3} characters long/)],
        ['OK', 'dry run', 'Dry run (nothing changed): 2 lines, 1 added, 0 updated, 0 unchanged, 1 refused'],
        ['OK', null, 'Imported: 2 lines, 1 added, 0 updated, 0 unchanged, 1 refused'],
        ['OK', null, 'Imported: 2 lines, 0 added, 0 updated, 1 unchanged, 1 refused'],
      ]);
    });

    it('migrates the imported number as personal on Kamailio and slapd, and a new import leaves it alone', async () => {
      // The legacy service itself still has the line (the sandbox legacy driver stands for it).
      await new SandboxLegacyDriver(api.world.sandbox).upsertLine({
        number: '72002',
        service: 'SKYPE',
        displayName: bwong.cn,
        phone: null,
        settings: { voicemail: 'yes' },
        active: true,
      });
      const mine = await api.graphql<{
        myLegacyNumbers: Array<{ number: string; migrateAsPersonal: { allowed: boolean } }>;
      }>('{ myLegacyNumbers { number migrateAsPersonal { allowed } } }', { user: bwong.uid });
      expect(mine.data!.myLegacyNumbers).toEqual([{ number: '72002', migrateAsPersonal: { allowed: true } }]);
      const accepted = await api.graphql<{ migrateLegacyNumber: { id: string } }>(
        'mutation { migrateLegacyNumber(number: "72002", as: PERSONAL) { id } }',
        { user: bwong.uid },
      );
      expect(accepted.errors).toBeUndefined();
      const done = await waitForRequest(api, bwong.uid, accepted.data!.migrateLegacyNumber.id, [
        'COMPLETED',
        'FAILED',
      ]);
      expect(done.status).toBe('COMPLETED');
      expect(await db().getRepository(PhoneNumberEntity).findOneByOrFail({ number: '72002' })).toMatchObject({
        state: NumberState.ACTIVE,
        type: 'PERSONAL',
        ownerLogin: bwong.uid,
      });

      const pg = new PgClient({ connectionString: kamailio.databaseUrl });
      await pg.connect();
      try {
        const { rows } = await pg.query('SELECT username FROM subscriber WHERE username = $1', ['72002']);
        expect(rows).toEqual([{ username: '72002' }]);
      } finally {
        await pg.end();
      }
      const ldap = new LdapClient({ url: slapd.url, timeout: 5_000 });
      try {
        const { searchEntries } = await ldap.search(bwong.dn, {
          scope: 'base',
          attributes: ['telephoneNumber'],
        });
        expect([searchEntries[0].telephoneNumber].flat()).toContain('72002');
      } finally {
        await ldap.unbind();
      }
      expect((await new SandboxLegacyDriver(api.world.sandbox).snapshotLine('72002'))?.active).toBe(false);

      // The site's next import still lists the number: the inventory is the truth now.
      const later = await send(desk, { csv, dryRun: false });
      expect(later.data!.importLegacyInventory.refusedLines[0]).toEqual({
        line: 2,
        text: `72002;Skype for Business;${bwong.uid};${bwong.cn};yes`,
        reason:
          'number 72002 is ACTIVE in Switchboard (already migrated or in service), so the legacy inventory cannot change it',
      });
    });
  });
});
