import type { DirectoryPerson, GroupDefinition } from '../directory/directory.port';
import type { LegacyLineConfig } from '../legacy/legacy.port';

const person = (
  p: Partial<DirectoryPerson> & Pick<DirectoryPerson, 'login' | 'displayName' | 'personnelClass'>,
): DirectoryPerson => ({
  mail: `${p.login}@switchboard.example`,
  personnelSubCode: null,
  contractEnd: null,
  office: null,
  unit: 'IT',
  supervisorLogin: 'marie',
  phoneNumbers: [],
  ...p,
});

/**
 * The demo organisation of the sandbox (`npm start`): people of several personnel classes,
 * including some who may not use the service, so every rule can be tried from the portal.
 */
export const DEMO_PEOPLE: readonly DirectoryPerson[] = [
  person({
    login: 'marie',
    displayName: 'Marie Curie',
    personnelClass: 'STAF',
    office: '40/4-C01',
    supervisorLogin: null,
  }),
  person({ login: 'ada', displayName: 'Ada Lovelace', personnelClass: 'STAF', office: '513/R-024' }),
  person({
    login: 'grace',
    displayName: 'Grace Hopper',
    personnelClass: 'FELL',
    office: '31/2-015',
    unit: 'EP',
  }),
  person({ login: 'alan', displayName: 'Alan Turing', personnelClass: 'USER', office: '2/R-030' }),
  person({
    login: 'tim',
    displayName: 'Tim Berners-Lee',
    personnelClass: 'ASSOC',
    office: '31/1-012',
    unit: 'EP',
  }),
  person({
    login: 'rosalind',
    displayName: 'Rosalind Franklin',
    // An external person with the code HONO (honorary member): authorised (docs/domain.md §2).
    personnelClass: 'EXTN',
    personnelSubCode: 'HONO',
    office: '4/1-020',
  }),
  person({ login: 'desk', displayName: 'Service Desk Agent', personnelClass: 'STAF', office: '55/1-001' }),
  // Not authorised: an external person whose code (CONT, contractor) is not one of EXTN's
  // authorised codes, a retiree, and a contract that has ended.
  person({
    login: 'sam',
    displayName: 'Sam Contractor',
    personnelClass: 'EXTN',
    personnelSubCode: 'CONT',
    office: '40/2-B10',
  }),
  person({ login: 'rita', displayName: 'Rita Retired', personnelClass: 'RETR' }),
  person({
    login: 'eddie',
    displayName: 'Eddie Ended',
    personnelClass: 'STAF',
    contractEnd: new Date('2024-06-30T00:00:00Z'),
    office: '40/3-A05',
  }),
];

export const DEMO_GROUPS: readonly GroupDefinition[] = [
  {
    name: 'phone-service-desk',
    description: 'Phone service desk agents',
    ownerLogin: 'marie',
    members: ['desk'],
  },
  // Marie schedules the migration campaigns of unit IT.
  {
    name: 'phone-admins-it',
    description: 'Phone admins of unit IT',
    ownerLogin: 'marie',
    members: ['marie'],
  },
];

export interface DemoLegacyNumber {
  line: LegacyLineConfig;
  description: string;
  /** The people the phonebook lists the number under. */
  listedUnder: string[];
}

/** Numbers still on the old services: personal, shared-only (listed under two people), with phones. */
export const DEMO_LEGACY_NUMBERS: readonly DemoLegacyNumber[] = [
  {
    line: {
      number: '61234',
      service: 'SKYPE',
      displayName: 'Ada Lovelace',
      phone: null,
      settings: { voicemail: 'on' },
      active: true,
    },
    description: 'Ada Lovelace',
    listedUnder: ['ada'],
  },
  {
    line: {
      number: '61235',
      service: 'ANALOGUE',
      displayName: 'Lab 2 bench',
      phone: null,
      settings: { line: 'A-17' },
      active: true,
    },
    description: 'Lab 2 bench phone',
    listedUnder: ['ada', 'grace'],
  },
  {
    line: {
      number: '61236',
      service: 'SKYPE',
      displayName: 'Grace Hopper',
      phone: { modelId: 'polycom-vvx-450', mac: '0004f2aa0001' },
      settings: { forwarding: 'none' },
      active: true,
    },
    description: 'Grace Hopper',
    listedUnder: ['grace'],
  },
  {
    line: {
      number: '61237',
      service: 'VENDOR_IP',
      displayName: 'Alan Turing',
      phone: { modelId: 'cisco-7940', mac: '00d0ba110002' },
      settings: {},
      active: true,
    },
    description: 'Alan Turing',
    listedUnder: ['alan'],
  },
];
