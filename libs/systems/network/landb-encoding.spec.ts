import { authHeader, decoded, encoded, encodedElement, encodedParts } from './landb-encoding';

describe('LanDB rpc/encoded values', () => {
  it('types every value and escapes text', () => {
    expect(encodedElement('DeviceName', encoded.string('A&B <"x">'))).toBe(
      '<DeviceName xsi:type="xsd:string">A&amp;B &lt;&quot;x&quot;&gt;</DeviceName>',
    );
    expect(encodedParts({ Result: encoded.boolean(true), CCID: encoded.long(42.9) })).toBe(
      '<Result xsi:type="xsd:boolean">true</Result><CCID xsi:type="xsd:long">42</CCID>',
    );
    expect(encodedElement('UserPerson', encoded.nil())).toBe('<UserPerson xsi:nil="true"/>');
  });

  it('writes records typed by their urn:NetworkDataTypes name, leaving out undefined fields', () => {
    expect(
      encodedElement(
        'InterfaceCard',
        encoded.struct('InterfaceCard', {
          HardwareAddress: encoded.string('00-04-F2-AB-CD-EF'),
          CardType: undefined,
        }),
      ),
    ).toBe(
      '<InterfaceCard xsi:type="types:InterfaceCard"><HardwareAddress xsi:type="xsd:string">00-04-F2-AB-CD-EF</HardwareAddress></InterfaceCard>',
    );
  });

  it('writes lists as SOAP-ENC arrays of item elements with their arrayType', () => {
    expect(encodedElement('DeviceNameList', encoded.array('xsd:string', [encoded.string('A')]))).toBe(
      '<DeviceNameList xsi:type="soapenc:Array" soapenc:arrayType="xsd:string[1]"><item xsi:type="xsd:string">A</item></DeviceNameList>',
    );
    expect(encodedElement('DeviceList', encoded.array('xsd:string', []))).toBe(
      '<DeviceList xsi:type="soapenc:Array" soapenc:arrayType="xsd:string[0]"></DeviceList>',
    );
  });

  it('puts the token in a typed Auth header that declares its prefixes', () => {
    expect(authHeader('a+b/c=')).toMatch(
      /^<Auth xmlns:xsi="[^"]+" xmlns:xsd="[^"]+" xmlns:types="urn:NetworkDataTypes" xsi:type="types:Auth"><token xsi:type="xsd:string">a\+b\/c=<\/token><\/Auth>$/,
    );
  });

  it('decodes what node-soap parses: typed scalars, arrays of one, none or many, nested records', () => {
    const t = (type: string) => ({ attributes: { 'xsi:type': type } });
    const array = (n: number) => ({
      attributes: { 'xsi:type': 'soapenc:Array', 'soapenc:arrayType': `xsd:string[${n}]` },
    });
    expect(decoded({ token: { ...t('xsd:string'), $value: 'abc' } })).toEqual({ token: 'abc' });
    expect(decoded({ DeviceList: array(0) })).toEqual({ DeviceList: [] });
    expect(decoded({ DeviceList: { ...array(1), item: { ...t('xsd:string'), $value: 'A' } } })).toEqual({
      DeviceList: ['A'],
    });
    expect(
      decoded({
        Device: {
          ...t('types:DeviceInfo'),
          Description: t('xsd:string'),
          HCPResponse: { ...t('xsd:boolean'), $value: false },
          NetworkInterfaceCards: {
            ...array(2),
            item: [
              { ...t('types:InterfaceCard'), CardType: { $value: 'Ethernet' } },
              { ...t('types:InterfaceCard'), CardType: { $value: 'Wireless' } },
            ],
          },
        },
      }),
    ).toEqual({
      Device: {
        Description: '',
        HCPResponse: false,
        NetworkInterfaceCards: [{ CardType: 'Ethernet' }, { CardType: 'Wireless' }],
      },
    });
    // A server-side parse keeps attributes under `undefined`.
    expect(
      decoded({ DeviceNameList: { undefined: { 'soapenc:arrayType': 'xsd:string[1]' }, item: 'A' } }),
    ).toEqual({
      DeviceNameList: ['A'],
    });
  });
});
