import { randomBytes } from 'node:crypto';
import { loadConfig } from '../../libs/config/app-config';
import { SipCredentialEntity } from '../../libs/persistence/entities';
import { SipCredentialVault } from '../../libs/systems/pbx/sip-credentials';
import { World } from '../support/world';

describe('SIP credential vault on PostgreSQL: encrypted at rest, key rotation', () => {
  let world: World;

  beforeAll(async () => {
    world = await World.start();
  });

  afterAll(async () => {
    await world?.stop();
  });

  const sealedOf = async (number: string) =>
    (await world.dataSource.getRepository(SipCredentialEntity).findOneByOrFail({ number })).sealedPassword;

  it('stores only ciphertext, and the same password on every later read', async () => {
    const vault = new SipCredentialVault(world.dataSource, randomBytes(32));
    const password = await vault.getOrCreate('70101');
    expect(await vault.getOrCreate('70101')).toBe(password);
    expect(await vault.reveal('70101')).toBe(password);
    const sealed = await sealedOf('70101');
    expect(sealed).toMatch(/^v1:/);
    expect(sealed).not.toContain(password);
    await vault.destroy('70101');
    expect(await vault.reveal('70101')).toBeNull();
  });

  it('rotates the key: the old key keeps working while listed as previous, rekey re-seals, then it can go', async () => {
    const oldKey = randomBytes(32);
    const newKey = randomBytes(32);
    const before = new SipCredentialVault(world.dataSource, oldKey);
    const a = await before.getOrCreate('70102');
    const b = await before.getOrCreate('70103');

    const during = new SipCredentialVault(world.dataSource, newKey, [oldKey]);
    expect(await during.reveal('70102')).toBe(a);
    // A password created during the rotation is sealed with the new key already.
    const c = await during.getOrCreate('70104');
    expect(await during.rekey()).toBeGreaterThanOrEqual(2);
    expect(await during.rekey()).toBe(0);

    const after = new SipCredentialVault(world.dataSource, newKey);
    expect([await after.reveal('70102'), await after.reveal('70103'), await after.reveal('70104')]).toEqual([
      a,
      b,
      c,
    ]);
    await expect(before.reveal('70102')).rejects.toThrow(/no configured SIP_SECRET_KEY opens/);
  });

  it('reads previous keys from SIP_SECRET_KEYS_PREVIOUS', () => {
    const key = randomBytes(32).toString('base64');
    const old = [randomBytes(32).toString('base64'), randomBytes(32).toString('base64')];
    const config = loadConfig({ SIP_SECRET_KEY: key, SIP_SECRET_KEYS_PREVIOUS: old.join(',') });
    expect(config.sip.previousSecretKeys.map((k) => k.toString('base64'))).toEqual(old);
    expect(() => loadConfig({ SIP_SECRET_KEYS_PREVIOUS: 'short' })).toThrow(/SIP_SECRET_KEYS_PREVIOUS/);
  });
});
