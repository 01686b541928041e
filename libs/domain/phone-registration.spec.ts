import { DomainErrorCode } from './domain-error';
import {
  macInUse,
  numberHasPhone,
  parseD60Handsets,
  phoneDeviceName,
  requireRegistrableModel,
  type CatalogueModel,
} from './phone-registration';

const model = (overrides: Partial<CatalogueModel> = {}): CatalogueModel => ({
  id: 'polycom-vvx-450',
  manufacturer: 'Polycom',
  name: 'VVX 450',
  compatible: 'YES',
  addOn: false,
  ...overrides,
});

const codeOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    return (error as { code?: string }).code;
  }
  return 'no error';
};

describe('phone registration rules', () => {
  it('names the network device after the number', () => {
    expect(phoneDeviceName('65001')).toBe('TELEPHONE-65001');
  });

  it('accepts compatible phones only', () => {
    expect(requireRegistrableModel(model(), 'polycom-vvx-450').id).toBe('polycom-vvx-450');
    expect(codeOf(() => requireRegistrableModel(model({ compatible: 'SOON' }), 'x'))).toBe(
      DomainErrorCode.MODEL_NOT_COMPATIBLE,
    );
    expect(codeOf(() => requireRegistrableModel(model({ compatible: 'NO' }), 'x'))).toBe(
      DomainErrorCode.MODEL_NOT_COMPATIBLE,
    );
  });

  it('refuses an add-on registered as a phone, and says what to do instead', () => {
    expect(() => requireRegistrableModel(model({ name: 'D60 base', addOn: true }), 'polycom-d60')).toThrow(
      /add-on, not a phone: register its host phone, then pair/,
    );
  });

  it('refuses an unknown model without echoing huge input', () => {
    expect(codeOf(() => requireRegistrableModel(null, 'nope'))).toBe(DomainErrorCode.INVALID_INPUT);
    expect(() => requireRegistrableModel(null, 'x'.repeat(500))).toThrow(/no phone model that;/);
  });

  it('explains conflicts with the MAC written with colons', () => {
    expect(macInUse('0004f2a1b2c3', { kind: 'phone', number: '65001' }).message).toMatch(
      /00:04:f2:a1:b2:c3 is already registered by the phone on 65001/,
    );
    expect(macInUse('0004f2a1b2c3', { kind: 'd60-base' }).code).toBe(DomainErrorCode.MAC_IN_USE);
    expect(numberHasPhone('65001', '0004f2a1b2c3').message).toMatch(/65001 already has a desk phone/);
  });

  it('takes one to five distinct handset numbers, in slot order', () => {
    expect(parseD60Handsets(['65001', ' 70002 '])).toEqual([
      { slot: 1, number: '65001' },
      { slot: 2, number: '70002' },
    ]);
    expect(codeOf(() => parseD60Handsets([]))).toBe(DomainErrorCode.INVALID_INPUT);
    expect(codeOf(() => parseD60Handsets(['1', '2', '3', '4', '5', '6']))).toBe(
      DomainErrorCode.INVALID_INPUT,
    );
    expect(() => parseD60Handsets(['65001', '65001'])).toThrow(/65001 is listed twice/);
    expect(codeOf(() => parseD60Handsets(['6500x']))).toBe(DomainErrorCode.INVALID_INPUT);
  });
});
