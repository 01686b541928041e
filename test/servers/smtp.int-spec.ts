import { createTransport, type Transporter } from 'nodemailer';
import { tcpAccepts } from './daemon';
import { startSmtp, type SmtpHandle } from './smtp';

describe('SMTP harness', () => {
  let smtp: SmtpHandle | undefined;
  let transport: Transporter | undefined;

  const server = (): SmtpHandle => {
    if (!smtp) throw new Error('SMTP server did not start');
    return smtp;
  };

  beforeAll(async () => {
    smtp = await startSmtp();
    // No TLS and no auth: the harness offers neither, and nodemailer must not try STARTTLS.
    transport = createTransport({ host: smtp.host, port: smtp.port, secure: false, ignoreTLS: true });
  });

  afterAll(async () => {
    transport?.close();
    await smtp?.stop();
  });

  beforeEach(() => smtp?.clear());

  it('captures envelope, decoded subject, text and HTML of a multipart message', async () => {
    const longLine = `Votre numéro 72001 est activé. ${'x'.repeat(200)}`;
    await transport!.sendMail({
      from: 'Switchboard <switchboard@switchboard.test>',
      to: ['asmith@switchboard.test', 'Bao Wong <bwong@switchboard.test>'],
      cc: 'phone-mngr-65001@switchboard.test',
      bcc: 'audit@switchboard.test',
      subject: 'Numéro 72001 activé – request #42',
      text: `${longLine}\nSecond line.`,
      html: '<p>Votre numéro <b>72001</b> est activé.</p>',
      attachments: [{ filename: 'note.txt', content: 'not the body' }],
    });

    const [message] = await server().waitForMessages(1, 10_000);
    expect(message.from).toBe('switchboard@switchboard.test');
    expect([...message.to].sort()).toEqual(
      [
        'asmith@switchboard.test',
        'audit@switchboard.test',
        'bwong@switchboard.test',
        'phone-mngr-65001@switchboard.test',
      ].sort(),
    );
    expect(message.subject).toBe('Numéro 72001 activé – request #42');
    expect(message.text).toBe(`${longLine}\nSecond line.`);
    expect(message.html).toBe('<p>Votre numéro <b>72001</b> est activé.</p>');
    expect(message.headers.to?.[0]).toContain('bwong@switchboard.test');
    expect(message.headers.bcc).toBeUndefined();
    expect(message.raw).toMatch(/^Content-Type: multipart\/mixed/m);
  });

  it('captures a plain text message with no HTML', async () => {
    await transport!.sendMail({
      from: 'switchboard@switchboard.test',
      to: 'dkim@switchboard.test',
      subject: 'Plain',
      text: 'Just text',
    });
    const [message] = await server().waitForMessages(1, 10_000);
    expect(message.subject).toBe('Plain');
    expect(message.text).toBe('Just text');
    expect(message.html).toBeUndefined();
  });

  it('fails waitForMessages with what it did receive when too few messages arrive', async () => {
    await transport!.sendMail({
      from: 'a@switchboard.test',
      to: 'b@switchboard.test',
      subject: 'only one',
      text: '1',
    });
    await expect(server().waitForMessages(2, 500)).rejects.toThrow(
      /expected 2 message\(s\) within 500 ms, got 1: \[b@switchboard.test: only one\]/,
    );
  });

  it('refuses injected failures with a transient code, then accepts again', async () => {
    server().rejectNext(1);
    await expect(
      transport!.sendMail({
        from: 'a@switchboard.test',
        to: 'b@switchboard.test',
        subject: 'refused',
        text: 'x',
      }),
    ).rejects.toMatchObject({ responseCode: 451 });
    await transport!.sendMail({
      from: 'a@switchboard.test',
      to: 'b@switchboard.test',
      subject: 'accepted',
      text: 'y',
    });
    const messages = await server().waitForMessages(1, 10_000);
    expect(messages.map((m) => m.subject)).toEqual(['accepted']);
  });

  it('stops listening on stop()', async () => {
    transport!.close();
    transport = undefined;
    const { host, port } = server();
    expect(await tcpAccepts(host, port)).toBe(true);
    await server().stop();
    expect(await tcpAccepts(host, port)).toBe(false);
  });
});
