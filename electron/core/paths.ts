import { homedir } from 'node:os';
import { join } from 'node:path';

export const APP_NAME = 'Support Console';

/**
 * Where the desktop app keeps its data (Electron's userData folder for this app name). Serve mode
 * uses the same default so both work on the same file.
 */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform = process.platform): string {
  if (env.SUPPORT_CONSOLE_DATA_DIR) return env.SUPPORT_CONSOLE_DATA_DIR;
  if (platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), APP_NAME);
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', APP_NAME);
  return join(env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), APP_NAME);
}

export function defaultDatabaseFile(env: NodeJS.ProcessEnv = process.env): string {
  return join(defaultDataDir(env), 'support-console.sqlite');
}
