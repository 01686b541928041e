import { MockActivityEnvironment } from '@temporalio/testing';
import { ApplicationFailure } from '@temporalio/common';
import type { CampaignMailInput } from '../../libs/contracts/campaigns';
import { createCampaignMailActivities } from '../../activities/mail/campaign-mail.activities';
import type { NotificationInput } from '../../libs/contracts/mail';
import { createNotificationActivities } from '../../activities/mail/notifications.activities';
import { loadConfig } from '../../libs/config/app-config';
import type { StepOutcome } from '../../libs/contracts/step-outcome';
import { CampaignMailKind } from '../../libs/notifications/templates/campaign-templates';
import {
  NotificationKind,
  renderNotification,
  type NotificationData,
} from '../../libs/notifications/templates/notification-templates';
import { MailDeliveryEntity } from '../../libs/persistence/entities';
import { SmtpMailDriver } from '../../libs/systems/mail/smtp-mail.driver';
import { isSystemError, type SystemError } from '../../libs/systems/system-error';
import { SEEDED_DIRECTORY, startSlapd, type SlapdHandle } from '../servers/slapd';
import { startSmtp, type SmtpHandle } from '../servers/smtp';
import { freePort } from '../support/free-port';
import { ldapEnv, smtpEnv } from '../support/real-drivers';
import { World } from '../support/world';

const P = SEEDED_DIRECTORY.people;
const managers = SEEDED_DIRECTORY.groups.managers65001;

interface Case {
  data: Omit<NotificationData, 'requestId' | 'portalUrl'>;
  /** The managers e-group gets shared-number mails too. */
  groups?: string[];
  /** Text the body must carry (besides the template's own words). */
  mentions: string[];
}

const shared = { number: '65001', description: 'IT help line' };
const base = { recipientName: P.asmith.cn, requestTitle: 'the shared number 65001' };

/** One case per notification of docs/domain.md §8; the first test checks none is missing. */
const CASES: Record<NotificationKind, Case> = {
  [NotificationKind.REQUEST_ACCEPTED]: {
    data: base,
    groups: [managers.cn],
    mentions: ['the shared number 65001'],
  },
  [NotificationKind.REQUEST_COMPLETED]: {
    data: { ...base, outcome: 'The description is now "Help & <support>".' },
    groups: [managers.cn],
    mentions: ['The description is now "Help & <support>".'],
  },
  [NotificationKind.REQUEST_FAILED]: {
    data: { ...base, reason: 'The phonebook refused the change.' },
    groups: [managers.cn],
    mentions: ['Reason: The phonebook refused the change.'],
  },
  [NotificationKind.ACTION_REQUIRED]: {
    data: { ...base, reason: 'Bao Wong proposes you as the new owner: accept or decline by 2030-01-14.' },
    groups: [managers.cn],
    mentions: ['accept or decline by 2030-01-14'],
  },
  [NotificationKind.CAMPAIGN_SCHEDULED]: {
    data: {
      ...base,
      requestTitle: 'the migration of your numbers',
      campaignName: 'the IT-CS migration campaign',
      numbers: ['72001'],
      scheduledFor: new Date('2030-03-02T00:00:00Z'),
      latestDate: new Date('2030-03-30T00:00:00Z'),
    },
    mentions: ['72001', '2030-03-02', '2030-03-30', 'the IT-CS migration campaign'],
  },
  [NotificationKind.CAMPAIGN_REMINDER]: {
    data: {
      ...base,
      numbers: ['72001'],
      scheduledFor: new Date('2030-03-02T00:00:00Z'),
      latestDate: new Date('2030-03-30T00:00:00Z'),
    },
    mentions: ['This is a reminder', '72001', '2030-03-02'],
  },
  [NotificationKind.CAMPAIGN_STARTED]: {
    data: { ...base, numbers: ['72001'] },
    mentions: ['72001', 'has started'],
  },
  [NotificationKind.CAMPAIGN_COMPLETED]: {
    data: { ...base, numbers: ['72001'], outcome: 'Your number 72001 now rings on the new service.' },
    mentions: ['72001', 'now rings on the new service'],
  },
  [NotificationKind.SHARED_OWNER_LEAVING]: {
    data: {
      ...base,
      ...shared,
      endDate: new Date('2030-06-30T00:00:00Z'),
      daysLeft: 27,
      successorName: P.mlopez.cn,
    },
    groups: [managers.cn],
    mentions: ['65001', 'IT help line', '2030-06-30', '27 days', P.mlopez.cn],
  },
  [NotificationKind.PERSONAL_NUMBER_DEACTIVATED]: {
    data: {
      ...base,
      number: '70001',
      endDate: new Date('2030-06-30T00:00:00Z'),
      reservedUntil: new Date('2031-01-06T00:00:00Z'),
    },
    mentions: ['70001', '2030-06-30', '2031-01-06', 'deactivated'],
  },
  [NotificationKind.PERSONAL_NUMBER_RESERVED]: {
    data: { ...base, number: '70001', reservedUntil: new Date('2031-01-06T00:00:00Z') },
    mentions: ['70001', '2031-01-06'],
  },
  [NotificationKind.PERSONAL_NUMBER_DELETED]: {
    data: { ...base, number: '70001' },
    mentions: ['70001', 'deleted'],
  },
};

