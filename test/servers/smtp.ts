import { SMTPServer, type SMTPServerDataStream, type SMTPServerSession } from 'smtp-server';
import { freePort } from '../support/free-port';

/**
 * An in-process SMTP server that accepts every message and keeps what it received, decoded enough
 * for assertions: envelope, subject, text and HTML bodies, headers and the raw text. By default it
 * offers neither STARTTLS nor AUTH; with `tls` and `auth` it offers STARTTLS and accepts a message
 * only from a client that upgraded to TLS and then signed in with the one account.
 */

export interface CapturedMessage {
  /** Envelope sender (MAIL FROM); '' for the null sender. */
  from: string;
  /** Envelope recipients (RCPT TO), so Bcc recipients appear here but in no header. */
  to: string[];
  /** Subject with RFC 2047 encoded-words decoded. */
  subject: string;
  /** The first text/plain part that is not an attachment, decoded, with \n line ends; '' when none. */
  text: string;
  /** The first text/html part that is not an attachment, decoded, with \n line ends. */
  html?: string;
  /** Top-level headers by lower-case name, unfolded but not decoded. */
  headers: Record<string, string[]>;
  /** The message exactly as received (after dot-unstuffing), as UTF-8 text. */
  raw: string;
  receivedAt: Date;
  /** Whether the session had upgraded to TLS (STARTTLS) before sending. */
  secure: boolean;
  /** The account the session signed in with (AUTH), if any. */
  user?: string;
}

export interface SmtpOptions {
  /** Port to listen on; a free one by default. */
  port?: number;
  /** PEM key and certificate: the server offers STARTTLS. */
  tls?: { key: string; cert: string };
  /** The one account AUTH accepts, and only over TLS; mail without it is refused. */
  auth?: { user: string; password: string };
}

export interface SmtpRejection {
  /** SMTP reply code for the refused DATA; 451 (transient) by default. */
  code?: number;
  message?: string;
}

export interface SmtpHandle {
  readonly host: string;
  readonly port: number;
  /** Everything received so far, oldest first. */
  readonly messages: readonly CapturedMessage[];
  /** Resolves with the messages once at least `count` have arrived; rejects after `timeoutMs`. */
  waitForMessages(count: number, timeoutMs?: number): Promise<CapturedMessage[]>;
  /** Refuses the next `count` messages at DATA (fault injection for retry tests). */
  rejectNext(count?: number, rejection?: SmtpRejection): void;
  /** Forgets the received messages. */
  clear(): void;
  stop(): Promise<void>;
}

const HOST = '127.0.0.1';

