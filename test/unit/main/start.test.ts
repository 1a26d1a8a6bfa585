// `npm start` where the Electron binary cannot be had: one plain sentence pointing to serve mode.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const electronDir = join(process.cwd(), 'node_modules', 'electron');
const binaryPresent = (() => {
  const pathFile = join(electronDir, 'path.txt');
  return existsSync(pathFile) && existsSync(join(electronDir, 'dist', readFileSync(pathFile, 'utf8').trim()));
})();

describe.skipIf(binaryPresent)('npm start without the Electron binary', () => {
  it('says so in one sentence and points to serve mode, without a stack trace', () => {
    const result = spawnSync(process.execPath, ['scripts/start.mjs'], {
      encoding: 'utf8',
      timeout: 120_000,
      // A mirror nobody listens on makes the download fail at once, as on an offline machine.
      env: {
        ...process.env,
        ELECTRON_MIRROR: 'http://127.0.0.1:9/',
        electron_config_cache: join(process.cwd(), 'node_modules', '.cache', 'no-electron'),
      },
    });
    expect(result.status).toBe(1);
    const lines = result.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    // Before Node 22.12 the Node version is the first thing missing; after it, the binary.
    const [major, minor] = process.versions.node.split('.').map(Number);
    const oldNode = (major ?? 0) < 22 || (major === 22 && (minor ?? 0) < 12);
    expect(lines[0]).toMatch(
      oldNode
        ? /needs Node 22\.12 or later.*this is Node [\d.]+\..*npm run serve/
        : /Electron binary is not available.*npm run serve/,
    );
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });
});
