import { DomainErrorCode } from './domain-error';
import {
  checkLegacyCsvHeader,
  LEGACY_CSV_COLUMNS,
  parseLegacyInventoryLine,
  sameInventoryLine,
  type LegacyCsvColumn,
} from './legacy-inventory-line';

type Fields = Partial<Record<LegacyCsvColumn, string>>;
const line = (fields: Fields) => parseLegacyInventoryLine({ number: '72001', service: 'SKYPE', ...fields });
const refusal = (fields: Fields) => {
  try {
    line(fields);
  } catch (error) {
    return { code: (error as { code: string }).code, message: (error as Error).message };
  }
  throw new Error('the line was accepted');
};

describe('checkLegacyCsvHeader', () => {
  it('accepts the columns in any order and any case', () => {
    expect(checkLegacyCsvHeader(['Service', ' NUMBER ', 'voicemail'])).toEqual([
      'service',
      'number',
      'voicemail',
    ]);
    expect(checkLegacyCsvHeader([...LEGACY_CSV_COLUMNS])).toEqual([...LEGACY_CSV_COLUMNS]);
  });

  it('refuses an unknown column, a repeated one and a missing required one, naming them', () => {
    expect(() => checkLegacyCsvHeader(['number', 'service', 'phone_mak'])).toThrow(
      /unknown columns \("phone_mak"\)/,
    );
    expect(() => checkLegacyCsvHeader(['number', 'service', 'number'])).toThrow(/"number" twice/);
    expect(() => checkLegacyCsvHeader(['number', 'listed_under'])).toThrow(/no service column/);
  });
});

describe('parseLegacyInventoryLine', () => {
  it('reads a full line into its canonical form', () => {
    expect(
      line({
        number: ' 72001 ',
        service: 'Skype for Business',
        listed_under: 'BWong; asmith  bwong',
        description: '  Bao   Wong ',
        phone_model: 'Polycom-VVX-450',
        phone_mac: '00-04-F2-A1-B2-C3',
        forward_to: '+41 22 767 1111',
        forward_when: 'no-answer',
        voicemail: 'Yes',
      }),
    ).toEqual({
      number: '72001',
      service: 'SKYPE',
      listedUnder: ['asmith', 'bwong'],
      description: 'Bao Wong',
      phone: { modelId: 'polycom-vvx-450', mac: '0004f2a1b2c3' },
      forwardTo: '+41227671111',
      forwardWhen: 'NO_ANSWER',
      voicemail: true,
    });
  });

  it('leaves what the site does not know empty', () => {
    expect(line({ service: 'analogue' })).toEqual({
      number: '72001',
      service: 'ANALOGUE',
      listedUnder: [],
      description: null,
      phone: null,
      forwardTo: null,
      forwardWhen: null,
      voicemail: null,
    });
  });

  it.each([
    ['skype', 'SKYPE'],
    ['SFB', 'SKYPE'],
    ['analog', 'ANALOGUE'],
    ['Vendor IP', 'VENDOR_IP'],
    ['vendor_ip', 'VENDOR_IP'],
  ])('reads the service %j as %s', (service, expected) => {
    expect(line({ service }).service).toBe(expected);
  });

  it('accepts a MAC in every notation the project accepts', () => {
    for (const mac of ['00:04:f2:a1:b2:c3', '0004.F2A1.B2C3', '0004f2a1b2c3'])
      expect(line({ phone_model: 'polycom-vvx-450', phone_mac: mac }).phone?.mac).toBe('0004f2a1b2c3');
  });

  it('forwards always when forward_when is left empty', () => {
    expect(line({ forward_to: '65001' })).toMatchObject({ forwardTo: '65001', forwardWhen: 'ALWAYS' });
  });

  it.each<[string, Fields, RegExp]>([
    ['a malformed number', { number: '7200' }, /^number "7200" is not a 5-digit extension/],
    ['an empty number', { number: '' }, /^number is empty/],
    ['an unknown service', { service: 'ISDN' }, /^service "ISDN" is not a legacy service/],
    [
      'a login of the wrong shape',
      { listed_under: 'bwong 9lives' },
      /^listed_under: Login: "9lives" is not valid/,
    ],
    ['a model without MAC', { phone_model: 'polycom-vvx-450' }, /phone_model is given without phone_mac/],
    ['a MAC without model', { phone_mac: '0004f2a1b2c3' }, /phone_mac is given without phone_model/],
    ['a model that is not an id', { phone_model: 'VVX 450!', phone_mac: '0004f2a1b2c3' }, /not a model id/],
    ['a forwarding target that is not a number', { forward_to: 'reception' }, /forward_to "reception"/],
    [
      'a forwarding condition without target',
      { forward_when: 'busy' },
      /forward_when is given without forward_to/,
    ],
    [
      'an unknown forwarding condition',
      { forward_to: '65001', forward_when: 'sometimes' },
      /not one of always/,
    ],
    ['a voicemail that is not yes or no', { voicemail: 'maybe' }, /voicemail "maybe" is not yes or no/],
  ])('refuses %s with a reason that names the column', (_, fields, reason) => {
    expect(refusal(fields)).toEqual({
      code: DomainErrorCode.INVALID_INPUT,
      message: expect.stringMatching(reason),
    });
  });

  it('refuses a malformed MAC with the MAC parser’s reason and code', () => {
    expect(refusal({ phone_model: 'polycom-vvx-450', phone_mac: '00:04:f2:a1:b2' })).toEqual({
      code: DomainErrorCode.INVALID_MAC,
      message: expect.stringMatching(/^phone_mac: The MAC address "00:04:f2:a1:b2" has 10 hex digits/),
    });
    expect(refusal({ phone_model: 'polycom-vvx-450', phone_mac: '01:00:5e:00:00:01' }).message).toMatch(
      /multicast/,
    );
  });
});

describe('sameInventoryLine', () => {
  const base = line({
    listed_under: 'asmith bwong',
    phone_model: 'polycom-vvx-450',
    phone_mac: '0004f2a1b2c3',
  });

  it('finds a line equal to itself however it was spelled', () => {
    const respelled = line({
      service: 'skype for business',
      listed_under: 'BWONG,asmith',
      phone_model: 'polycom-vvx-450',
      phone_mac: '00:04:F2:A1:B2:C3',
    });
    expect(sameInventoryLine(base, respelled)).toBe(true);
  });

  it.each<[string, Fields]>([
    ['service', { service: 'ANALOGUE' }],
    ['listing', { listed_under: 'asmith' }],
    ['description', { description: 'Lab' }],
    ['phone', { phone_model: 'polycom-vvx-450', phone_mac: '0004f2a1b2c4' }],
    ['forwarding', { forward_to: '65001' }],
    ['voicemail', { voicemail: 'no' }],
  ])('sees a change of %s', (_, change) => {
    const fields: Fields = {
      listed_under: 'asmith bwong',
      phone_model: 'polycom-vvx-450',
      phone_mac: '0004f2a1b2c3',
      ...change,
    };
    expect(sameInventoryLine(base, line(fields))).toBe(false);
  });
});
