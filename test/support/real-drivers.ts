import type { KamailioHandle } from '../servers/kamailio';
import { SEEDED_DIRECTORY, type SlapdHandle } from '../servers/slapd';
import type { SmtpHandle } from '../servers/smtp';

/**
 * Configuration overrides that point the real drivers at the servers the harnesses start, in the
 * environment variables an operator would set (so the tests also prove those variables work).
 */

export function ldapEnv(
  slapd: Pick<SlapdHandle, 'url'>,
  extra: Record<string, string> = {},
): Record<string, string> {
  return {
    DIRECTORY_DRIVER: 'ldap',
    LDAP_URL: slapd.url,
    LDAP_BIND_DN: SEEDED_DIRECTORY.adminDn,
    LDAP_BIND_PASSWORD: SEEDED_DIRECTORY.adminPassword,
    LDAP_PEOPLE_BASE_DN: SEEDED_DIRECTORY.peopleDn,
    LDAP_GROUPS_BASE_DN: SEEDED_DIRECTORY.groupsDn,
    LDAP_PHONEBOOK_BASE_DN: SEEDED_DIRECTORY.phonebookDn,
    // Only people known to HR carry the test schema's auxiliary class.
    LDAP_PERSON_OBJECT_CLASS: SEEDED_DIRECTORY.schema.personObjectClass,
    LDAP_TIMEOUT_MS: '3000',
    ...extra,
  };
}

export function kamailioEnv(
  kamailio: Pick<KamailioHandle, 'databaseUrl' | 'domain'>,
): Record<string, string> {
  return {
    PBX_DRIVER: 'kamailio',
    KAMAILIO_DATABASE_URL: kamailio.databaseUrl,
    KAMAILIO_POOL_SIZE: '2',
    SIP_DOMAIN: kamailio.domain,
  };
}

export function smtpEnv(smtp: Pick<SmtpHandle, 'host' | 'port'>): Record<string, string> {
  return {
    MAIL_DRIVER: 'smtp',
    SMTP_URL: `smtp://${smtp.host}:${smtp.port}`,
    // The harness offers no STARTTLS; a short timeout keeps failure tests quick.
    SMTP_TIMEOUT_MS: '5000',
    MAIL_FROM: 'Switchboard <switchboard@switchboard.test>',
  };
}
