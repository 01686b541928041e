import 'reflect-metadata';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { DataSource } from 'typeorm';
import { defaultTemplatesDir } from '../apps/provisioning/src/provisioning-app';
import { loadConfig } from '../libs/config/app-config';
import { DomainError } from '../libs/domain/domain-error';
import { dataSourceOptions } from '../libs/persistence/data-source-options';
import { PhoneCatalogueAdmin } from '../libs/systems/inventory/phone-catalogue-admin';
import { TemplateCatalogue } from '../libs/systems/provisioning/template-catalogue';

const USAGE = `npm run phone-catalogue -- <command>
  list
  set <id> --manufacturer <text> --name <text> --family <template folder> --compatible YES|NO|SOON [--add-on]
  remove <id>`;

/**
 * The telephony admin's command for the phone catalogue (docs/provisioning.md "The phone
 * catalogue"). Returns the exit code; `out` gets the answer, `err` the refusal with its code.
 */
export async function phoneCatalogueCommand(
  argv: string[],
  admin: PhoneCatalogueAdmin,
  out: (line: string) => void,
  err: (line: string) => void,
): Promise<number> {
  try {
    const { positionals, values } = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        manufacturer: { type: 'string' },
        name: { type: 'string' },
        family: { type: 'string' },
        compatible: { type: 'string' },
        'add-on': { type: 'boolean', default: false },
      },
    });
    const [command, id] = positionals;
    if (command === 'list' && positionals.length === 1) {
      for (const m of await admin.list())
        out(
          `${m.id}\t${m.manufacturer}\t${m.name}\t${m.family}\t${m.compatible}${m.addOn ? '\tadd-on' : ''}`,
        );
      return 0;
    }
    if (command === 'set' && id && positionals.length === 2) {
      const missing = (['manufacturer', 'name', 'family', 'compatible'] as const).filter((k) => !values[k]);
      if (missing.length > 0) throw new UsageError(`set needs ${missing.map((k) => `--${k}`).join(', ')}`);
      const outcome = await admin.set({
        id,
        manufacturer: values.manufacturer!,
        name: values.name!,
        family: values.family!,
        compatible: values.compatible!,
        addOn: values['add-on'] ?? false,
      });
      out(`${id}: ${outcome}`);
      return 0;
    }
    if (command === 'remove' && id && positionals.length === 2) {
      out(`${id}: ${await admin.remove(id)}`);
      return 0;
    }
    throw new UsageError(USAGE);
  } catch (error) {
    if (error instanceof DomainError) err(`${error.code}: ${error.message}`);
    else if (error instanceof UsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS'))
      err(`USAGE: ${(error as Error).message}${error instanceof UsageError ? '' : `\n${USAGE}`}`);
    else throw error;
    return 2;
  }
}

class UsageError extends Error {}

async function main(): Promise<void> {
  const config = loadConfig();
  const families = TemplateCatalogue.load(
    resolve(config.provisioning.templatesDir ?? defaultTemplatesDir()),
  ).familyNames();
  const dataSource = await new DataSource(dataSourceOptions(config.database)).initialize();
  try {
    process.exitCode = await phoneCatalogueCommand(
      process.argv.slice(2),
      new PhoneCatalogueAdmin(dataSource, families),
      (line) => process.stdout.write(`${line}\n`),
      (line) => process.stderr.write(`${line}\n`),
    );
  } finally {
    await dataSource.destroy();
  }
}

if (require.main === module) {
  main().catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
}
