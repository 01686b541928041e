import {
  devicesMissing,
  devicesOrphaned,
  listingsMissing,
  listingsOrphaned,
  reservationsMissing,
  reservationsOrphaned,
  sipAccountsMissing,
  sipAccountsOrphaned,
} from './compare';
import type { InventoryNumber, InventoryPhone } from './expectations';

const number = (n: string, overrides: Partial<InventoryNumber> = {}): InventoryNumber => ({
  number: n,
  type: 'PERSONAL',
  state: 'ACTIVE',
  ownerLogin: 'ada',
  description: null,
  managersGroup: null,
  inPhonebook: true,
  busy: false,
  ...overrides,
});
const phone = (mac: string, n: string, overrides: Partial<InventoryPhone> = {}): InventoryPhone => ({
  mac,
  number: n,
  activation: 'ACTIVE',
  ownerLogin: 'ada',
  modelId: 'polycom-vvx-450',
  office: null,
  provisioningSecret: null,
  busy: false,
  ...overrides,
});
const byKey = <T>(items: T[], key: (item: T) => string) => new Map(items.map((i) => [key(i), i]));
const pools = [{ first: 70000, last: 79999 }];
const account = (extension: string) => ({ extension, displayName: 'x' });
const device = (name: string, mac: string) => ({
  name,
  mac,
  location: null,
  manufacturer: 'Polycom',
  model: 'VVX 450',
  responsible: 'ada',
  user: 'ada',
});

describe('PBX drift', () => {
  it('finds active numbers without a SIP account, and nothing else', () => {
    const numbers = [
      number('70001'),
      number('70002'),
      number('70003', { state: 'AVAILABLE', ownerLogin: null }),
      number('70004', { busy: true }),
      number('70005', { state: 'DEACTIVATED' }),
      number('70006', { state: 'PROVISIONING' }),
    ];
    expect(sipAccountsMissing(numbers, [account('70002')])).toEqual([
      {
        system: 'pbx',
        resourceType: 'number',
        resource: '70001',
        kind: 'MISSING',
        message: 'number 70001: ACTIVE in inventory, no SIP account on the PBX',
      },
    ]);
  });

  it('finds accounts for available, quarantined, legacy or unknown numbers', () => {
    const inventory = byKey(
      [
        number('70001'),
        number('70099', { state: 'AVAILABLE', ownerLogin: null }),
        number('70098', { state: 'QUARANTINED', ownerLogin: null }),
        number('61234', { state: 'LEGACY', type: null, ownerLogin: null }),
        number('70097', { state: 'AVAILABLE', busy: true }),
      ],
      (n) => n.number,
    );
    const found = sipAccountsOrphaned(
      ['70001', '70099', '70098', '61234', '70097', '80001'].map(account),
      inventory,
    );
    expect(found.map((d) => [d.resource, d.kind, d.message])).toEqual([
      ['70099', 'ORPHAN', 'SIP account 70099 exists but the number is AVAILABLE'],
      ['70098', 'ORPHAN', 'SIP account 70098 exists but the number is QUARANTINED'],
      ['61234', 'ORPHAN', 'SIP account 61234 exists but the number is LEGACY'],
      ['80001', 'ORPHAN', 'SIP account 80001 exists but the inventory has no number 80001'],
    ]);
  });
});

