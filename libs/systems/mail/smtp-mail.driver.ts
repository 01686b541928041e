import { createTransport, type Transporter } from 'nodemailer';
import type { SmtpConfig } from '../../config/real-drivers-config';
import { isSystemError, systemRejected } from '../system-error';
import type { MailMessage, MailPort } from './mail.port';
import { classifySmtpError } from './smtp-errors';

/**
 * The Message-ID for an idempotency key: `<key@domain>`, with the characters RFC 5322 does not allow
 * in a dot-atom (such as the `:` of `request:kind`) written as `=XX`, so distinct keys stay distinct.
 */
export function messageIdFor(idempotencyKey: string, from: string): string {
  const left = idempotencyKey.replace(/[^A-Za-z0-9!#$%&'*+/?^_`{|}~.-]/g, (c) =>
    Buffer.from(c, 'utf8').toString('hex').replace(/(..)/g, '=$1').toUpperCase(),
  );
  // A dot-atom may not start or end with a dot, nor hold two in a row.
  const atom = left.replace(/^\.|\.$/g, '=2E').replace(/\.\./g, '.=2E');
  const domain = /@([A-Za-z0-9.-]+)>?\s*$/.exec(from)?.[1] ?? 'switchboard.invalid';
  return `<${atom}@${domain}>`;
}

/**
 * Mail over SMTP with nodemailer (a small connection pool). The idempotency key becomes the
 * Message-ID, so a message re-sent after a lost answer can be recognised by any receiver; the
 * mail_deliveries receipts keep Switchboard from sending it twice in the first place.
 */
export class SmtpMailDriver implements MailPort {
  private readonly transport: Transporter;

  constructor(
    config: SmtpConfig,
    private readonly from: string,
  ) {
    this.transport = createTransport({
      pool: true,
      maxConnections: 2,
      host: config.host,
      port: config.port,
      secure: config.secure,
      auth: config.user ? { user: config.user, pass: config.password ?? '' } : undefined,
      tls: config.tlsCa ? { ca: config.tlsCa } : undefined,
      connectionTimeout: config.timeoutMs,
      greetingTimeout: config.timeoutMs,
      socketTimeout: config.timeoutMs,
    });
  }

  async send(message: MailMessage): Promise<void> {
    if (message.to.length === 0 && (message.cc ?? []).length === 0)
      throw systemRejected('mail', `the notification ${message.idempotencyKey} has no recipient`);
    try {
      const info = (await this.transport.sendMail({
        from: this.from,
        to: message.to,
        cc: message.cc,
        subject: message.subject,
        text: message.text,
        html: message.html,
        messageId: messageIdFor(message.idempotencyKey, this.from),
        headers: { 'X-Switchboard-Notification': message.idempotencyKey },
      })) as { rejected?: unknown[]; accepted?: unknown[] };
      // Some recipients refused but others accepted: the mail went out, which is what counts here.
      if ((info.accepted ?? []).length === 0 && (info.rejected ?? []).length > 0)
        throw systemRejected('mail', `every recipient of ${message.idempotencyKey} was refused`);
    } catch (error) {
      if (isSystemError(error)) throw error;
      throw classifySmtpError(error);
    }
  }

  close(): void {
    this.transport.close();
  }

  onApplicationShutdown(): void {
    this.close();
  }
}
