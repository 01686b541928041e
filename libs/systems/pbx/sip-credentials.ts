import { createCipheriv, createDecipheriv, randomBytes, randomInt } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { SipCredentialEntity } from '../../persistence/entities';

const ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789';

/** A SIP password from the CSPRNG: 20 characters without look-alikes (the phone's web UI shows it). */
export function generateSipPassword(length = 20): string {
  let password = '';
  for (let i = 0; i < length; i += 1) password += ALPHABET[randomInt(ALPHABET.length)];
  return password;
}

/** AES-256-GCM with a fresh IV: `v1:<iv>:<tag>:<ciphertext>` in base64. */
export function sealSecret(key: Buffer, plaintext: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return [
    'v1',
    iv.toString('base64'),
    cipher.getAuthTag().toString('base64'),
    ciphertext.toString('base64'),
  ].join(':');
}

export function unsealSecret(key: Buffer, sealed: string): string {
  const [version, iv, tag, ciphertext] = sealed.split(':');
  if (version !== 'v1' || !iv || !tag || ciphertext === undefined)
    throw new Error('unknown sealed-secret format');
  const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64'));
  decipher.setAuthTag(Buffer.from(tag, 'base64'));
  return Buffer.concat([decipher.update(Buffer.from(ciphertext, 'base64')), decipher.final()]).toString(
    'utf8',
  );
}

/**
 * The one place that holds plain SIP passwords, encrypted at rest (docs/security.md). Activities
 * read it so that no password ever travels through a workflow's history. During a key rotation it
 * also opens passwords sealed with a previous key, and {@link rekey} re-seals them with the current
 * one.
 */
export class SipCredentialVault {
  constructor(
    private readonly dataSource: DataSource,
    private readonly key: Buffer,
    private readonly previousKeys: readonly Buffer[] = [],
  ) {}

  /** Opens with the current key, then with each previous one (GCM's tag tells a wrong key). */
  private open(sealed: string): string {
    for (const key of [this.key, ...this.previousKeys]) {
      try {
        return unsealSecret(key, sealed);
      } catch {
        // not this key
      }
    }
    throw new Error('no configured SIP_SECRET_KEY opens this SIP password (was a key dropped too early?)');
  }

  /**
   * Re-seals with the current key every password that a previous key sealed; returns how many.
   * Run after adding the new key (`npm run sip:rekey`), before removing the old one.
   */
  async rekey(): Promise<number> {
    const repo = this.dataSource.getRepository(SipCredentialEntity);
    let changed = 0;
    for (const row of await repo.find()) {
      try {
        unsealSecret(this.key, row.sealedPassword);
        continue;
      } catch {
        // sealed with an older key
      }
      const password = this.open(row.sealedPassword);
      await repo.update({ number: row.number }, { sealedPassword: sealSecret(this.key, password) });
      changed += 1;
    }
    return changed;
  }

  /** The number's password; created on first use, so a retried step reuses the same one. */
  async getOrCreate(number: string): Promise<string> {
    const repo = this.dataSource.getRepository(SipCredentialEntity);
    const existing = await repo.findOneBy({ number });
    if (existing) return this.open(existing.sealedPassword);
    const password = generateSipPassword();
    // Two concurrent attempts may race: the primary key keeps the first, and both use it.
    await repo
      .createQueryBuilder()
      .insert()
      .values({ number, sealedPassword: sealSecret(this.key, password) })
      .orIgnore()
      .execute();
    const stored = await repo.findOneByOrFail({ number });
    return this.open(stored.sealedPassword);
  }

  /** Gives the number a new password from the CSPRNG (a departing phone must not keep a working one). */
  async replace(number: string): Promise<string> {
    const password = generateSipPassword();
    await this.dataSource
      .getRepository(SipCredentialEntity)
      .upsert({ number, sealedPassword: sealSecret(this.key, password) }, ['number']);
    return password;
  }

  async reveal(number: string): Promise<string | null> {
    const existing = await this.dataSource.getRepository(SipCredentialEntity).findOneBy({ number });
    return existing ? this.open(existing.sealedPassword) : null;
  }

  async destroy(number: string): Promise<void> {
    await this.dataSource.getRepository(SipCredentialEntity).delete({ number });
  }
}
