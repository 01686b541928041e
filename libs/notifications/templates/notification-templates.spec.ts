import {
  NOTIFICATION_TEMPLATES,
  NotificationKind,
  renderNotification,
  type NotificationData,
} from './notification-templates';

const data: NotificationData = {
  recipientName: 'Ada <Lovelace>',
  requestTitle: 'a personal number',
  requestId: 'r-1',
  portalUrl: 'http://portal/',
};

/** Every field a template may name, so each kind renders in full. */
const full: NotificationData = {
  ...data,
  outcome: 'Your number is 70001.',
  reason: 'The PBX refused.',
  number: '65001',
  numbers: ['72001', '72002'],
  description: 'Help & <support>',
  campaignName: 'the EP campaign',
  scheduledFor: new Date('2030-03-02T00:00:00Z'),
  latestDate: new Date('2030-03-30T00:00:00Z'),
  summary: '12 numbers migrated, 1 failed.',
  endDate: new Date('2030-06-30T00:00:00Z'),
  daysLeft: 7,
  successorName: 'Marie Curie',
  reservedUntil: new Date('2031-01-06T00:00:00Z'),
};

const REQUEST_KINDS = [
  NotificationKind.REQUEST_ACCEPTED,
  NotificationKind.REQUEST_COMPLETED,
  NotificationKind.REQUEST_FAILED,
  NotificationKind.ACTION_REQUIRED,
];

describe('notification templates', () => {
  it.each(REQUEST_KINDS)('renders %s as text and HTML with a link to the request', (kind) => {
    const mail = renderNotification(kind, {
      ...data,
      outcome: 'Your number is 70001.',
      reason: 'The PBX refused.',
    });
    expect(mail.subject).toContain('a personal number');
    expect(mail.text).toContain('Dear Ada <Lovelace>,');
    expect(mail.text).toContain('http://portal/requests/r-1');
    expect(mail.html).toContain('Dear Ada &lt;Lovelace&gt;,');
    expect(mail.html).not.toContain('<Lovelace>');
  });

  it.each(Object.values(NotificationKind))(
    'renders %s with every value it names, escaped in HTML',
    (kind) => {
      const template = NOTIFICATION_TEMPLATES[kind];
      const mail = renderNotification(kind, full);
      expect(mail.text.split('\n\n')).toHaveLength(template.paragraphs.length + 3);
      expect(mail.text).not.toMatch(/\{[A-Za-z]+\}/);
      expect(mail.html).not.toMatch(/<support>|<Lovelace>/);
      expect(mail.html).toContain(`>${template.linkLabel}</a>`);
      for (const field of template.requires) {
        const value = full[field];
        const shown =
          value instanceof Date
            ? value.toISOString().slice(0, 10)
            : Array.isArray(value)
              ? value.join(', ')
              : String(value);
        expect(mail.text).toContain(shown);
      }
    },
  );

  it.each(
    Object.values(NotificationKind).filter((kind) =>
      NOTIFICATION_TEMPLATES[kind].requires.some((f) => f !== 'requestTitle'),
    ),
  )('refuses to render %s without the fields it requires', (kind) => {
    expect(() => renderNotification(kind, data)).toThrow(new RegExp(`the "${kind}" notification needs`));
  });

  it('carries the outcome on completion and the reason on failure, and leaves out what is missing', () => {
    expect(
      renderNotification(NotificationKind.REQUEST_COMPLETED, { ...data, outcome: 'Your number is 70001.' })
        .text,
    ).toContain('Your number is 70001.');
    expect(
      renderNotification(NotificationKind.REQUEST_FAILED, { ...data, reason: 'The PBX refused.' }).text,
    ).toContain('Reason: The PBX refused.');
    expect(renderNotification(NotificationKind.REQUEST_FAILED, data).text).not.toContain('Reason:');
  });

  it('tells the shared number, the date, the days left and the successor when an owner leaves', () => {
    const mail = renderNotification(NotificationKind.SHARED_OWNER_LEAVING, full);
    expect(mail.subject).toBe('Shared number 65001 needs a new owner in 7 days');
    expect(mail.text).toContain('leaves the organisation on 2030-06-30, in 7 days');
    expect(mail.text).toContain('pass to Marie Curie');
    expect(mail.html).toContain('Help &amp; &lt;support&gt;');
    expect(mail.text).toContain('Change the owner: http://portal/');
  });
});
