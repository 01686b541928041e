import type { SandboxStore } from '../sandbox/sandbox-store';
import type { MailMessage, MailPort } from './mail.port';

/** Keeps mails in the app database instead of sending them: the embedded default. */
export class SandboxMailDriver implements MailPort {
  constructor(private readonly store: SandboxStore) {}

  async send(message: MailMessage): Promise<void> {
    await this.store.put(
      'mail',
      message.idempotencyKey,
      { ...message, sentAt: new Date().toISOString() },
      'send',
    );
  }
}
