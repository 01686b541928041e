export interface MailMessage {
  /** Stable per request and notification; drivers use it as the Message-ID so receivers can de-duplicate. */
  idempotencyKey: string;
  to: string[];
  cc?: string[];
  subject: string;
  text: string;
  html: string;
}

/** Outgoing mail. */
export interface MailPort {
  send(message: MailMessage): Promise<void>;
}

export const MAIL_PORT = Symbol('MAIL_PORT');
