import {
  DEFAULT_LIFECYCLE_POLICY,
  DEFAULT_SHARED_OWNER_REMINDER_DAYS,
  isReservationActive,
  ownershipTransferDate,
  personalNumberTimeline,
  quarantineEnds,
  sharedOwnerReminderDates,
} from './lifecycle';

const day = (iso: string) => new Date(`${iso}T00:00:00Z`);
const iso = (date: Date) => date.toISOString().slice(0, 10);

describe('personalNumberTimeline', () => {
  it('deactivates 7 days after the contract ends, reserves 6 months, then quarantines 90 days', () => {
    const timeline = personalNumberTimeline(day('2026-03-31'));
    expect({
      deactivateAt: iso(timeline.deactivateAt),
      reservedUntil: iso(timeline.reservedUntil),
      deleteAt: iso(timeline.deleteAt),
      availableAgainAt: iso(timeline.availableAgainAt),
    }).toEqual({
      deactivateAt: '2026-04-07',
      reservedUntil: '2026-10-06',
      deleteAt: '2026-10-07',
      availableAgainAt: '2027-01-05',
    });
  });

  it.each([
    ['2026-01-24', 1, '2026-02-28'], // deactivated Jan 31: Feb has no 31st
    ['2026-08-24', 6, '2027-02-28'], // Aug 31 + 6 months
    ['2027-08-24', 6, '2028-02-29'], // leap year
    ['2026-06-23', 6, '2026-12-30'], // Jun 30 + 6 months keeps the 30th
    ['2026-12-24', 1, '2027-01-31'], // across the year end
  ])(
    'counts the reservation in calendar months (contract end %s, %i month(s) → deleted %s)',
    (end, months, deleteAt) => {
      const timeline = personalNumberTimeline(day(end), {
        ...DEFAULT_LIFECYCLE_POLICY,
        reservationMonths: months,
      });
      expect(iso(timeline.deleteAt)).toBe(deleteAt);
    },
  );

  it('reads the contract end as a UTC day whatever its time', () => {
    expect(personalNumberTimeline(new Date('2026-03-31T23:59:59Z'))).toEqual(
      personalNumberTimeline(day('2026-03-31')),
    );
  });

  it('follows a configured policy', () => {
    const timeline = personalNumberTimeline(day('2026-03-31'), {
      deactivateAfterDays: 0,
      reservationMonths: 0,
      quarantineDays: 1,
    });
    expect([timeline.deactivateAt, timeline.deleteAt, timeline.availableAgainAt].map(iso)).toEqual([
      '2026-03-31',
      '2026-03-31',
      '2026-04-01',
    ]);
  });

  it.each([-1, 1.5, Number.NaN])('refuses a configured number of days such as %p', (days) => {
    expect(() =>
      personalNumberTimeline(day('2026-03-31'), { ...DEFAULT_LIFECYCLE_POLICY, deactivateAfterDays: days }),
    ).toThrow(RangeError);
  });

  it('refuses an invalid date', () => {
    expect(() => personalNumberTimeline(new Date('not a date'))).toThrow(/contractEnd is not a valid date/);
  });
});

describe('isReservationActive', () => {
  const deactivatedAt = day('2026-04-07');

  it.each([
    ['2026-04-06', false], // not deactivated yet
    ['2026-04-07', true],
    ['2026-10-06', true], // last reserved day
    ['2026-10-07', false], // deleted
  ])('on %s: %p', (today, expected) => {
    expect(isReservationActive(deactivatedAt, day(today))).toBe(expected);
  });

  it('counts from the actual deactivation day, at any time of day', () => {
    expect(isReservationActive(new Date('2026-04-09T22:00:00Z'), new Date('2026-10-08T12:00:00Z'))).toBe(
      true,
    );
  });
});

describe('quarantineEnds', () => {
  it('ends 90 days after deletion by default, or as configured', () => {
    expect(iso(quarantineEnds(new Date('2026-01-01T15:30:00Z')))).toBe('2026-04-01');
    expect(iso(quarantineEnds(day('2026-01-01'), { quarantineDays: 30 }))).toBe('2026-01-31');
  });
});

describe('sharedOwnerReminderDates', () => {
  const contractEnd = day('2026-12-31');

  it('reminds 60, 27 and 7 days before the end date, earliest first', () => {
    expect(
      sharedOwnerReminderDates(contractEnd, DEFAULT_SHARED_OWNER_REMINDER_DAYS, day('2026-01-01')).map(iso),
    ).toEqual(['2026-11-01', '2026-12-04', '2026-12-24']);
  });

  it("skips reminders already in the past but keeps today's", () => {
    expect(sharedOwnerReminderDates(contractEnd, [60, 27, 7], day('2026-12-04')).map(iso)).toEqual([
      '2026-12-04',
      '2026-12-24',
    ]);
    expect(sharedOwnerReminderDates(contractEnd, [60, 27, 7], day('2026-12-25'))).toEqual([]);
  });

  it('sorts and de-duplicates configured days', () => {
    expect(sharedOwnerReminderDates(contractEnd, [7, 30, 7, 0], day('2026-01-01')).map(iso)).toEqual([
      '2026-12-01',
      '2026-12-24',
      '2026-12-31',
    ]);
  });
});

describe('ownershipTransferDate', () => {
  it('moves ownership on the end date itself', () => {
    expect(iso(ownershipTransferDate(new Date('2026-12-31T18:00:00Z')))).toBe('2026-12-31');
  });
});
