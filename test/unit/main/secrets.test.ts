// The team session is sealed only by a real system keystore.
import { describe, expect, it } from 'vitest';
import { safeStorageBox, type SafeStorageLike } from '../../../electron/main/secrets';

function storage(available: boolean, backend: string): SafeStorageLike {
  return {
    isEncryptionAvailable: () => available,
    getSelectedStorageBackend: () => backend,
    encryptString: (plain) => Buffer.from(`sealed:${plain}`),
    decryptString: (sealed) => sealed.toString().replace(/^sealed:/, ''),
  };
}

describe('safeStorageBox', () => {
  it.each([
    ['linux', true, 'gnome_libsecret', true],
    ['linux', true, 'kwallet5', true],
    ['linux', true, 'basic_text', false],
    ['linux', false, 'unknown', false],
    ['darwin', true, 'unknown', true],
    ['win32', true, 'unknown', true],
    ['win32', false, 'unknown', false],
  ] as const)('on %s (encryption %s, backend %s) seals: %s', (platform, available, backend, seals) => {
    expect(safeStorageBox(storage(available, backend), platform).available()).toBe(seals);
  });

  it('seals and opens through the keystore', () => {
    const box = safeStorageBox(storage(true, 'kwallet5'), 'linux');
    expect(box.open(box.seal('secret'))).toBe('secret');
  });
});
