// `npm run package [-- electron-builder options]`: the installers for this system (see
// electron-builder.yml), in dist/. electron-builder rebuilds the SQLite driver in node_modules for
// Electron's ABI; afterwards the Node build is put back, so tests and serve mode keep working.
import { spawnSync } from 'node:child_process';

const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 22 || (major === 22 && minor < 12)) {
  console.error(
    `Packaging the desktop app needs Node 22.12 or later (Electron 45 does); this is Node ${process.versions.node}.`,
  );
  process.exit(1);
}

function run(command, args) {
  return spawnSync(command, args, { stdio: 'inherit', shell: process.platform === 'win32' }).status ?? 1;
}

let status = run('npx', ['--no-install', 'electron-vite', 'build']);
if (status === 0) {
  status = run('npx', [
    '--no-install',
    'electron-builder',
    '--config',
    'electron-builder.yml',
    ...process.argv.slice(2),
  ]);
}
console.log('Restoring the SQLite driver built for Node (tests and serve mode)…');
const restored = run('npm', ['rebuild', 'better-sqlite3']);
if (restored !== 0) console.error('Run `npm rebuild better-sqlite3` before `npm test` or `npm run serve`.');
process.exit(status || restored);
