// `npm run server -- import --from desktop.sqlite --database postgres://…`: the command line of the
// desktop-to-team import (the work is in store/import.ts).
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { ImportError, importSqliteIntoPostgres } from '../store/import';
import { redactUrl } from '../store/postgres';

export const IMPORT_USAGE =
  'Usage: npm run server -- import --from FILE.sqlite --database postgres://USER@HOST:PORT/DB\n' +
  'Copies a desktop database into an EMPTY PostgreSQL database, in one transaction, then checks it.';

/** Returns the process exit code. */
export async function runImportCommand(argv: string[]): Promise<number> {
  let values: { from?: string | undefined; database?: string | undefined; help?: boolean | undefined };
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        from: { type: 'string' },
        database: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
    }));
  } catch (error) {
    console.error(`${(error as Error).message}\n${IMPORT_USAGE}`);
    return 2;
  }
  if (values.help) {
    console.log(IMPORT_USAGE);
    return 0;
  }
  const database = values.database ?? process.env.SUPPORT_CONSOLE_DATABASE;
  if (!values.from || !database) {
    console.error(`Both --from and --database are needed.\n${IMPORT_USAGE}`);
    return 2;
  }
  const from = resolve(values.from);
  console.log(`Importing ${from} into ${redactUrl(database)}`);
  try {
    const report = await importSqliteIntoPostgres({
      from,
      database,
      log: (line) => console.log(`  ${line}`),
    });
    const rows = report.tables.reduce((sum, t) => sum + t.rows, 0);
    console.log(
      `Imported ${rows} rows from ${report.tables.length} tables; checked ${report.sampled} sampled rows.`,
    );
    return 0;
  } catch (error) {
    const known = error instanceof ImportError || (error as Error).name === 'MigrationMismatchError';
    console.error(`Import failed, nothing was written: ${(error as Error).message}`);
    if (!known) console.error(error);
    return 1;
  }
}
