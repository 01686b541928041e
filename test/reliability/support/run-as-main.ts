import { runMain } from 'node:module';

/**
 * `node bench/run.js test/reliability/support/run-as-main.ts <file.ts>`: runs <file.ts> as the main
 * module. bench/run.js loads its script with require(), which leaves `require.main` on run.js, and
 * apps/api/src/main.ts only listens under a `require.main === module` guard (tests import it for
 * `createApi`). Node's own main-module loader honours the .ts hook bench/run.js has installed.
 */
process.argv.splice(1, 1);
runMain();
