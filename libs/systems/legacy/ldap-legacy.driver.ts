import type { Client, Filter } from 'ldapts';
import type { LegacyLdapConfig } from '../../config/legacy-driver-config';
import { firstValue, allValues } from '../directory/ldap-entry';
import { ldapFilter } from '../directory/ldap-filter';
import { isCode, LdapResultCode, normaliseDn } from '../directory/ldap-lookups';
import { LdapSession } from '../directory/ldap-session';
import { change } from '../directory/ldap-writes';
import { systemRejected, type ApplyResult } from '../system-error';
import {
  canonicalLegacyNumber,
  holderAttributes,
  holdingsOf,
  lineFrom,
  type LegacyHolderKind,
  type LegacyHolding,
} from './ldap-legacy-entries';
import type { LegacyLineConfig, LegacyLineList, LegacyLineSource, LegacyTelephonyPort } from './legacy.port';

/** Entries per LDAP page (simple paged results, RFC 2696) when listing every legacy line. */
const PAGE_SIZE = 500;

/**
 * Legacy lines kept in the phonebook as attributes of people and rooms (docs/legacy-directory.md).
 * Switching a line off removes the number from its service attribute on every entry that carries
 * it; the undo adds it back to the entries the snapshot named. Values travel as ldapts filter
 * objects (never parsed as filter syntax) and numbers are checked to be extensions first.
 */
export class LdapLegacyDriver implements LegacyTelephonyPort, LegacyLineSource {
  private readonly session: LdapSession;

  constructor(
    private readonly config: LegacyLdapConfig,
    /** Entries per page when listing (tests use a small one to cross pages). */
    private readonly pageSize = PAGE_SIZE,
  ) {
    this.session = new LdapSession(config);
  }

  async close(): Promise<void> {
    await this.session.close();
  }

  /** Nest calls this on application shutdown. */
  async onApplicationShutdown(): Promise<void> {
    await this.close();
  }

  async snapshotLine(number: string): Promise<LegacyLineConfig | null> {
    const wanted = extension(number);
    const holdings = await this.session.run('legacy snapshot', (client) => this.holdingsOf(client, wanted));
    return holdings.length === 0 ? null : lineFrom(wanted, holdings);
  }

  async deactivateLine(number: string): Promise<ApplyResult> {
    const wanted = extension(number);
    return this.session.run('legacy deactivation', async (client) => {
      let result: ApplyResult = 'unchanged';
      for (const holding of await this.holdingsOf(client, wanted)) {
        const attribute = this.config.serviceAttributes[holding.service] ?? '';
        try {
          await client.modify(holding.dn, [change('delete', attribute, [holding.storedValue])]);
          result = 'applied';
        } catch (error) {
          // Removed meanwhile (a retry, or someone at the directory): that entry is done.
          if (!isCode(error, LdapResultCode.NO_SUCH_ATTRIBUTE)) throw error;
        }
      }
      return result;
    });
  }

  async reactivateLine(line: LegacyLineConfig): Promise<ApplyResult> {
    const wanted = extension(line.number);
    const attribute = this.config.serviceAttributes[line.service];
    if (!attribute)
      throw systemRejected('legacy', `no directory attribute is configured for the ${line.service} service`);
    if (!line.holders || line.holders.length === 0)
      throw systemRejected('legacy', `the snapshot of ${wanted} does not say which entries carried it`);
    const holders = line.holders;
    return this.session.run('legacy reactivation', async (client) => {
      let result: ApplyResult = 'unchanged';
      for (const dn of holders) {
        const entry = await readEntry(client, dn, [attribute]);
        if (!entry)
          throw systemRejected('legacy', `the directory entry ${dn} that carried ${wanted} is gone`);
        if (allValues(entry, attribute).some((v) => canonicalLegacyNumber(v) === wanted)) continue;
        try {
          await client.modify(dn, [change('add', attribute, [wanted])]);
          result = 'applied';
        } catch (error) {
          if (!isCode(error, LdapResultCode.TYPE_OR_VALUE_EXISTS)) throw error;
        }
      }
      return result;
    });
  }

