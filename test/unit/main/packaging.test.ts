// The installers' configuration (electron-builder.yml), read and validated by electron-builder's
// own loader and schema: targets for each system, the hardening fuses, the SQLite driver rebuilt
// for Electron and kept outside the archive, and only the built app inside it. Nothing is built
// here (no Electron binary).
import { readFileSync } from 'node:fs';
import { getConfig, validateConfiguration } from 'app-builder-lib/out/util/config/config.js';
import type { Configuration } from 'app-builder-lib';
import { DebugLogger } from 'builder-util';
import { beforeAll, describe, expect, it } from 'vitest';

let config: Configuration;
const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as {
  main: string;
  scripts: Record<string, string>;
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
  engines: { node: string };
};

function targets(value: unknown): string[] {
  return (Array.isArray(value) ? value : [value]).map((t) =>
    typeof t === 'string' ? t : (t as { target: string }).target,
  );
}

beforeAll(async () => {
  config = await getConfig(process.cwd(), 'electron-builder.yml', null);
});

describe('the packaging configuration', () => {
  it('is valid for electron-builder', async () => {
    await expect(validateConfiguration(config, new DebugLogger(false))).resolves.toBeUndefined();
  });

  it('and the validator does refuse a broken one', async () => {
    const broken = {
      ...config,
      electronFuses: { ...config.electronFuses, runAsNod: false },
    } as Configuration;
    await expect(validateConfiguration(broken, new DebugLogger(false))).rejects.toThrow(/electronFuses/);
  });

  it('builds deb and AppImage for Linux, an NSIS installer for Windows and a dmg for macOS', () => {
    expect(targets(config.linux?.target).sort()).toEqual(['AppImage', 'deb']);
    expect(targets(config.win?.target)).toEqual(['nsis']);
    expect(targets(config.mac?.target)).toEqual(['dmg']);
  });

  it('sets the hardening fuses', () => {
    expect(config.electronFuses).toMatchObject({
      runAsNode: false,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      grantFileProtocolExtraPrivileges: false,
    });
  });

  it('rebuilds the SQLite driver for Electron and keeps it outside the asar archive', () => {
    expect(config.asar).toBe(true);
    expect(config.npmRebuild).toBe(true);
    expect(config.asarUnpack).toContain('**/node_modules/better-sqlite3/build/Release/*.node');
    expect(pkg.dependencies['better-sqlite3']).toBeDefined();
  });

  it('packs the built app (main, preload, renderer) and no sources or source maps', () => {
    // The loader normalises the list into one file set.
    const patterns = (config.files as { filter: string[] }[]).flatMap((set) => set.filter);
    expect(patterns).toEqual(expect.arrayContaining(['out/**/*', 'package.json', '!**/*.map']));
    expect(pkg.main).toBe('out/main/index.js');
    const files = patterns.filter((f) => !f.startsWith('!'));
    expect(files.some((f) => /^(electron|renderer|shared|test|scripts)\//.test(f))).toBe(false);
  });

  it('has `npm run package`, and electron-builder is a build tool, not shipped', () => {
    expect(pkg.scripts.package).toBe('node scripts/package.mjs');
    expect(pkg.devDependencies['electron-builder']).toBeDefined();
    expect(pkg.dependencies['electron-builder']).toBeUndefined();
    expect(pkg.devDependencies.electron).toBe('45.6.1');
  });
});
