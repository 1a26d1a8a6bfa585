import { existsSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The better-sqlite3 addon built for Electron's ABI lives apart from Node's (node_modules keeps the
 * Node build for tests and serve mode), so neither `npm start` nor `npm test` ever rebuilds the other.
 * `scripts/start.mjs` builds it into .electron-native/ and passes its path.
 */
export function electronNativeBinding(appRoot: string, electronVersion: string): string | undefined {
  const fromEnv = process.env.SUPPORT_CONSOLE_NATIVE_BINDING;
  if (fromEnv && existsSync(fromEnv)) return fromEnv;
  const built = join(appRoot, '.electron-native', `electron-${electronVersion}`, 'better_sqlite3.node');
  return existsSync(built) ? built : undefined;
}
