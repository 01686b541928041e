import type { DirectoryPerson } from '../../systems/directory/directory.port';
import { resolveRecipients } from './recipients';

const person = (login: string, mail: string | null) => ({ login, mail }) as DirectoryPerson;

const groups: Record<string, string[]> = { 'phone-mngr-65001': ['asmith', 'bwong', 'nomail'], empty: [] };
const people: Record<string, DirectoryPerson> = {
  asmith: person('asmith', 'asmith@x'),
  bwong: person('bwong', 'BWong@x'),
  nomail: person('nomail', null),
};

const directory = {
  groupMembers: (group: string) => Promise.resolve(groups[group] ?? null),
  findPerson: (login: string) => Promise.resolve(people[login] ?? null),
};

describe('resolveRecipients', () => {
  it('adds the e-group members in copy, each address once, without those already in to', async () => {
    expect(
      await resolveRecipients(directory, {
        to: ['asmith@x'],
        cc: ['bwong@x'],
        groups: ['phone-mngr-65001', 'empty', 'gone'],
      }),
    ).toEqual({ to: ['asmith@x'], cc: ['bwong@x'] });
  });

  it('keeps plain recipients as they are', async () => {
    expect(await resolveRecipients(directory, { to: ['a@x', 'A@x', ''] })).toEqual({ to: ['a@x'], cc: [] });
  });
});
