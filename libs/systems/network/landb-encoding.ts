// SOAP 1.1 section-5 ("rpc/encoded") values, the way LanDB's NetworkService reads and writes them:
// every value carries its xsi:type, records are typed by their urn:NetworkDataTypes name, and lists
// are SOAP-ENC arrays of <item> elements with an arrayType. node-soap neither writes nor checks
// these types on its own (it writes rpc bodies untyped), so the driver encodes its parts here and
// hands node-soap the XML; the test stand-in writes its answers with the same functions.

export const SOAP_ENCODING_NS = 'http://schemas.xmlsoap.org/soap/encoding/';
export const XSD_NS = 'http://www.w3.org/2001/XMLSchema';
export const XSI_NS = 'http://www.w3.org/2001/XMLSchema-instance';
export const LANDB_TYPES_NS = 'urn:NetworkDataTypes';
export const LANDB_SERVICE_NS = 'urn:NetworkService';

/** The prefixes these values use, to declare on an enclosing element. */
export const ENCODED_XMLNS: Readonly<Record<string, string>> = {
  'xmlns:xsi': XSI_NS,
  'xmlns:xsd': XSD_NS,
  'xmlns:soapenc': SOAP_ENCODING_NS,
  'xmlns:types': LANDB_TYPES_NS,
};

type ScalarType = 'xsd:string' | 'xsd:boolean' | 'xsd:long' | 'xsd:int' | 'xsd:dateTime';

export type Encoded =
  | { kind: 'scalar'; type: ScalarType; text: string }
  | { kind: 'nil' }
  | { kind: 'struct'; type: string; fields: readonly (readonly [string, Encoded])[] }
  | { kind: 'array'; itemType: string; items: readonly Encoded[] };

export const encoded = {
  string: (text: string): Encoded => ({ kind: 'scalar', type: 'xsd:string', text }),
  boolean: (value: boolean): Encoded => ({ kind: 'scalar', type: 'xsd:boolean', text: String(value) }),
  long: (value: number): Encoded => ({ kind: 'scalar', type: 'xsd:long', text: String(Math.trunc(value)) }),
  dateTime: (value: Date): Encoded => ({ kind: 'scalar', type: 'xsd:dateTime', text: value.toISOString() }),
  nil: (): Encoded => ({ kind: 'nil' }),
  /** A record of `types:<type>`; undefined fields are left out, in the order given. */
  struct: (type: string, fields: Record<string, Encoded | undefined>): Encoded => ({
    kind: 'struct',
    type: `types:${type}`,
    fields: Object.entries(fields).filter((f): f is [string, Encoded] => f[1] !== undefined),
  }),
  /** A SOAP-ENC array; `itemType` is a qualified type name such as `xsd:string` or `types:DeviceInfo`. */
  array: (itemType: string, items: readonly Encoded[]): Encoded => ({ kind: 'array', itemType, items }),
};

const XML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
};

export function xmlText(text: string): string {
  return text.replace(/[&<>"']/g, (c) => XML_ESCAPES[c]);
}

/** `<name xsi:type="…">…</name>`, unqualified as rpc/encoded accessors are. */
export function encodedElement(name: string, value: Encoded, extraAttributes = ''): string {
  switch (value.kind) {
    case 'scalar':
      return `<${name}${extraAttributes} xsi:type="${value.type}">${xmlText(value.text)}</${name}>`;
    case 'nil':
      return `<${name}${extraAttributes} xsi:nil="true"/>`;
    case 'struct':
      return `<${name}${extraAttributes} xsi:type="${value.type}">${value.fields
        .map(([field, v]) => encodedElement(field, v))
        .join('')}</${name}>`;
    case 'array':
      return (
        `<${name}${extraAttributes} xsi:type="soapenc:Array" soapenc:arrayType="${value.itemType}[${value.items.length}]">` +
        value.items.map((item) => encodedElement('item', item)).join('') +
        `</${name}>`
      );
  }
}

/** The parts of an rpc call or answer, in order. */
export function encodedParts(parts: Record<string, Encoded>): string {
  return Object.entries(parts)
    .map(([name, value]) => encodedElement(name, value))
    .join('');
}

/** The Auth header every call but getAuthToken carries, typed as LanDB's clients send it. */
export function authHeader(token: string): string {
  return `<Auth xmlns:xsi="${XSI_NS}" xmlns:xsd="${XSD_NS}" xmlns:types="${LANDB_TYPES_NS}" xsi:type="types:Auth">${encodedElement(
    'token',
    encoded.string(token),
  )}</Auth>`;
}

type Parsed = Record<string, unknown>;

/** The attributes node-soap keeps beside a parsed value (under `attributes`, or `undefined` on a server). */
export function attributesOf(value: unknown): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return {};
  const record = value as Parsed;
  const attributes = record.attributes ?? record.undefined;
  return typeof attributes === 'object' && attributes !== null ? (attributes as Record<string, unknown>) : {};
}

export function xsiTypeOf(value: unknown): string | undefined {
  const type = attributesOf(value)['xsi:type'];
  return typeof type === 'string' ? type : undefined;
}

/** Whether node-soap parsed this value from a SOAP-ENC array. */
export function isEncodedArray(value: unknown): boolean {
  return (
    /(^|:)Array$/.test(xsiTypeOf(value) ?? '') ||
    Object.keys(attributesOf(value)).some((k) => /(^|:)arrayType$/.test(k))
  );
}

/**
 * Plain values from what node-soap parsed out of an encoded message: attributes dropped, typed
 * scalars unwrapped, SOAP-ENC arrays turned into arrays of their items (absent when nil).
 */
export function decoded(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(decoded);
  if (typeof value !== 'object' || value === null) return value;
  const record = value as Parsed;
  if (isEncodedArray(record)) {
    const items = record.item;
    return items === undefined ? [] : (Array.isArray(items) ? items : [items]).map(decoded);
  }
  if ('$value' in record) return record.$value;
  const keys = Object.keys(record).filter((k) => k !== 'attributes' && k !== 'undefined');
  // An empty typed string (<Description xsi:type="xsd:string"/>) parses as attributes alone.
  if (keys.length === 0 && xsiTypeOf(record) === 'xsd:string') return '';
  return Object.fromEntries(keys.map((k) => [k, decoded(record[k])]));
}
