import 'reflect-metadata';
import { runBench } from './support/bench-run';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { loadConfig } from '../libs/config/app-config';
import { dataSourceOptions } from '../libs/persistence/data-source-options';
import { SipCredentialVault } from '../libs/systems/pbx/sip-credentials';
import { DatabaseProvisioningDriver } from '../libs/systems/provisioning/database-provisioning.driver';
import { freshAppDatabase } from './support/database';
import { freePort } from '../test/support/free-port';
import { seedInventory } from './support/inventory-seed';
import { fetchAll, formatLoad, type LoadFigures } from './support/load';
import { startNginx, writeServedFile } from './support/nginx';
import { withPg } from './support/postgres';
import { printResult, ratio } from './support/report';
import { ROOT, startApp, type AppProcess } from './support/stack';
import { envInt, say, timedPool } from './support/stats';

/**
 * (e) A boot storm: every phone fetches its master file `<mac>.cfg`, then the line file the master
 * lists, `phone<mac>.cfg` (the Polycom boot order, docs/provisioning.md), from the provisioning server (`apps/provisioning`, GET /p/<secret>/<file>), `connections` phones at a
 * time; baseline: Debian's nginx serving the very same bytes from disk.
 *
 * The phones are set up through the product's own code: the boot URL secret and the published
 * configuration by the provisioning driver, the SIP password by the vault. When the server is not
 * built (dist/apps/provisioning/src/main.js, or BENCH_PROVISIONING_DIST/…), only nginx runs and the
 * result says so; the files nginx serves are then stand-ins of the same shape, not the server's.
 *
 *   node bench/run.js bench/e-boot-storm.ts   (BENCH_E_PHONES, BENCH_E_CONNECTIONS)
 */
const PHONES = envInt('BENCH_E_PHONES', 1_000);
const CONNECTIONS = envInt('BENCH_E_CONNECTIONS', 50);
const DB = 'bench_e';
const SERVER_SCRIPT = 'apps/provisioning/src/main.js';
/** A build holding the server: this worktree's dist/ unless BENCH_PROVISIONING_DIST names another. */
const SERVER_DIST = process.env.BENCH_PROVISIONING_DIST ?? join(ROOT, 'dist');
/** The two files of a Polycom boot, in the order the phone asks for them. */
const bootFiles = (mac: string) => [`${mac}.cfg`, `phone${mac}.cfg`];

interface Phone {
  mac: string;
  number: string;
  secret: string;
}

async function setUpPhones(url: string, provisioningUrl: string): Promise<Phone[]> {
  await withPg(url, (pg) =>
    seedInventory(pg, {
      people: PHONES,
      owners: PHONES,
      phones: PHONES,
      systems: false,
      provisioningUrl,
    }),
  );
  const config = loadConfig({
    SWITCHBOARD_SANDBOX: 'true',
    DATABASE_URL: url,
    PROVISIONING_URL: provisioningUrl,
  });
  const dataSource = await new DataSource(dataSourceOptions(config.database)).initialize();
  try {
    // The secret is the driver's to make: drop the seed's and let bootUrl() create one per phone.
    await dataSource.query(`UPDATE ip_phones SET "provisioningSecret" = NULL`);
    const rows: Array<{ mac: string; number: string; ownerLogin: string }> = await dataSource.query(
      `SELECT mac, number, "ownerLogin" FROM ip_phones ORDER BY mac`,
    );
    const driver = new DatabaseProvisioningDriver(dataSource, provisioningUrl);
    const vault = new SipCredentialVault(dataSource, config.sip.secretKey, config.sip.previousSecretKeys);
    const phones: Phone[] = new Array(rows.length);
    await timedPool(rows.length, 20, async (i) => {
      const { mac, number, ownerLogin } = rows[i];
      const { url: bootUrl } = await driver.bootUrl(mac);
      await vault.getOrCreate(number);
      await driver.publishConfig(mac, {
        family: 'polycom',
        modelId: 'polycom-vvx-450',
        sipServer: config.sip.domain,
        lines: [{ index: 1, extension: number, label: number, displayName: ownerLogin }],
        d60: null,
      });
      const secret = new URL(bootUrl).pathname.split('/').filter(Boolean)[1];
      phones[i] = { mac, number, secret };
    });
    return phones;
  } finally {
    await dataSource.destroy();
  }
}

