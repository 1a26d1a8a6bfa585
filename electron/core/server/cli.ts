// `npm run server -- <command>`: the team server's command line. Only `import` lives here so far; the
// team server itself (serving, create-lead) is added beside it.
import { IMPORT_USAGE, runImportCommand } from './import-command';

const [command, ...rest] = process.argv.slice(2);
if (command === 'import') {
  process.exitCode = await runImportCommand(rest);
} else {
  console.error(`Unknown command ${command ?? '(none)'}.\n${IMPORT_USAGE}`);
  process.exitCode = 2;
}
