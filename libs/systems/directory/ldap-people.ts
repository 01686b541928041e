import { systemRejected, type ApplyResult } from '../system-error';
import type { DirectoryPerson } from './directory.port';
import { allValues, firstValue, personAttributes, toDirectoryPerson } from './ldap-entry';
import { ldapFilter } from './ldap-filter';
import { isCode, LdapResultCode, logins, type LdapLookups } from './ldap-lookups';
import type { LdapSession } from './ldap-session';
import { change } from './ldap-writes';

/** People in the LDAP directory: finding them, and the personal numbers their entries list. */
export class LdapPeople {
  constructor(
    private readonly session: LdapSession,
    private readonly lookups: LdapLookups,
  ) {}

  private get attrs() {
    return this.lookups.attrs;
  }

  async findPerson(login: string): Promise<DirectoryPerson | null> {
    return this.session.run('findPerson', async (client) => {
      const entry = await this.lookups.personEntry(client, login, personAttributes(this.attrs));
      if (!entry) return null;
      const supervisorDn = firstValue(entry, this.attrs.supervisor);
      const supervisorLogin = supervisorDn ? await this.lookups.loginOf(client, supervisorDn) : null;
      try {
        return toDirectoryPerson(entry, this.attrs, supervisorLogin);
      } catch (error) {
        throw systemRejected('directory', (error as Error).message, error);
      }
    });
  }

  async findPeopleByNumber(number: string): Promise<string[]> {
    return this.session.run('findPeopleByNumber', async (client) => {
      const { searchEntries } = await client.search(this.lookups.config.baseDns.people, {
        scope: 'sub',
        filter: ldapFilter.and(this.lookups.personClass(), ldapFilter.eq(this.attrs.phone, number)),
        attributes: [this.attrs.login],
      });
      return logins(searchEntries, this.attrs.login);
    });
  }

  async publishPersonalNumber(login: string, number: string): Promise<ApplyResult> {
    return this.session.run('publishPersonalNumber', async (client) => {
      const person = await this.lookups.personEntry(client, login, [this.attrs.phone]);
      if (!person) throw systemRejected('directory', `the directory has no person "${login}"`);
      if (allValues(person, this.attrs.phone).includes(number)) return 'unchanged';
      try {
        await client.modify(person.dn, change('add', this.attrs.phone, [number]));
        return 'applied';
      } catch (error) {
        // Another writer (or our own attempt whose answer was lost) got there first.
        if (isCode(error, LdapResultCode.TYPE_OR_VALUE_EXISTS)) return 'unchanged';
        throw error;
      }
    });
  }

  async unpublishPersonalNumber(login: string, number: string): Promise<ApplyResult> {
    return this.session.run('unpublishPersonalNumber', async (client) => {
      const person = await this.lookups.personEntry(client, login, [this.attrs.phone]);
      if (!person || !allValues(person, this.attrs.phone).includes(number)) return 'unchanged';
      try {
        await client.modify(person.dn, change('delete', this.attrs.phone, [number]));
        return 'applied';
      } catch (error) {
        if (isCode(error, LdapResultCode.NO_SUCH_ATTRIBUTE) || isCode(error, LdapResultCode.NO_SUCH_OBJECT))
          return 'unchanged';
        throw error;
      }
    });
  }
}
