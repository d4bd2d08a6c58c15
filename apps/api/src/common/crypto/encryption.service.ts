import { Injectable } from '@nestjs/common';
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { AppConfig } from '../../config/app-config';

const FORMAT = 'v1';

export class DecryptionError extends Error {}

/**
 * AES-256-GCM for secrets at rest (platform credentials, webhook secrets).
 * Ciphertext: `v1:<keyId>:<iv>:<tag>:<data>` (base64url parts). The key id travels with the data, so
 * keys rotate without a flag day: new writes use the first key, old rows still decrypt with theirs.
 * `context` is bound as additional authenticated data: a ciphertext copied into another field or
 * purpose fails to decrypt instead of being silently accepted.
 */
export class Keyring {
  private readonly keys = new Map<string, Buffer>();
  readonly currentKeyId: string;

  constructor(spec: string) {
    const entries = spec.split(',').map((part) => part.trim()).filter(Boolean);
    if (entries.length === 0) throw new Error('ENCRYPTION_KEYS is empty');
    for (const entry of entries) {
      const [id, encoded] = entry.split(':');
      const key = Buffer.from(encoded ?? '', encoded?.includes('-') || encoded?.includes('_') ? 'base64url' : 'base64');
      if (!id || key.length !== 32) throw new Error(`encryption key "${id ?? ''}" must be 32 bytes, base64-encoded`);
      if (this.keys.has(id)) throw new Error(`encryption key id "${id}" is listed twice`);
      this.keys.set(id, key);
    }
    this.currentKeyId = entries[0]!.split(':')[0]!;
  }

  encrypt(plaintext: string, context: string): string {
    const key = this.keys.get(this.currentKeyId)!;
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', key, iv);
    cipher.setAAD(Buffer.from(context));
    const data = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    const tag = cipher.getAuthTag();
    return [FORMAT, this.currentKeyId, iv.toString('base64url'), tag.toString('base64url'), data.toString('base64url')].join(':');
  }

  decrypt(ciphertext: string, context: string): string {
    const parts = ciphertext.split(':');
    if (parts.length !== 5 || parts[0] !== FORMAT) throw new DecryptionError('ciphertext is not in the v1 format');
    const [, keyId, iv, tag, data] = parts as [string, string, string, string, string];
    const key = this.keys.get(keyId);
    if (!key) throw new DecryptionError(`ciphertext was made with key "${keyId}", which is not configured`);
    try {
      const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
      decipher.setAAD(Buffer.from(context));
      decipher.setAuthTag(Buffer.from(tag, 'base64url'));
      return Buffer.concat([decipher.update(Buffer.from(data, 'base64url')), decipher.final()]).toString('utf8');
    } catch {
      throw new DecryptionError('ciphertext failed authentication (tampered, or wrong key or context)');
    }
  }

  keyIdOf(ciphertext: string): string | null {
    const parts = ciphertext.split(':');
    return parts.length === 5 && parts[0] === FORMAT ? parts[1]! : null;
  }

  needsRotation(ciphertext: string): boolean {
    return this.keyIdOf(ciphertext) !== this.currentKeyId;
  }

  /** Re-encrypts with the current key; returns the input unchanged when it already uses it. */
  rotate(ciphertext: string, context: string): string {
    return this.needsRotation(ciphertext) ? this.encrypt(this.decrypt(ciphertext, context), context) : ciphertext;
  }
}

@Injectable()
export class EncryptionService extends Keyring {
  constructor(config: AppConfig) {
    super(config.ENCRYPTION_KEYS);
  }

  encryptJson(value: unknown, context: string): string {
    return this.encrypt(JSON.stringify(value), context);
  }

  decryptJson<T>(ciphertext: string, context: string): T {
    return JSON.parse(this.decrypt(ciphertext, context)) as T;
  }
}
