import { loadConfig } from './app-config';
import { LDAP_ATTRIBUTE_DEFAULTS, ldapAttributeVariable } from './real-drivers-config';

const ldap = {
  DIRECTORY_DRIVER: 'ldap',
  LDAP_URL: 'ldaps://ldap.example.org',
  LDAP_BIND_DN: 'cn=switchboard,ou=services,dc=example,dc=org',
  LDAP_BIND_PASSWORD: 'secret',
  LDAP_PEOPLE_BASE_DN: 'ou=people,dc=example,dc=org',
  LDAP_GROUPS_BASE_DN: 'ou=groups,dc=example,dc=org',
  LDAP_PHONEBOOK_BASE_DN: 'ou=phonebook,dc=example,dc=org',
};

describe('real driver configuration', () => {
  it('keeps the sandbox drivers and no real sections by default', () => {
    const config = loadConfig({});
    expect(config.drivers).toMatchObject({ directory: 'sandbox', pbx: 'sandbox', mail: 'sandbox' });
    expect([config.ldap, config.kamailio, config.smtp]).toEqual([undefined, undefined, undefined]);
  });

  it('names every missing variable of the chosen drivers', () => {
    expect(() =>
      loadConfig({ DIRECTORY_DRIVER: 'ldap', PBX_DRIVER: 'kamailio', MAIL_DRIVER: 'smtp' }),
    ).toThrow(
      /LDAP_URL: required[\s\S]*LDAP_BIND_DN[\s\S]*LDAP_PHONEBOOK_BASE_DN[\s\S]*KAMAILIO_DATABASE_URL: required[\s\S]*SMTP_URL or SMTP_HOST/,
    );
    expect(() => loadConfig({ ...ldap, LDAP_URL: 'http://x' })).toThrow(/LDAP_URL: expected ldap:\/\//);
    expect(() => loadConfig({ ...ldap, LDAP_PEOPLE_BASE_DN: 'people' })).toThrow(
      /LDAP_PEOPLE_BASE_DN: expected a DN/,
    );
    expect(() => loadConfig({ ...ldap, LDAP_ATTR_LOGIN: 'uid)(cn=*' })).toThrow(
      /LDAP_ATTR_LOGIN: expected an LDAP attribute/,
    );
    expect(() => loadConfig({ ...ldap, LDAP_TLS_CA_FILE: '/nonexistent/ca.pem' })).toThrow(
      /LDAP_TLS_CA_FILE: cannot read/,
    );
    expect(() => loadConfig({ MAIL_DRIVER: 'smtp', SMTP_URL: 'smtp://a', SMTP_HOST: 'b' })).toThrow(
      /not both/,
    );
    expect(() =>
      loadConfig({ MAIL_DRIVER: 'smtp', SMTP_URL: 'smtp://a', SMTP_TLS_CA_FILE: '/nonexistent/ca.pem' }),
    ).toThrow(/SMTP_TLS_CA_FILE: cannot read/);
    expect(() => loadConfig({ PBX_DRIVER: 'asterisk' })).toThrow(/PBX_DRIVER/);
  });

  it('maps a site schema through LDAP_ATTR_* and keeps the defaults for the rest', () => {
    const config = loadConfig({ ...ldap, LDAP_ATTR_LOGIN: 'sAMAccountName', LDAP_ATTR_UNIT: 'department' });
    expect(config.ldap).toMatchObject({
      url: 'ldaps://ldap.example.org',
      baseDns: {
        people: ldap.LDAP_PEOPLE_BASE_DN,
        groups: ldap.LDAP_GROUPS_BASE_DN,
        phonebook: ldap.LDAP_PHONEBOOK_BASE_DN,
      },
      objectClasses: { person: 'inetOrgPerson', group: 'groupOfNames', phonebookEntry: 'organizationalRole' },
      timeoutMs: 5000,
    });
    expect(config.ldap?.attributes).toEqual({
      ...LDAP_ATTRIBUTE_DEFAULTS,
      login: 'sAMAccountName',
      unit: 'department',
    });
    expect(ldapAttributeVariable('phonebookManagers')).toBe('LDAP_ATTR_PHONEBOOK_MANAGERS');
  });

  it('reads SMTP from a URL or from host and port', () => {
    expect(
      loadConfig({ MAIL_DRIVER: 'smtp', SMTP_URL: 'smtps://mailer:p%40ss@smtp.example.org' }).smtp,
    ).toEqual({
      host: 'smtp.example.org',
      port: 465,
      secure: true,
      user: 'mailer',
      password: 'p@ss',
      timeoutMs: 10000,
    });
    expect(
      loadConfig({
        MAIL_DRIVER: 'smtp',
        SMTP_HOST: 'mailpit',
        SMTP_PORT: '1025',
        SMTP_USER: 'u',
        SMTP_PASSWORD: 'p',
      }).smtp,
    ).toEqual({ host: 'mailpit', port: 1025, secure: false, user: 'u', password: 'p', timeoutMs: 10000 });
  });

  it('reads the Kamailio database', () => {
    expect(
      loadConfig({ PBX_DRIVER: 'kamailio', KAMAILIO_DATABASE_URL: 'postgres://k@db/kamailio' }).kamailio,
    ).toEqual({ databaseUrl: 'postgres://k@db/kamailio', poolSize: 4 });
  });
});
