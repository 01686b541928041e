import type { DirectoryPort } from '../../systems/directory/directory.port';

export interface RecipientSpec {
  to: string[];
  cc?: string[];
  /**
   * E-groups whose members also receive the mail, in copy: a shared number's managers
   * (`phone-mngr-<number>`). Members are resolved to their mail addresses in the directory.
   */
  groups?: string[];
}

export interface Recipients {
  to: string[];
  cc: string[];
}

const key = (address: string) => address.trim().toLowerCase();

/**
 * Who receives a notification: the given addresses plus the mail addresses of the groups' members,
 * each address once (to before cc). A group that no longer exists, or a member without a mail
 * address, adds nobody; a directory that does not answer fails the send, so it is retried.
 */
export async function resolveRecipients(
  directory: Pick<DirectoryPort, 'groupMembers' | 'findPerson'>,
  spec: RecipientSpec,
): Promise<Recipients> {
  const seen = new Set<string>();
  const take = (addresses: string[]) =>
    addresses.filter((address) => {
      const k = key(address);
      if (k.length === 0 || seen.has(k)) return false;
      seen.add(k);
      return true;
    });
  const to = take(spec.to);
  const groupAddresses: string[] = [];
  for (const group of spec.groups ?? []) {
    const members = (await directory.groupMembers(group)) ?? [];
    for (const login of members) {
      const mail = (await directory.findPerson(login))?.mail;
      if (mail) groupAddresses.push(mail);
    }
  }
  const cc = take([...(spec.cc ?? []), ...groupAddresses]);
  return { to, cc };
}
