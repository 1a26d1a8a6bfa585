// The team session at rest, sealed by Electron's safeStorage (the system keystore: Keychain on
// macOS, DPAPI on Windows, the Secret Service or KWallet on Linux). Where Linux has no keystore,
// safeStorage falls back to a key written in its own source ("basic_text"): that is no protection,
// so nothing is sealed with it and the person signs in at each start instead.
import type { SecretBox } from '../team/settings';

/** The part of Electron's safeStorage this uses. */
export interface SafeStorageLike {
  isEncryptionAvailable(): boolean;
  encryptString(plain: string): Buffer;
  decryptString(sealed: Buffer): string;
  getSelectedStorageBackend?(): string;
}

export function safeStorageBox(
  storage: SafeStorageLike,
  platform: NodeJS.Platform = process.platform,
): SecretBox {
  return {
    available() {
      if (!storage.isEncryptionAvailable()) return false;
      if (platform === 'linux' && storage.getSelectedStorageBackend?.() === 'basic_text') return false;
      return true;
    },
    seal: (plain) => storage.encryptString(plain),
    open: (sealed) => storage.decryptString(sealed),
  };
}