describe('phonebook drift', () => {
  it('finds active numbers not listed where they should be', () => {
    const numbers = [
      number('70001'),
      number('70002', { ownerLogin: 'grace' }),
      number('70003', { inPhonebook: false }),
      number('65001', { type: 'SHARED', ownerLogin: 'alan', description: 'Lab 2' }),
    ];
    const listings = [
      { number: '70001', kind: 'PERSON' as const, login: 'ada' },
      { number: '70002', kind: 'PERSON' as const, login: 'alan' },
    ];
    expect(listingsMissing(numbers, listings).map((d) => [d.resource, d.kind, d.message])).toEqual([
      ['70002', 'MISSING', 'number 70002: ACTIVE in inventory, not listed under grace in the phonebook'],
      ['65001', 'MISSING', 'number 65001: ACTIVE shared number, no phonebook entry for it'],
    ]);
  });

  it("compares a shared number's entry with the inventory: owner, description, managers e-group", () => {
    const shared = (n: string, description: string) =>
      number(n, { type: 'SHARED', ownerLogin: 'alan', description, managersGroup: `phone-mngr-${n}` });
    const entry = (n: string, overrides: Record<string, string> = {}) => ({
      number: n,
      kind: 'SHARED' as const,
      entry: {
        number: n,
        description: 'Lab',
        ownerLogin: 'alan',
        managersGroup: `phone-mngr-${n}`,
        ...overrides,
      },
    });
    const found = listingsMissing(
      [shared('65001', 'Lab'), shared('65002', 'Lab'), shared('65003', 'Lab 3')],
      [entry('65001'), entry('65002', { ownerLogin: 'ada', managersGroup: '' }), entry('65003')],
    );
    expect(found.map((d) => [d.resource, d.kind, d.message])).toEqual([
      [
        '65002',
        'MISMATCH',
        'phonebook entry of shared number 65002: owner is "ada", not "alan"; managers e-group is "", not "phone-mngr-65002"',
      ],
      ['65003', 'MISMATCH', 'phonebook entry of shared number 65003: description is "Lab", not "Lab 3"'],
    ]);
  });

  it('finds listings that must not be there, or are in the wrong place, and leaves foreign numbers alone', () => {
    const inventory = byKey(
      [
        number('70001'),
        number('70002', { inPhonebook: false }),
        number('70003', { state: 'AVAILABLE', ownerLogin: null }),
        number('65001', { type: 'SHARED', ownerLogin: 'alan' }),
        number('61234', { state: 'LEGACY', type: null, ownerLogin: null }),
      ],
      (n) => n.number,
    );
    const entry = { number: '70001', description: 'x', ownerLogin: 'ada', managersGroup: 'g' };
    const found = listingsOrphaned(
      [
        { number: '70001', kind: 'PERSON', login: 'ada' },
        { number: '70001', kind: 'SHARED', entry },
        { number: '70002', kind: 'PERSON', login: 'ada' },
        { number: '70003', kind: 'PERSON', login: 'bob' },
        { number: '65001', kind: 'PERSON', login: 'bob' },
        { number: '61234', kind: 'PERSON', login: 'ada' },
        { number: '70555', kind: 'PERSON', login: 'bob' },
        { number: '0041227671111', kind: 'PERSON', login: 'bob' },
      ],
      inventory,
      pools,
    );
    expect(found.map((d) => [d.resource, d.message])).toEqual([
      ['70001', 'number 70001 is listed as a shared number in the phonebook but belongs to ada'],
      [
        '70002',
        'number 70002 is listed under ada in the phonebook but it is not to be listed (taken out of the phonebook)',
      ],
      ['70003', 'number 70003 is listed under bob in the phonebook but it is AVAILABLE'],
      ['65001', 'number 65001 is listed under bob in the phonebook but is a shared number'],
      ['70555', 'number 70555 is listed under bob in the phonebook but the inventory has no number 70555'],
    ]);
    expect(found.every((d) => d.kind === 'ORPHAN' && d.system === 'directory')).toBe(true);
  });
});

describe('phone drift', () => {
  const phones = [
    phone('0004f2000001', '70001'),
    phone('0004f2000002', '70002'),
    phone('0004f2000003', '70003', { activation: 'PENDING_FIRST_BOOT' }),
    phone('0004f2000004', '70004', { activation: 'FAILED' }),
  ];

  it('finds active phones without their device or reservation, or with the wrong one', () => {
    const devices = [device('TELEPHONE-70002', '0004f2999999')];
    expect(devicesMissing(phones, devices).map((d) => [d.resource, d.kind, d.message])).toEqual([
      [
        '0004f2000001',
        'MISSING',
        'phone 0004f2000001 (TELEPHONE-70001): ACTIVE in inventory, no device in the network database',
      ],
      [
        '0004f2000002',
        'MISMATCH',
        'device TELEPHONE-70002 has interface card 0004f2999999, but the phone on 70002 has MAC 0004f2000002',
      ],
    ]);
    const reservations = [
      { mac: '0004f2000002', hostname: 'TELEPHONE-79999', ipAddress: '10.0.0.2', bootUrl: 'u' },
    ];
    expect(reservationsMissing(phones, reservations).map((d) => [d.resource, d.kind])).toEqual([
      ['0004f2000001', 'MISSING'],
      ['0004f2000002', 'MISMATCH'],
    ]);
  });

  it('finds devices and reservations that no active phone accounts for', () => {
    const byMac = byKey(phones, (p) => p.mac);
    const devices = [
      device('TELEPHONE-70001', '0004f2000001'),
      device('TELEPHONE-70099', '0004f2000001'),
      device('TELEPHONE-70003', '0004f2000003'),
      device('TELEPHONE-70004', '0004f2000004'),
      device('TELEPHONE-70098', '0004f2000098'),
    ];
    expect(devicesOrphaned(devices, byMac).map((d) => [d.resource, d.message])).toEqual([
      [
        '0004f2000001',
        'device TELEPHONE-70099 carries the MAC of the phone on 70001, which should be TELEPHONE-70001',
      ],
      ['0004f2000004', 'device TELEPHONE-70004 (MAC 0004f2000004) exists but no active phone has that MAC'],
      ['0004f2000098', 'device TELEPHONE-70098 (MAC 0004f2000098) exists but no active phone has that MAC'],
    ]);
    const reservations = ['0004f2000001', '0004f2000003', '0004f2000004', '0004f2000098'].map((mac) => ({
      mac,
      hostname: 'h',
      ipAddress: '10.0.0.1',
      bootUrl: 'u',
    }));
    expect(reservationsOrphaned(reservations, byMac).map((d) => [d.resource, d.kind])).toEqual([
      ['0004f2000004', 'ORPHAN'],
      ['0004f2000098', 'ORPHAN'],
    ]);
  });
});
