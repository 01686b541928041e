import { classifySmtpError } from './smtp-errors';
import { messageIdFor } from './smtp-mail.driver';

const smtpError = (fields: { code?: string; responseCode?: number }) =>
  Object.assign(new Error('smtp failed'), fields);

describe('SMTP error classification', () => {
  it.each([421, 450, 451, 452])('retries a %i reply', (responseCode) => {
    expect(classifySmtpError(smtpError({ code: 'EMESSAGE', responseCode })).transient).toBe(true);
  });

  it.each([550, 552, 553, 554])('gives up on a %i reply', (responseCode) => {
    expect(classifySmtpError(smtpError({ code: 'EENVELOPE', responseCode })).transient).toBe(false);
  });

  it.each(['ECONNECTION', 'ETIMEDOUT', 'ESOCKET', 'EDNS', 'EAUTH'])('retries %s', (code) => {
    expect(classifySmtpError(smtpError({ code }))).toMatchObject({ transient: true, system: 'mail' });
  });

  it.each(['EENVELOPE', 'EMESSAGE'])('gives up on %s without a reply', (code) => {
    expect(classifySmtpError(smtpError({ code })).transient).toBe(false);
  });
});

describe('Message-ID of a notification', () => {
  it('derives it from the idempotency key and the sender domain', () => {
    expect(messageIdFor('5e1c-9f:request-accepted', 'Switchboard <switchboard@example.org>')).toBe(
      '<5e1c-9f=3Arequest-accepted@example.org>',
    );
    expect(messageIdFor('k', 'plain@example.org')).toBe('<k@example.org>');
  });

  it('keeps distinct keys distinct and the result a valid dot-atom', () => {
    const ids = ['a:b', 'a=3Ab', 'a b', 'a@b', '.a..b.', 'é'].map((k) => messageIdFor(k, 'x@example.org'));
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids)
      expect(id).toMatch(
        /^<[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*@example\.org>$/,
      );
  });
});
