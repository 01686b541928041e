import { loadConfig } from './app-config';

const site = {
  LEGACY_DRIVER: 'ldap',
  LDAP_URL: 'ldaps://ldap.example.org',
  LDAP_BIND_DN: 'cn=switchboard,ou=services,dc=example,dc=org',
  LDAP_BIND_PASSWORD: 'secret',
  LDAP_PEOPLE_BASE_DN: 'ou=people,dc=example,dc=org',
  LEGACY_LDAP_SKYPE_ATTRIBUTE: 'sfbNumber',
};

describe('LEGACY_DRIVER=ldap settings', () => {
  it('reads the directory connection, the people base and the configured attributes', () => {
    const config = loadConfig({
      ...site,
      LEGACY_LDAP_ROOMS_BASE_DN: 'ou=rooms,dc=example,dc=org',
      LEGACY_LDAP_FORWARDING_ATTRIBUTE: 'callForward',
      LDAP_ATTR_LOGIN: 'sAMAccountName',
    });
    expect(config.drivers.legacy).toBe('ldap');
    expect(config.legacyLdap).toMatchObject({
      url: site.LDAP_URL,
      people: {
        baseDn: site.LDAP_PEOPLE_BASE_DN,
        objectClass: 'inetOrgPerson',
        loginAttribute: 'sAMAccountName',
      },
      rooms: {
        baseDn: 'ou=rooms,dc=example,dc=org',
        objectClass: 'room',
        nameAttribute: 'cn',
        peopleAttribute: 'seeAlso',
      },
      serviceAttributes: { SKYPE: 'sfbNumber' },
      settingAttributes: { forwarding: 'callForward' },
    });
    expect(loadConfig({}).legacyLdap).toBeUndefined();
  });

  it('names every missing or contradictory variable at boot', () => {
    expect(() => loadConfig({ LEGACY_DRIVER: 'ldap' })).toThrow(
      /LDAP_URL: required when LEGACY_DRIVER=ldap[\s\S]*LEGACY_LDAP_PEOPLE_BASE_DN[\s\S]*set at least one/,
    );
    expect(() => loadConfig({ ...site, LEGACY_LDAP_ANALOGUE_ATTRIBUTE: 'SFBNUMBER' })).toThrow(
      /each service needs its own attribute/,
    );
    expect(() => loadConfig({ ...site, LEGACY_LDAP_SKYPE_ATTRIBUTE: 'sfb)(uid=*' })).toThrow(
      /LEGACY_LDAP_SKYPE_ATTRIBUTE: expected an LDAP attribute/,
    );
    expect(() => loadConfig({ ...site, LEGACY_LDAP_ROOMS_BASE_DN: 'rooms' })).toThrow(
      /LEGACY_LDAP_ROOMS_BASE_DN: expected a DN/,
    );
    expect(() => loadConfig({ LEGACY_DRIVER: 'http' })).toThrow(/LEGACY_DRIVER/);
  });
});
