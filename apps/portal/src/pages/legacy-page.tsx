import { useState } from 'react';
import {
  MigrateLegacyNumberDocument,
  MigrateNowDocument,
  MoveMyMigrationDocument,
  MyLegacyNumbersDocument,
} from '../api/generated/legacy';
import type { LegacyNumber, ScheduledMigration } from '../api/types';
import { useSession } from '../session';
import { Button } from '../ui/button';
import { FormDialog } from '../ui/dialog';
import { TextField } from '../ui/field';
import { ErrorMessage, Notice } from '../ui/notice';
import { Loading } from '../ui/spinner';
import { StatusPill } from '../ui/status-pill';
import { Table } from '../ui/table';
import { useAction, useLoad } from '../ui/use-async';
import { SharedNumberFields, useSharedNumberForm } from './shared-number-fields';
import { useStartRequest } from './use-start-request';

const SERVICES: Record<LegacyNumber['service'], string> = {
  SKYPE: 'Skype for Business',
  ANALOGUE: 'Analogue line',
  VENDOR_IP: 'Vendor IP phone service',
};

export function LegacyPage() {
  const { call, version } = useSession();
  const data = useLoad(() => call(MyLegacyNumbersDocument), `legacy-${version}`);
  const legacy = data.data?.myLegacyNumbers.filter((n) => n.state === 'LEGACY' || n.state === 'MIGRATING');
  return (
    <section aria-labelledby="legacy-title">
      <h1 id="legacy-title">Migrate existing numbers from legacy services</h1>
      <p className="lead">
        Numbers still on Skype for Business, analogue lines or the vendor IP service move to the new system
        with the same extension. A compatible desk phone moves with its number.
      </p>
      <Notice tone="warning" title="Only one personal number per person">
        If you already have a personal number, or the phonebook lists a number under several people, migrate
        it as a shared number instead.
      </Notice>
      {data.loading && !data.data ? <Loading what="your legacy numbers" /> : null}
      <ErrorMessage error={data.error} />
      {data.data && data.data.myMigrationSchedule.length > 0 ? (
        <Schedule items={data.data.myMigrationSchedule} onChanged={data.reload} />
      ) : null}
      {legacy ? (
        <Table
          caption="Your legacy numbers"
          rows={legacy}
          rowKey={(n) => n.number}
          empty="The phonebook lists no legacy number under you."
          columns={[
            { header: 'Number', cell: (n) => <strong>{n.number}</strong> },
            { header: 'Type', cell: (n) => SERVICES[n.service] },
            { header: 'Description', cell: (n) => n.description ?? '—' },
            {
              header: 'Desk phone',
              cell: (n) =>
                n.phone
                  ? `${n.phone.model ?? 'Unknown model'} — ${n.phone.movesWithNumber ? 'moves with the number' : 'not compatible, stays behind'}`
                  : 'None',
            },
            {
              header: 'Listed under',
              cell: (n) => (n.listedUnderCount === 1 ? 'You' : `${n.listedUnderCount} people`),
            },
            {
              header: 'Migrate',
              className: 'cell-actions',
              cell: (n) =>
                n.state === 'MIGRATING' ? <StatusPill status="MIGRATING" /> : <MigrateButtons number={n} />,
            },
          ]}
        />
      ) : null}
    </section>
  );
}

function MigrateButtons({ number }: { number: LegacyNumber }) {
  const personal = useStartRequest(MigrateLegacyNumberDocument, 'migrateLegacyNumber');
  const shared = useStartRequest(MigrateLegacyNumberDocument, 'migrateLegacyNumber');
  const form = useSharedNumberForm('A shared number needs a description.', number.description ?? '');
  return (
    <div className="actions actions-compact">
      <Button
        variant="primary"
        busy={personal.busy}
        disabledReason={number.migrateAsPersonal.allowed ? null : number.migrateAsPersonal.reason}
        onClick={() => void personal.run({ number: number.number, as: 'PERSONAL' })}
      >
        Migrate as personal<span className="visually-hidden"> {number.number}</span>
      </Button>
      <Button
        disabledReason={number.migrateAsShared.allowed ? null : number.migrateAsShared.reason}
        onClick={shared.show}
      >
        Migrate as shared…<span className="visually-hidden"> {number.number}</span>
      </Button>
      <ErrorMessage error={personal.error} />
      {shared.open ? (
        <FormDialog
          title={`Migrate ${number.number} as a shared number`}
          submitLabel="Migrate as shared"
          onSubmit={() => {
            const fields = form.validated();
            if (fields) void shared.run({ number: number.number, as: 'SHARED', ...fields });
          }}
          onClose={shared.hide}
          busy={shared.busy}
          error={shared.error}
        >
          <SharedNumberFields form={form} managersHint="Separated by commas or spaces." />
        </FormDialog>
      ) : null}
    </div>
  );
}

function Schedule({ items, onChanged }: { items: ScheduledMigration[]; onChanged: () => void }) {
  return (
    <div className="card">
      <h2>Your migration campaign</h2>
      <ul className="plain-list">
        {items.map((item) => (
          <ScheduleItem key={item.number} item={item} onChanged={onChanged} />
        ))}
      </ul>
    </div>
  );
}

function ScheduleItem({ item, onChanged }: { item: ScheduledMigration; onChanged: () => void }) {
  const { call } = useSession();
  const [date, setDate] = useState(item.scheduledFor);
  const move = useAction(async () => {
    await call(MoveMyMigrationDocument, { number: item.number, date });
    onChanged();
  });
  const now = useStartRequest(MigrateNowDocument, 'migrateNow');
  return (
    <li className="schedule-item">
      <p>
        <strong>{item.number}</strong> is to be migrated on <strong>{item.scheduledFor}</strong> (campaign
        date {item.campaignDate}) <StatusPill status={item.status} />
      </p>
      {item.canChange ? (
        <form
          className="inline-form"
          onSubmit={(e) => {
            e.preventDefault();
            void move.run();
          }}
        >
          <TextField
            label={`New date for ${item.number}`}
            type="date"
            min={item.earliestDate}
            max={item.maxDate}
            value={date}
            onChange={(e) => setDate(e.target.value)}
            hint={`From ${item.earliestDate} to ${item.maxDate}.`}
          />
          <Button type="submit" busy={move.busy}>
            Move my date
          </Button>
          <Button variant="primary" busy={now.busy} onClick={() => void now.run({ number: item.number })}>
            Migrate now
          </Button>
        </form>
      ) : null}
      <ErrorMessage error={move.error ?? now.error} />
    </li>
  );
}
