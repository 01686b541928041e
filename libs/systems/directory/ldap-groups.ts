import type { Client } from 'ldapts';
import { systemRejected, type ApplyResult } from '../system-error';
import type { GroupDefinition } from './directory.port';
import { allValues } from './ldap-entry';
import { ldapFilter } from './ldap-filter';
import { isCode, LdapResultCode, logins, sameDn, sameDnSet, type LdapLookups } from './ldap-lookups';
import type { LdapSession } from './ldap-session';
import { change, deleteEntry } from './ldap-writes';

/** E-groups (groupOfNames) in the LDAP directory: membership, and the managers groups we create. */
export class LdapGroups {
  constructor(
    private readonly session: LdapSession,
    private readonly lookups: LdapLookups,
  ) {}

  private get attrs() {
    return this.lookups.attrs;
  }

  async groupMembers(group: string): Promise<string[] | null> {
    return this.session.run('groupMembers', async (client) => {
      const entry = await this.lookups.groupEntry(client, group);
      if (!entry) return null;
      const memberDns = allValues(entry, this.attrs.groupMember).filter((dn) => !sameDn(dn, entry.dn));
      const members: string[] = [];
      for (const dn of memberDns) {
        const login = await this.lookups.loginOf(client, dn);
        if (login) members.push(login);
      }
      return members.sort();
    });
  }

  async groupsOf(login: string): Promise<string[]> {
    return this.session.run('groupsOf', async (client) => {
      const person = await this.lookups.personEntry(client, login, ['1.1']);
      if (!person) return [];
      const { searchEntries } = await client.search(this.lookups.config.baseDns.groups, {
        scope: 'sub',
        filter: ldapFilter.and(this.lookups.groupClass(), ldapFilter.eq(this.attrs.groupMember, person.dn)),
        attributes: [this.attrs.groupName],
      });
      return logins(searchEntries, this.attrs.groupName);
    });
  }

  async createGroup(group: GroupDefinition): Promise<ApplyResult> {
    return this.session.run('createGroup', async (client) => {
      if (await this.lookups.groupEntry(client, group.name)) return 'unchanged';
      const owner = await this.lookups.personEntry(client, group.ownerLogin, ['1.1']);
      if (!owner) throw systemRejected('directory', `the directory has no person "${group.ownerLogin}"`);
      const dn = this.lookups.groupDn(group.name);
      const a = this.attrs;
      try {
        await client.add(dn, {
          objectClass: [this.lookups.config.objectClasses.group],
          [a.groupName]: group.name,
          [a.groupOwner]: owner.dn,
          ...(group.description ? { [a.groupDescription]: group.description } : {}),
          [a.groupMember]: await this.memberDns(client, dn, group.members),
        });
        return 'applied';
      } catch (error) {
        if (isCode(error, LdapResultCode.ALREADY_EXISTS)) return 'unchanged';
        throw error;
      }
    });
  }

  async setGroupMembers(name: string, members: string[]): Promise<ApplyResult> {
    return this.session.run('setGroupMembers', async (client) => {
      const entry = await this.lookups.groupEntry(client, name);
      if (!entry) throw systemRejected('directory', `the e-group "${name}" does not exist`);
      const wanted = await this.memberDns(client, entry.dn, members);
      const current = allValues(entry, this.attrs.groupMember);
      if (sameDnSet(current, wanted)) return 'unchanged';
      await client.modify(entry.dn, change('replace', this.attrs.groupMember, wanted));
      return 'applied';
    });
  }

  async setGroupOwner(name: string, ownerLogin: string): Promise<ApplyResult> {
    return this.session.run('setGroupOwner', async (client) => {
      const entry = await this.lookups.groupEntry(client, name, [this.attrs.groupOwner]);
      if (!entry) throw systemRejected('directory', `the e-group "${name}" does not exist`);
      const owner = await this.lookups.personEntry(client, ownerLogin, ['1.1']);
      if (!owner) throw systemRejected('directory', `the directory has no person "${ownerLogin}"`);
      if (sameDnSet(allValues(entry, this.attrs.groupOwner), [owner.dn])) return 'unchanged';
      await client.modify(entry.dn, change('replace', this.attrs.groupOwner, [owner.dn]));
      return 'applied';
    });
  }

  async deleteGroup(name: string): Promise<ApplyResult> {
    return this.session.run('deleteGroup', async (client) => {
      const entry = await this.lookups.groupEntry(client, name);
      if (!entry) return 'unchanged';
      return deleteEntry(client, entry.dn);
    });
  }

  /**
   * Member DNs for a list of logins. groupOfNames needs at least one member, so an empty group
   * lists itself (a common placeholder that {@link groupMembers} leaves out).
   */
  private async memberDns(client: Client, groupDn: string, members: string[]): Promise<string[]> {
    const dns: string[] = [];
    for (const login of [...new Set(members)].sort()) {
      const person = await this.lookups.personEntry(client, login, ['1.1']);
      if (!person)
        throw systemRejected('directory', `the directory has no person "${login}" to add to the e-group`);
      dns.push(person.dn);
    }
    return dns.length > 0 ? dns : [groupDn];
  }
}
