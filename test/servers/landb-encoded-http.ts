import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { WSDL } from 'soap';
import {
  decoded,
  ENCODED_XMLNS,
  isEncodedArray,
  LANDB_SERVICE_NS,
  SOAP_ENCODING_NS,
  xmlText,
  xsiTypeOf,
} from '../../libs/systems/network/landb-encoding';

// The HTTP and envelope half of the LanDB stand-in: serves the WSDL on `?wsdl`, reads rpc/encoded
// requests (node-soap's parser, against the WSDL), checks that they are encoded as LanDB's clients
// encode them, and writes answers and faults as an rpc/encoded service does (xsi:type on every
// value, SOAP-ENC arrays, soap:encodingStyle on the envelope). What the operations do is
// landb-soap.ts's business.

const SOAP_ENV_NS = 'http://schemas.xmlsoap.org/soap/envelope/';

/** A SOAP 1.1 Fault, answered with HTTP 500. */
export class SoapFault extends Error {
  constructor(
    readonly faultstring: string,
    readonly faultcode: 'soap:Client' | 'soap:Server' = 'soap:Client',
  ) {
    super(faultstring);
  }
}

export interface EncodedRequest {
  operation: string;
  /** The parts, decoded to plain values (SOAP-ENC arrays as arrays). */
  args: Record<string, unknown>;
  /** The Auth header's token, if the request carried one. */
  token?: string;
  /** The request as it came over the wire. */
  envelope: string;
  /** What `before` answered for this request (a failure the test injected). */
  injected?: unknown;
}

/** What an operation answers: its encoded response parts (see landb-encoding's encodedParts). */
export type EncodedAnswer = string;

export interface EncodedHttpOptions {
  wsdlText: string;
  /** Names of the parts that must be SOAP-ENC arrays, by operation. */
  arrayParts: Record<string, readonly string[]>;
  /**
   * Called before parsing, may take its time (an injected delay). 'handled' when it has written the
   * response itself; anything else is handed to `handle` as `injected`.
   */
  before?: (operation: string | undefined, res: ServerResponse) => Promise<unknown>;
  handle: (request: EncodedRequest) => Promise<EncodedAnswer> | EncodedAnswer;
  onFault?: (operation: string, fault: SoapFault, request?: EncodedRequest) => void;
}

export function envelope(body: string): string {
  const xmlns = Object.entries({ 'xmlns:soap': SOAP_ENV_NS, ...ENCODED_XMLNS })
    .map(([name, value]) => `${name}="${value}"`)
    .join(' ');
  return `<?xml version="1.0" encoding="UTF-8"?><soap:Envelope ${xmlns} soap:encodingStyle="${SOAP_ENCODING_NS}"><soap:Body>${body}</soap:Body></soap:Envelope>`;
}

export function responseBody(operation: string, parts: EncodedAnswer): string {
  return `<namesp1:${operation}Response xmlns:namesp1="${LANDB_SERVICE_NS}">${parts}</namesp1:${operation}Response>`;
}

export function faultBody(fault: SoapFault): string {
  return `<soap:Fault><faultcode>${fault.faultcode}</faultcode><faultstring>${xmlText(fault.faultstring)}</faultstring></soap:Fault>`;
}

/** The operation named by the first element inside soap:Body, read before parsing (for injections). */
export function operationOf(xml: string): string | undefined {
  return /<(?:[\w.-]+:)?Body\b[^>]*>\s*<(?:[\w.-]+:)?([\w.-]+)/.exec(xml)?.[1];
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.once('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.once('error', reject);
  });
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const ATTRIBUTE_KEYS = new Set(['attributes', 'undefined']);

/** Checks one part as LanDB's encoded clients send it, and gives back its plain value. */
function part(operation: string, name: string, raw: unknown, mustBeArray: boolean): unknown {
  if (xsiTypeOf(raw) === undefined) {
    throw new SoapFault(
      `Validation error: ${operation}.${name} has no xsi:type (the service is rpc/encoded)`,
    );
  }
  if (mustBeArray && !isEncodedArray(raw)) {
    throw new SoapFault(`Validation error: ${operation}.${name} must be a SOAP-ENC array of item elements`);
  }
  return decoded(raw);
}

export async function startEncodedHttp(
  options: EncodedHttpOptions,
  at: { host: string; port: number },
): Promise<Server> {
  const { host, port } = at;
  const url = `http://127.0.0.1:${port}/landb`;
  const wsdl = new WSDL(options.wsdlText, `${url}?wsdl`, {});
  await new Promise<void>((resolve, reject) =>
    wsdl.onReady((error: unknown) =>
      error ? reject(error instanceof Error ? error : new Error(JSON.stringify(error))) : resolve(),
    ),
  );
  const answer = (res: ServerResponse, status: number, body: string): void => {
    res.writeHead(status, { 'content-type': 'text/xml; charset=utf-8' });
    res.end(envelope(body));
  };

  const serve = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    if (req.method === 'GET' && new URL(req.url ?? '/', url).searchParams.has('wsdl')) {
      res.writeHead(200, { 'content-type': 'text/xml; charset=utf-8' });
      res.end(options.wsdlText);
      return;
    }
    if (req.method !== 'POST') {
      res.writeHead(405).end();
      return;
    }
    const body = await readBody(req);
    const named = operationOf(body);
    const injected = await options.before?.(named, res);
    if (injected === 'handled') return;
    let request: EncodedRequest | undefined;
    try {
      let parsed: unknown;
      try {
        parsed = wsdl.xmlToObject(body);
      } catch (error) {
        throw new SoapFault(
          `Malformed SOAP request: ${error instanceof Error ? error.message : String(error)}`,
        );
      }
      const bodyObject = isRecord(parsed) && isRecord(parsed.Body) ? parsed.Body : undefined;
      const operation = bodyObject && Object.keys(bodyObject).find((k) => !ATTRIBUTE_KEYS.has(k));
      if (!bodyObject || !operation) throw new SoapFault('Malformed SOAP request: no operation in the Body');
      if (!(operation in options.arrayParts)) throw new SoapFault(`Unknown operation ${operation}`);
      const rawArgs = isRecord(bodyObject[operation]) ? bodyObject[operation] : {};
      const args: Record<string, unknown> = {};
      for (const [name, raw] of Object.entries(rawArgs)) {
        if (ATTRIBUTE_KEYS.has(name)) continue;
        args[name] = part(operation, name, raw, options.arrayParts[operation].includes(name));
      }
      const header = isRecord(parsed) && isRecord(parsed.Header) ? parsed.Header : {};
      const auth = decoded(header.Auth);
      const token = isRecord(auth) && typeof auth.token === 'string' ? auth.token : undefined;
      request = { operation, args, token, envelope: body, injected };
      answer(res, 200, responseBody(operation, await options.handle(request)));
    } catch (error) {
      const fault = error instanceof SoapFault ? error : new SoapFault(String(error), 'soap:Server');
      options.onFault?.(request?.operation ?? named ?? '?', fault, request);
      answer(res, 500, faultBody(fault));
    }
  };

  const server = createServer((req, res) => {
    serve(req, res).catch(() => res.destroy());
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  return server;
}
