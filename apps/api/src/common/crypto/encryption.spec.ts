import { randomBytes } from 'node:crypto';
import { DecryptionError, Keyring } from './encryption.service';

const key = () => randomBytes(32).toString('base64');

describe('Keyring (AES-256-GCM)', () => {
  const k1 = key();
  const k2 = key();

  it('round-trips text, including unicode and empty strings', () => {
    const ring = new Keyring(`k1:${k1}`);
    for (const plaintext of ['', 'app-password 1234', 'ünïcødé ✓ 🚀', 'x'.repeat(100_000)]) {
      expect(ring.decrypt(ring.encrypt(plaintext, 'ctx'), 'ctx')).toBe(plaintext);
    }
  });

  it('uses a fresh IV every time', () => {
    const ring = new Keyring(`k1:${k1}`);
    expect(ring.encrypt('same', 'ctx')).not.toBe(ring.encrypt('same', 'ctx'));
  });

  it.each([
    ['the data', 4],
    ['the tag', 3],
    ['the iv', 2],
  ])('detects tampering with %s', (_, index) => {
    const ring = new Keyring(`k1:${k1}`);
    const parts = ring.encrypt('secret value', 'ctx').split(':');
    const bytes = Buffer.from(parts[index]!, 'base64url');
    bytes[0] = (bytes[0] ?? 0) ^ 0x01;
    parts[index] = bytes.toString('base64url');
    expect(() => ring.decrypt(parts.join(':'), 'ctx')).toThrow(DecryptionError);
  });

  it('refuses a ciphertext moved to another context', () => {
    const ring = new Keyring(`k1:${k1}`);
    const sealed = ring.encrypt('token', 'connection.credentials');
    expect(() => ring.decrypt(sealed, 'webhook.secret')).toThrow(/failed authentication/);
  });

  it('refuses a key id it does not know and malformed input', () => {
    const sealed = new Keyring(`k1:${k1}`).encrypt('x', 'ctx');
    expect(() => new Keyring(`k2:${k2}`).decrypt(sealed, 'ctx')).toThrow(/key "k1", which is not configured/);
    expect(() => new Keyring(`k1:${k1}`).decrypt('plaintext', 'ctx')).toThrow(/not in the v1 format/);
  });

  it('rotates: old ciphertexts decrypt after a new key is put first, and rotate() re-encrypts with it', () => {
    const old = new Keyring(`k1:${k1}`);
    const sealed = old.encrypt('rotate me', 'ctx');
    const rotated = new Keyring(`k2:${k2},k1:${k1}`);
    expect(rotated.decrypt(sealed, 'ctx')).toBe('rotate me');
    expect(rotated.needsRotation(sealed)).toBe(true);
    const resealed = rotated.rotate(sealed, 'ctx');
    expect(rotated.keyIdOf(resealed)).toBe('k2');
    expect(rotated.needsRotation(resealed)).toBe(false);
    expect(rotated.rotate(resealed, 'ctx')).toBe(resealed);
    // Once k1 is retired, only the re-encrypted value still opens.
    const retired = new Keyring(`k2:${k2}`);
    expect(retired.decrypt(resealed, 'ctx')).toBe('rotate me');
    expect(() => retired.decrypt(sealed, 'ctx')).toThrow(DecryptionError);
  });

  it('rejects bad key specifications', () => {
    expect(() => new Keyring('')).toThrow(/empty/);
    expect(() => new Keyring(`k1:${randomBytes(16).toString('base64')}`)).toThrow(/32 bytes/);
    expect(() => new Keyring(`k1:${k1},k1:${k2}`)).toThrow(/listed twice/);
  });
});