export async function startSmtp(options: SmtpOptions = {}): Promise<SmtpHandle> {
  const port = options.port ?? (await freePort(HOST));
  const messages: CapturedMessage[] = [];
  const waiters = new Set<() => void>();
  const rejections: Required<SmtpRejection>[] = [];

  const { tls, auth } = options;
  const server = new SMTPServer({
    authOptional: auth === undefined,
    disabledCommands: [...(auth ? [] : ['AUTH']), ...(tls ? [] : ['STARTTLS'])],
    hideSTARTTLS: tls === undefined,
    ...(tls ? { key: tls.key, cert: tls.cert } : {}),
    // AUTH only once the session is encrypted (smtp-server's default, stated for the reader).
    allowInsecureAuth: false,
    authMethods: ['PLAIN', 'LOGIN'],
    onAuth(credentials, _session, callback) {
      if (auth && credentials.username === auth.user && credentials.password === auth.password)
        return callback(null, { user: credentials.username });
      callback(Object.assign(new Error('Invalid username or password'), { responseCode: 535 }));
    },
    // Reverse DNS of 127.0.0.1 is pointless and can stall on a machine without a resolver.
    disableReverseLookup: true,
    logger: false,
    // stop() should not wait 30 s for a pooled client connection to go away.
    closeTimeout: 1_000,
    onData(
      stream: SMTPServerDataStream,
      session: SMTPServerSession,
      callback: (err?: Error | null) => void,
    ): void {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.once('error', (error: Error) => callback(error));
      stream.once('end', () => {
        const rejection = rejections.shift();
        if (rejection) {
          callback(Object.assign(new Error(rejection.message), { responseCode: rejection.code }));
          return;
        }
        const mailFrom = session.envelope.mailFrom;
        messages.push({
          ...parseMessage(Buffer.concat(chunks)),
          from: mailFrom ? mailFrom.address : '',
          to: session.envelope.rcptTo.map((rcpt) => rcpt.address),
          receivedAt: new Date(),
          secure: session.secure,
          user: typeof session.user === 'string' ? session.user : undefined,
        });
        for (const wake of [...waiters]) wake();
        callback();
      });
    },
  });

  await new Promise<void>((resolve, reject) => {
    const onError = (error: Error): void => reject(error);
    server.once('error', onError);
    server.listen(port, HOST, () => {
      server.off('error', onError);
      resolve();
    });
  });
  // A listening server must not crash the test process on a stray socket error.
  server.on('error', () => undefined);

  let stopped = false;
  return {
    host: HOST,
    port,
    messages,
    waitForMessages: (count, timeoutMs = 10_000) =>
      new Promise<CapturedMessage[]>((resolve, reject) => {
        const check = (): boolean => {
          if (messages.length < count) return false;
          cleanup();
          resolve([...messages]);
          return true;
        };
        const timer = setTimeout(() => {
          cleanup();
          const got = messages.map((m) => `${m.to.join(',')}: ${m.subject}`).join('; ');
          reject(
            new Error(
              `expected ${count} message(s) within ${timeoutMs} ms, got ${messages.length}: [${got}]`,
            ),
          );
        }, timeoutMs);
        const wake = (): void => void check();
        const cleanup = (): void => {
          clearTimeout(timer);
          waiters.delete(wake);
        };
        waiters.add(wake);
        check();
      }),
    rejectNext: (count = 1, rejection = {}) => {
      for (let i = 0; i < count; i += 1) {
        rejections.push({
          code: rejection.code ?? 451,
          message: rejection.message ?? 'Temporary failure injected by the test',
        });
      }
    },
    clear: () => {
      messages.length = 0;
    },
    stop: async () => {
      if (stopped) return;
      stopped = true;
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

// --- A deliberately small MIME reader: enough for what nodemailer writes, not a general parser. ---

interface Part {
  headers: Record<string, string[]>;
  /** Body bytes as a latin1 string (one char per byte), still transfer-encoded. */
  body: string;
}

interface HeaderValue {
  value: string;
  params: Record<string, string>;
}

function parseMessage(bytes: Buffer): Pick<CapturedMessage, 'subject' | 'text' | 'html' | 'headers' | 'raw'> {
  const root = splitPart(bytes.toString('latin1'));
  // The last CRLF belongs to the end-of-data line, not to the body the sender wrote.
  root.body = root.body.replace(/\r?\n$/, '');
  const leaves: Part[] = [];
  collectLeaves(root, leaves);
  const pick = (type: string): string | undefined => {
    const part = leaves.find((leaf) => contentType(leaf).value === type && !isAttachment(leaf));
    // Line ends are CRLF on the wire; tests compare with templates written with \n.
    return part === undefined ? undefined : decodeBody(part).replace(/\r\n/g, '\n');
  };
  const headers = Object.fromEntries(
    Object.entries(root.headers).map(([name, values]) => [
      name,
      values.map((v) => Buffer.from(v, 'latin1').toString('utf8')),
    ]),
  );
  return {
    headers,
    subject: decodeWords(root.headers.subject?.[0] ?? ''),
    text: pick('text/plain') ?? '',
    html: pick('text/html'),
    raw: bytes.toString('utf8'),
  };
}

function splitPart(source: string): Part {
  const match = /\r?\n\r?\n/.exec(source);
  const head = match ? source.slice(0, match.index) : source;
  const body = match ? source.slice(match.index + match[0].length) : '';
  const headers: Record<string, string[]> = {};
  // Unfold continuation lines (RFC 5322 2.2.3) before splitting name from value.
  for (const line of head.replace(/\r?\n[ \t]/g, ' ').split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const name = line.slice(0, colon).trim().toLowerCase();
    (headers[name] ??= []).push(line.slice(colon + 1).trim());
  }
  return { headers, body };
}

function parseHeaderValue(raw: string | undefined): HeaderValue {
  const [value = '', ...rest] = (raw ?? '').split(';');
  const params: Record<string, string> = {};
  for (const param of rest) {
    const eq = param.indexOf('=');
    if (eq < 0) continue;
    params[param.slice(0, eq).trim().toLowerCase()] = param
      .slice(eq + 1)
      .trim()
      .replace(/^"(.*)"$/, '$1');
  }
  return { value: value.trim().toLowerCase(), params };
}

function contentType(part: Part): HeaderValue {
  const parsed = parseHeaderValue(part.headers['content-type']?.[0]);
  return parsed.value ? parsed : { value: 'text/plain', params: parsed.params };
}

function isAttachment(part: Part): boolean {
  return parseHeaderValue(part.headers['content-disposition']?.[0]).value === 'attachment';
}

function collectLeaves(part: Part, into: Part[]): void {
  const type = contentType(part);
  const boundary = type.params.boundary;
  if (!type.value.startsWith('multipart/') || !boundary) {
    into.push(part);
    return;
  }
  const delimiter = `--${boundary}`;
  const lines = part.body.split(/\r?\n/);
  let current: string[] | undefined;
  for (const line of lines) {
    // Delimiter lines may carry trailing "transport padding" (RFC 2046 5.1.1).
    const trimmed = line.trimEnd();
    if (trimmed === `${delimiter}--`) break;
    if (trimmed === delimiter) {
      if (current) collectLeaves(splitPart(current.join('\r\n')), into);
      current = [];
    } else {
      current?.push(line);
    }
  }
  if (current) collectLeaves(splitPart(current.join('\r\n')), into);
}

function decodeBody(part: Part): string {
  const encoding = parseHeaderValue(part.headers['content-transfer-encoding']?.[0]).value;
  let bytes: Buffer;
  if (encoding === 'base64') bytes = Buffer.from(part.body.replace(/\s+/g, ''), 'base64');
  else if (encoding === 'quoted-printable') bytes = decodeQuotedPrintable(part.body);
  else bytes = Buffer.from(part.body, 'latin1');
  return decodeCharset(bytes, contentType(part).params.charset);
}

function decodeQuotedPrintable(body: string): Buffer {
  const unwrapped = body.replace(/[ \t]+(\r?\n)/g, '$1').replace(/=\r?\n/g, '');
  const bytes: number[] = [];
  for (let i = 0; i < unwrapped.length; i += 1) {
    const hex = unwrapped.slice(i + 1, i + 3);
    if (unwrapped[i] === '=' && /^[0-9A-Fa-f]{2}$/.test(hex)) {
      bytes.push(parseInt(hex, 16));
      i += 2;
    } else {
      bytes.push(unwrapped.charCodeAt(i) & 0xff);
    }
  }
  return Buffer.from(bytes);
}

function decodeCharset(bytes: Buffer, charset = 'utf-8'): string {
  try {
    return new TextDecoder(charset).decode(bytes);
  } catch {
    return bytes.toString('utf8');
  }
}

/** RFC 2047 encoded-words (=?charset?B|Q?...?=); whitespace between adjacent words is dropped. */
function decodeWords(value: string): string {
  const word = /=\?([^?]+)\?([BbQq])\?([^?]*)\?=/g;
  const joined = value.replace(/(\?=)\s+(=\?)/g, '$1$2');
  return Buffer.from(
    joined.replace(word, (_match, charset: string, encoding: string, text: string) => {
      const bytes =
        encoding.toUpperCase() === 'B'
          ? Buffer.from(text, 'base64')
          : decodeQuotedPrintable(text.replace(/_/g, ' '));
      // Back to latin1 so the outer Buffer.from(…, 'latin1') keeps unencoded text byte-for-byte.
      return Buffer.from(decodeCharset(bytes, charset), 'utf8').toString('latin1');
    }),
    'latin1',
  ).toString('utf8');
}
