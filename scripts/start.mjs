// `npm start`: the desktop app. Electron's binary and an Electron-ABI build of better-sqlite3 are
// prepared here, beside (never instead of) the Node build that tests and serve mode use, so neither
// command ever has to rebuild for the other.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

const root = process.cwd();
const require = createRequire(join(root, 'package.json'));
const electronDir = join(root, 'node_modules', 'electron');
const electronVersion = JSON.parse(readFileSync(join(electronDir, 'package.json'), 'utf8')).version;
const SERVE_HINT =
  'The Electron binary is not available on this machine (it could not be downloaded), so the desktop app cannot start here; run `npm run serve` to use Support Console in your browser instead.';

function electronBinaryPresent() {
  if (process.env.ELECTRON_OVERRIDE_DIST_PATH) return true;
  const pathFile = join(electronDir, 'path.txt');
  if (!existsSync(pathFile)) return false;
  return existsSync(join(electronDir, 'dist', readFileSync(pathFile, 'utf8').trim()));
}

function quiet(command, args, options = {}) {
  return spawnSync(command, args, { stdio: 'pipe', encoding: 'utf8', timeout: 300_000, ...options });
}

// Electron 45 and its download and rebuild tools need Node 22.12; tests and serve mode do not.
const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 22 || (major === 22 && minor < 12)) {
  console.error(
    `The desktop app needs Node 22.12 or later (Electron 45 does); this is Node ${process.versions.node}. Serve mode runs on Node 20.19 or later: run \`npm run serve\` to use Support Console in your browser instead.`,
  );
  process.exit(1);
}

if (!electronBinaryPresent()) {
  const install = quiet(process.execPath, [join(electronDir, 'install.js')], { timeout: 120_000 });
  if (install.status !== 0 || !electronBinaryPresent()) {
    console.error(SERVE_HINT);
    process.exit(1);
  }
}

const bindingDir = join(root, '.electron-native', `electron-${electronVersion}`);
const binding = join(bindingDir, 'better_sqlite3.node');
if (!existsSync(binding)) {
  console.log(`Building the SQLite driver for Electron ${electronVersion} (once)…`);
  const source = join(root, 'node_modules', 'better-sqlite3');
  const work = join(root, '.electron-native', 'build');
  rmSync(work, { recursive: true, force: true });
  cpSync(source, work, { recursive: true, filter: (path) => !path.includes(`${join(source, 'build')}`) });
  const env = {
    ...process.env,
    npm_config_runtime: 'electron',
    npm_config_target: electronVersion,
    npm_config_disturl: 'https://electronjs.org/headers',
  };
  let built = quiet(
    'npx',
    ['--no-install', 'prebuild-install', '--runtime', 'electron', '--target', electronVersion],
    { cwd: work, env },
  );
  if (built.status !== 0) {
    const nodeGyp = require.resolve('node-gyp/bin/node-gyp.js', {
      paths: [root, join(process.execPath, '..', '..', 'lib', 'node_modules', 'npm')],
    });
    built = quiet(
      process.execPath,
      [
        nodeGyp,
        'rebuild',
        '--release',
        `--target=${electronVersion}`,
        '--dist-url=https://electronjs.org/headers',
      ],
      { cwd: work, env },
    );
  }
  const output = join(work, 'build', 'Release', 'better_sqlite3.node');
  if (built.status !== 0 || !existsSync(output)) {
    console.error(
      `The SQLite driver could not be built for Electron ${electronVersion}: ${(built.stderr || built.stdout || '').trim().split('\n').slice(-3).join(' ')}`,
    );
    process.exit(1);
  }
  mkdirSync(bindingDir, { recursive: true });
  cpSync(output, binding);
  rmSync(work, { recursive: true, force: true });
}

const result = spawnSync('npx', ['--no-install', 'electron-vite', 'preview', ...process.argv.slice(2)], {
  stdio: 'inherit',
  env: { ...process.env, SUPPORT_CONSOLE_NATIVE_BINDING: binding },
});
process.exit(result.status ?? 1);