describe('mail over SMTP: every notification, its recipients, receipts and failures', () => {
  let slapd: SlapdHandle;
  let smtp: SmtpHandle;
  let world: World;
  let activities: ReturnType<typeof createNotificationActivities>;
  // Failures are expected here; the SDK's default logger would print each one.
  const quiet = {
    log: () => undefined,
    trace: () => undefined,
    debug: () => undefined,
    info: () => undefined,
    warn: () => undefined,
    error: () => undefined,
  };
  const env = new MockActivityEnvironment(undefined, { logger: quiet });

  const send = (input: NotificationInput): Promise<StepOutcome> =>
    env.run(activities.sendNotification, input);

  beforeAll(async () => {
    [slapd, smtp] = await Promise.all([startSlapd(), startSmtp()]);
    world = await World.start({
      ...ldapEnv(slapd),
      ...smtpEnv(smtp),
      PUBLIC_URL: 'https://phones.switchboard.test',
    });
    activities = createNotificationActivities(world.deps);
  });

  afterAll(async () => {
    await world?.stop();
    await Promise.all([slapd?.stop(), smtp?.stop()]);
  });

  beforeEach(() => smtp.clear());

  it('has a case for every notification kind', () => {
    expect(Object.keys(CASES).sort()).toEqual(Object.values(NotificationKind).sort());
  });

  it.each(Object.entries(CASES) as [NotificationKind, Case][])(
    'delivers %s with its subject, text and HTML to the right people',
    async (kind, { data, groups, mentions }) => {
      const requestId = `r-${kind}`;
      const outcome = await send({ requestId, kind, to: [P.asmith.mail], groups, data });
      expect(outcome.note).toBeUndefined();

      const [mail] = await smtp.waitForMessages(1);
      const expected = renderNotification(kind, {
        ...data,
        requestId,
        portalUrl: 'https://phones.switchboard.test',
      });
      // Shared-number mails reach the managers e-group's members too, each address once.
      const cc = groups ? [P.bwong.mail] : [];
      expect(mail.to).toEqual([P.asmith.mail, ...cc]);
      expect(mail.headers.to).toEqual([P.asmith.mail]);
      expect(mail.headers.cc).toEqual(groups ? [P.bwong.mail] : undefined);
      expect(mail.from).toBe('switchboard@switchboard.test');
      expect(mail.subject).toBe(expected.subject);
      expect(mail.text).toBe(expected.text);
      expect(mail.html).toBe(expected.html);
      expect(mail.text).toContain(`Dear ${P.asmith.cn},`);
      expect(mail.text).toContain('https://phones.switchboard.test/');
      for (const text of mentions) expect(mail.text).toContain(text);
      expect(mail.html).not.toMatch(/<support>/);
      expect(mail.headers['message-id']).toEqual([`<r-${kind}=3A${kind}@switchboard.test>`]);
      expect(mail.headers['x-switchboard-notification']).toEqual([`r-${kind}:${kind}`]);
    },
  );

  it('sends a retried notification once: the receipt stops the second send', async () => {
    const input: NotificationInput = {
      requestId: 'r-retry',
      kind: NotificationKind.REQUEST_COMPLETED,
      to: [P.cgarcia.mail],
      data: {
        recipientName: P.cgarcia.cn,
        requestTitle: 'a personal number',
        outcome: 'Your number is 70042.',
      },
    };
    expect((await send(input)).note).toBeUndefined();
    expect(await send(input)).toMatchObject({ note: 'already in place' });
    expect(
      await world.dataSource
        .getRepository(MailDeliveryEntity)
        .findOneBy({ key: 'r-retry:request-completed' }),
    ).toMatchObject({
      recipients: P.cgarcia.mail,
      subject: 'Your request for a personal number is complete',
    });
    // Another occasion of the same kind (a 60-day, then a 27-day reminder) is another mail.
    expect((await send({ ...input, occasion: '27d' })).note).toBeUndefined();
    // Every send above has returned, and the server records a message before it answers 250: the
    // list is complete, with no third message still on its way.
    await smtp.waitForMessages(2);
    expect(smtp.messages.map((m) => m.headers['message-id']?.[0])).toEqual([
      '<r-retry=3Arequest-completed@switchboard.test>',
      '<r-retry=3Arequest-completed=3A27d@switchboard.test>',
    ]);
  });

  it('skips a group that does not exist and people without duplicates', async () => {
    await send({
      requestId: 'r-groups',
      kind: NotificationKind.REQUEST_ACCEPTED,
      to: [P.asmith.mail, P.asmith.mail.toUpperCase()],
      cc: [P.bwong.mail],
      groups: [managers.cn, 'phone-mngr-99999', SEEDED_DIRECTORY.groups.serviceDesk.cn],
      data: { recipientName: P.asmith.cn, requestTitle: 'a shared number' },
    });
    const [mail] = await smtp.waitForMessages(1);
    expect(mail.to).toEqual([P.asmith.mail, P.bwong.mail, P.hnguyen.mail, P.iolsen.mail]);
  });

  it('classifies a 451 as transient and a 550 as permanent; a retry after the 451 arrives once', async () => {
    const input: NotificationInput = {
      requestId: 'r-451',
      kind: NotificationKind.REQUEST_ACCEPTED,
      to: [P.dkim.mail],
      data: { recipientName: P.dkim.cn, requestTitle: 'a personal number' },
    };
    smtp.rejectNext(1);
    const failure = await send(input).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ApplicationFailure);
    expect(failure).toMatchObject({ type: 'SystemUnavailable', nonRetryable: false });
    expect((failure as Error).message).toMatch(/451/);
    expect(
      await world.dataSource.getRepository(MailDeliveryEntity).countBy({ key: 'r-451:request-accepted' }),
    ).toBe(0);
    expect((await send(input)).note).toBeUndefined();
    await smtp.waitForMessages(1);
    expect(smtp.messages).toHaveLength(1);

    smtp.rejectNext(1, { code: 550, message: 'No such mailbox' });
    const refused = await send({ ...input, requestId: 'r-550' }).catch((error: unknown) => error);
    expect(refused).toMatchObject({ type: 'SystemRejected', nonRetryable: true });
  });

  it('sends a batch of campaign mails: a refused one fails the batch, and its retry sends only that one', async () => {
    const campaign = createCampaignMailActivities(world.deps);
    const mail = (login: string): CampaignMailInput => ({
      key: `c:batch:sch:${login}`,
      kind: CampaignMailKind.SCHEDULED,
      login,
      data: { unit: 'LAB', numbers: ['70001'], date: '2026-12-01', maxDate: '2026-12-31' },
    });
    // Not in the directory: nobody to tell, nothing to retry.
    const mails = [mail('asmith'), mail('no-such-person'), mail('bwong')];
    smtp.rejectNext(1);
    const failure = await env.run(campaign.sendCampaignMails, { mails }).catch((error: unknown) => error);
    expect(failure).toMatchObject({ type: 'SystemUnavailable', nonRetryable: false });
    // The refusal did not stop the rest of the batch.
    const [first] = await smtp.waitForMessages(1);
    expect(first.to).toEqual([P.bwong.mail]);

    expect(await env.run(campaign.sendCampaignMails, { mails })).toMatchObject({ value: { sent: 1 } });
    // Every send above has returned, and the server records a message before it answers 250: the
    // list is complete, with no third message still on its way.
    await smtp.waitForMessages(2);
    expect(smtp.messages.map((m) => m.to)).toEqual([[P.bwong.mail], [P.asmith.mail]]);
    expect(smtp.messages[1].text).toContain(`Dear ${P.asmith.cn},`);
    expect(await env.run(campaign.sendCampaignMails, { mails })).toMatchObject({ value: { sent: 0 } });
  });

  it('classifies an SMTP server that is down as transient', async () => {
    const config = loadConfig(smtpEnv({ host: '127.0.0.1', port: await freePort() }));
    const driver = new SmtpMailDriver(config.smtp!, config.mail.from);
    try {
      const error = await driver
        .send({ idempotencyKey: 'k', to: ['a@b.test'], subject: 's', text: 't', html: '<p>t</p>' })
        .catch((e: unknown) => e);
      expect(isSystemError(error)).toBe(true);
      expect(error as SystemError).toMatchObject({ transient: true, system: 'mail' });
    } finally {
      driver.close();
    }
  });
});
