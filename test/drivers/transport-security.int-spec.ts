import { loadConfig } from '../../libs/config/app-config';
import { LdapDirectoryDriver } from '../../libs/systems/directory/ldap-directory.driver';
import { SmtpMailDriver } from '../../libs/systems/mail/smtp-mail.driver';
import { makePrivateCa, type PrivateCa } from '../servers/private-ca';
import { startSlapd, type SlapdHandle } from '../servers/slapd';
import { startSmtp, type SmtpHandle } from '../servers/smtp';
import { ldapEnv, smtpEnv } from '../support/real-drivers';
import { systemFailure } from '../support/system-failure';

/**
 * The real directory and mail drivers over TLS to servers whose certificate a private CA signed
 * (made by openssl for this file): slapd on ldaps://, and an SMTP relay that offers STARTTLS and
 * takes mail only after AUTH over TLS. Trusting the CA is what makes each work: without
 * LDAP_TLS_CA_FILE or SMTP_TLS_CA_FILE the same call is refused.
 */
describe('transport security of the real drivers: LDAPS and SMTP STARTTLS + AUTH, private CA', () => {
  let ca: PrivateCa;

  beforeAll(() => {
    ca = makePrivateCa();
  });

  afterAll(() => {
    ca?.remove();
  });

  describe('LDAPS (slapd)', () => {
    let slapd: SlapdHandle;

    beforeAll(async () => {
      slapd = await startSlapd({ tls: { certFile: ca.certFile, keyFile: ca.keyFile } });
    });

    afterAll(async () => {
      await slapd?.stop();
    });

    const driverFor = (extra: Record<string, string>) =>
      new LdapDirectoryDriver(loadConfig(ldapEnv({ url: slapd.ldapsUrl! }, extra)).ldap!);

    it('reads and writes the directory over ldaps:// when LDAP_TLS_CA_FILE names the CA', async () => {
      expect(slapd.ldapsUrl).toMatch(/^ldaps:\/\/127\.0\.0\.1:\d+\/$/);
      const driver = driverFor({ LDAP_TLS_CA_FILE: ca.caFile });
      try {
        expect((await driver.findPerson('asmith'))?.login).toBe('asmith');
        await driver.publishPersonalNumber('asmith', '70888');
        expect(await driver.groupsOf('asmith')).toEqual(expect.any(Array));
      } finally {
        await driver.close();
      }
    });

    it('refuses the server when the CA is not given: the certificate cannot be verified', async () => {
      const driver = driverFor({});
      try {
        const error = await systemFailure(driver.findPerson('asmith'));
        expect(error.message).toMatch(/certificate/i);
      } finally {
        await driver.close();
      }
    });
  });

  describe('SMTP with STARTTLS and AUTH', () => {
    let smtp: SmtpHandle;
    const account = { user: 'switchboard-relay', password: 'relay secret 1' };
    const message = {
      idempotencyKey: 'transport-security-1',
      to: ['ada@switchboard.test'],
      subject: 'Over TLS',
      text: 'sent after STARTTLS and AUTH',
      html: '<p>sent after STARTTLS and AUTH</p>',
    };

    beforeAll(async () => {
      smtp = await startSmtp({ tls: { key: ca.key, cert: ca.cert }, auth: account });
    });

    afterAll(async () => {
      await smtp?.stop();
    });

    beforeEach(() => smtp.clear());

    const driverFor = (extra: Record<string, string>) => {
      const config = loadConfig({ ...smtpEnv(smtp), SMTP_TIMEOUT_MS: '5000', ...extra });
      return new SmtpMailDriver(config.smtp!, config.mail.from);
    };

    it('upgrades to TLS, signs in, and delivers when SMTP_TLS_CA_FILE names the CA', async () => {
      const driver = driverFor({
        SMTP_TLS_CA_FILE: ca.caFile,
        SMTP_USER: account.user,
        SMTP_PASSWORD: account.password,
      });
      await driver.send(message);
      const [received] = await smtp.waitForMessages(1);
      expect(received).toMatchObject({ secure: true, user: account.user, subject: 'Over TLS' });
    });

    it('refuses to go on without the CA (no fallback to plain text), and delivers nothing', async () => {
      const driver = driverFor({ SMTP_USER: account.user, SMTP_PASSWORD: account.password });
      const error = await systemFailure(driver.send(message));
      expect(error.message).toMatch(/certificate/i);
      expect(smtp.messages).toEqual([]);
    });

    it('reports a wrong password as an authentication failure, and delivers nothing', async () => {
      const driver = driverFor({
        SMTP_TLS_CA_FILE: ca.caFile,
        SMTP_USER: account.user,
        SMTP_PASSWORD: 'not the password',
      });
      const error = await systemFailure(driver.send(message));
      expect(error.message).toMatch(/535|auth/i);
      expect(smtp.messages).toEqual([]);
    });

    it('is refused without credentials: the relay takes no anonymous mail', async () => {
      const driver = driverFor({ SMTP_TLS_CA_FILE: ca.caFile });
      const error = await systemFailure(driver.send(message));
      expect(error.message).toMatch(/auth/i);
      expect(smtp.messages).toEqual([]);
    });
  });
});