/** A stand-in of a phone's file, only when the server is not there to render the real one. */
function standIn(phone: Phone, file: string): string {
  if (file === `${phone.mac}.cfg`)
    return `<?xml version="1.0"?>\n<APPLICATION CONFIG_FILES="phone[PHONE_MAC_ADDRESS].cfg"/>\n`;
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n<PHONE_CONFIG>\n  <reg reg.1.address="${phone.number}" ` +
    `reg.1.auth.userId="${phone.number}" reg.1.auth.password="${'x'.repeat(24)}" ` +
    `reg.1.label="${phone.number}" reg.1.server.1.address="switchboard.local"/>\n</PHONE_CONFIG>\n`
  );
}

runBench({ id: 'e', database: DB, temporal: false }, async ({ rss, onStop }) => {
  say(`(e) boot storm: ${PHONES} phones, ${CONNECTIONS} at a time`);
  const serverBuilt = existsSync(join(SERVER_DIST, SERVER_SCRIPT));
  const url = await freshAppDatabase(DB);
  const serverPort = await freePort();
  const provisioningUrl = `http://127.0.0.1:${serverPort}`;
  const setUpStarted = performance.now();
  const phones = await setUpPhones(url, provisioningUrl);
  say(`  ${phones.length} phones set up in ${((performance.now() - setUpStarted) / 1000).toFixed(1)} s`);
  const paths = phones.flatMap((p) => bootFiles(p.mac).map((file) => `/p/${p.secret}/${file}`));

  let server: AppProcess | undefined;
  if (serverBuilt) {
    server = await startApp({
      name: 'provisioning',
      argv: [join(SERVER_DIST, SERVER_SCRIPT)],
      env: {
        SWITCHBOARD_SANDBOX: 'true',
        DATABASE_URL: url,
        PROVISIONING_URL: provisioningUrl,
        PROVISIONING_HOST: '127.0.0.1',
        PROVISIONING_PORT: String(serverPort),
        PROVISIONING_UPLOAD_DIR: join(ROOT, '.tmp', 'bench', 'provisioning-uploads'),
      },
      ready: async () => (await fetch(`${provisioningUrl}/health`)).ok,
      rss,
    });
    onStop(() => server!.stop());
  }

  const nginx = await startNginx(await freePort());
  onStop(() => nginx.stop());
  // nginx serves the bytes the server answered (or stand-ins when there is no server).
  await timedPool(phones.length, 10, async (i) => {
    const phone = phones[i];
    for (const file of bootFiles(phone.mac)) {
      const path = `/p/${phone.secret}/${file}`;
      let content: Buffer | string = standIn(phone, file);
      if (server) {
        const response = await fetch(`${provisioningUrl}${path}`);
        if (!response.ok) throw new Error(`the provisioning server answered ${response.status} for ${file}`);
        content = Buffer.from(await response.arrayBuffer());
      }
      writeServedFile(nginx.root, path, content);
    }
  });

  let switchboard: LoadFigures | undefined;
  if (server) {
    // A short warm-up on the first phones, then the storm proper.
    await fetchAll({ url: provisioningUrl, paths: paths.slice(0, 200), connections: CONNECTIONS });
    switchboard = await fetchAll({ url: provisioningUrl, paths, connections: CONNECTIONS });
  }
  await fetchAll({ url: nginx.url, paths: paths.slice(0, 200), connections: CONNECTIONS });
  const baseline = await fetchAll({ url: nginx.url, paths, connections: CONNECTIONS });

  const lines = switchboard
    ? [
        `provisioning server: ${formatLoad(switchboard)}`,
        `nginx baseline: ${formatLoad(baseline)}`,
        `ratio: ${ratio(switchboard.requestsPerSecond, baseline.requestsPerSecond)} of nginx's rate (target ≥ 0.50×)`,
      ]
    : [
        `provisioning server: NOT RUN — ${join(SERVER_DIST, SERVER_SCRIPT)} does not exist (apps/provisioning not merged/built)`,
        `nginx baseline (stand-in files of the same shape): ${formatLoad(baseline)}`,
      ];
  printResult({
    id: 'e',
    title: `boot storm: ${phones.length} phones × 2 files (${paths.length} fetches), ${CONNECTIONS} at a time`,
    lines,
    figures: {
      fetchesPerSecond: switchboard?.requestsPerSecond ?? 'not run',
      p99: switchboard?.p99 ?? 'not run',
      nginxFetchesPerSecond: baseline.requestsPerSecond,
      nginxP99: baseline.p99,
    },
    peakRssMiB: rss.report(),
  });
});
