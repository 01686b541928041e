import { request } from 'node:http';

/** What a Polycom VVX sends as its user agent when it fetches its files. */
export const POLYCOM_USER_AGENT = 'FileTransport PolycomVVX-VVX_450-UA/6.4.3.5156';

export interface PhoneResponse {
  status: number;
  body: string;
  headers: Record<string, string | string[] | undefined>;
}

/**
 * One HTTP request as a phone makes it, with the path sent exactly as given (fetch() would resolve
 * `..` segments before sending, which would hide path traversal from the server under test).
 */
export function phoneRequest(
  baseUrl: string,
  path: string,
  options: {
    method?: string;
    body?: Buffer | string;
    /** Send this Content-Length instead of the body's (to announce an oversized upload). */
    contentLength?: number;
    /** The source address of the connection (any 127.x.y.z works on Linux loopback). */
    localAddress?: string;
  } = {},
): Promise<PhoneResponse> {
  const url = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: url.hostname,
        port: url.port,
        method: options.method ?? 'GET',
        path,
        localAddress: options.localAddress,
        agent: false,
        headers: {
          'user-agent': POLYCOM_USER_AGENT,
          ...(options.body !== undefined || options.contentLength !== undefined
            ? { 'content-length': String(options.contentLength ?? Buffer.byteLength(options.body ?? '')) }
            : {}),
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            body: Buffer.concat(chunks).toString('utf8'),
            headers: res.headers,
          }),
        );
        res.on('error', reject);
      },
    );
    // A server that refuses an upload early may close the socket while the body is still going out.
    req.on('error', reject);
    if (options.body !== undefined) req.write(options.body);
    req.end();
  });
}

/** The attributes of a rendered Polycom XML file, by name (`reg.1.auth.password` …). */
export function polycomAttributes(xml: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of xml.matchAll(/([A-Za-z0-9_.]+)="([^"]*)"/g)) out[m[1]] = m[2];
  return out;
}

/** `/p/<secret>/` of a boot URL. */
export function bootPath(bootUrl: string): string {
  return new URL(bootUrl).pathname;
}