  /** Every legacy line of people and rooms, with the logins it is listed under. */
  async listLines(): Promise<LegacyLineList> {
    return this.session.run('legacy listing', async (client) => {
      const holdings = [
        ...(await this.scan(client, 'PERSON', this.anyService())),
        ...(await this.scan(client, 'ROOM', this.anyService())),
      ];
      const loginsByDn = new Map<string, string>();
      for (const h of holdings) if (h.login) loginsByDn.set(normaliseDn(h.dn), h.login);
      const byNumber = new Map<string, LegacyHolding[]>();
      for (const h of holdings) byNumber.set(h.number, [...(byNumber.get(h.number) ?? []), h]);
      const list: LegacyLineList = { lines: [], refused: [] };
      for (const [number, held] of [...byNumber].sort(([a], [b]) => a.localeCompare(b))) {
        const logins = new Set<string>();
        for (const h of held) {
          if (h.login) logins.add(h.login);
          for (const dn of h.peopleDns) {
            const login = await this.loginOf(client, dn, loginsByDn);
            if (login) logins.add(login);
          }
        }
        const room = held.find((h) => h.kind === 'ROOM');
        try {
          list.lines.push({
            line: lineFrom(number, held),
            description: room?.name ?? held[0].name,
            listedUnder: [...logins].sort(),
          });
        } catch (error) {
          // One inconsistent entry must not hold back a site's thousands of good ones.
          list.refused.push({ number, reason: (error as Error).message });
        }
      }
      return list;
    });
  }

  private anyService(): Filter {
    return ldapFilter.or(...Object.values(this.config.serviceAttributes).map((a) => ldapFilter.present(a)));
  }

  private async holdingsOf(client: Client, number: string): Promise<LegacyHolding[]> {
    const carries = ldapFilter.or(
      ...Object.values(this.config.serviceAttributes).map((a) => ldapFilter.eq(a, number)),
    );
    const found = [
      ...(await this.scan(client, 'PERSON', carries)),
      ...(await this.scan(client, 'ROOM', carries)),
    ];
    return found.filter((h) => h.number === number);
  }

  private async scan(client: Client, kind: LegacyHolderKind, filter: Filter): Promise<LegacyHolding[]> {
    const where = kind === 'PERSON' ? this.config.people : this.config.rooms;
    if (!where) return [];
    const holdings: LegacyHolding[] = [];
    for await (const page of client.searchPaginated(where.baseDn, {
      scope: 'sub',
      filter: ldapFilter.and(ldapFilter.eq('objectClass', where.objectClass), filter),
      attributes: holderAttributes(this.config, kind),
      paged: { pageSize: this.pageSize },
    })) {
      for (const entry of page.searchEntries) holdings.push(...holdingsOf(entry, kind, this.config));
    }
    return holdings;
  }

  /** A room's person by DN: known from the scan, else read once; a DN that points nowhere is skipped. */
  private async loginOf(client: Client, dn: string, known: Map<string, string>): Promise<string | null> {
    const key = normaliseDn(dn);
    if (known.has(key)) return known.get(key) ?? null;
    const entry = await readEntry(client, dn, [this.config.people.loginAttribute]);
    const login = entry ? firstValue(entry, this.config.people.loginAttribute) : null;
    if (login) known.set(key, login);
    return login;
  }
}

/** A five-digit extension, or a refusal before anything reaches the directory. */
function extension(number: string): string {
  const canonical = canonicalLegacyNumber(number);
  if (!canonical)
    throw systemRejected('legacy', `${JSON.stringify(number.slice(0, 40))} is not a legacy extension`);
  return canonical;
}

async function readEntry(client: Client, dn: string, attributes: string[]) {
  try {
    const { searchEntries } = await client.search(dn, { scope: 'base', attributes });
    return searchEntries[0] ?? null;
  } catch (error) {
    if (isCode(error, LdapResultCode.NO_SUCH_OBJECT) || isCode(error, LdapResultCode.INVALID_DN_SYNTAX))
      return null;
    throw error;
  }
}
