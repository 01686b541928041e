import { useState } from 'react';
import {
  MyPhonesDocument,
  SimulatePhoneBootDocument,
  UnregisterPhoneDocument,
} from '../api/generated/phones';
import type { IpPhone } from '../api/types';
import { Link, requestPath } from '../router';
import { useSession } from '../session';
import { Button } from '../ui/button';
import { ConfirmDialog } from '../ui/dialog';
import { ErrorMessage } from '../ui/notice';
import { Loading } from '../ui/spinner';
import { StatusPill, humanise } from '../ui/status-pill';
import { Table } from '../ui/table';
import { useAction, useLoad, useReloadWhile } from '../ui/use-async';
import { RegisterPhoneForm } from './register-phone-form';
import { useStartRequest } from './use-start-request';

const SETTLED = ['ACTIVE', 'FAILED', 'REMOVED'];
export const BOOTABLE = ['CONFIG_PUBLISHED', 'PENDING_FIRST_BOOT', 'CONFIG_FETCHED'];

export function PhonesPage() {
  const { call, version } = useSession();
  const data = useLoad(() => call(MyPhonesDocument), `phones-${version}`);
  const phones = data.data?.myPhones ?? [];
  const moving = phones.some((p) => !SETTLED.includes(p.activation));
  const { reload } = data;

  // A phone on its way (registering, booting, unregistering) is read again every 2 s.
  useReloadWhile(moving, reload, 2000);

  return (
    <section aria-labelledby="phones-title">
      <h1 id="phones-title">IP phones</h1>
      <p className="lead">
        Desk phones on the numbers you own or manage. A phone becomes active once it has booted.
      </p>
      {data.loading && !data.data ? <Loading what="your phones" /> : null}
      <ErrorMessage error={data.error} />
      {data.data ? (
        <Table
          caption="Your desk phones"
          rows={phones}
          rowKey={(p) => p.id}
          empty="No desk phone is registered on your numbers."
          columns={[
            { header: 'Name', cell: (p) => <code>{p.name}</code> },
            { header: 'Number', cell: (p) => p.number },
            {
              header: 'Model',
              cell: (p) => (p.model ? `${p.model.manufacturer} ${p.model.name}` : 'Unknown'),
            },
            { header: 'MAC', cell: (p) => <code>{p.mac}</code> },
            { header: 'Compatible model', cell: (p) => <StatusPill status={p.compatible} /> },
            {
              header: 'Activation',
              cell: (p) => (
                <span data-testid={`activation-${p.mac}`}>
                  <StatusPill status={p.activation} />
                  {p.requestId ? (
                    <>
                      {' '}
                      <Link to={requestPath(p.requestId)}>Follow the request</Link>
                    </>
                  ) : null}
                </span>
              ),
            },
            {
              header: 'Actions',
              className: 'cell-actions',
              cell: (p) => <PhoneActions phone={p} onBooted={reload} />,
            },
          ]}
        />
      ) : null}
      {data.data ? (
        <RegisterPhoneForm models={data.data.phoneModels} numbers={data.data.numbersForNewPhone} />
      ) : null}
    </section>
  );
}

function PhoneActions({ phone, onBooted }: { phone: IpPhone; onBooted: () => void }) {
  const { settings } = useSession();
  const unregister = useStartRequest(UnregisterPhoneDocument, 'unregisterPhone');
  const canUnregister = phone.activation === 'ACTIVE' || phone.activation === 'FAILED';
  return (
    <div className="actions actions-compact">
      {settings?.sandbox && BOOTABLE.includes(phone.activation) ? (
        <SimulateBootButton mac={phone.mac} onBooted={onBooted} />
      ) : null}
      <Button
        variant="danger"
        disabledReason={
          canUnregister ? null : `Not while the phone is ${humanise(phone.activation).toLowerCase()}.`
        }
        onClick={unregister.show}
      >
        Unregister<span className="visually-hidden"> {phone.name}</span>
      </Button>
      {unregister.open ? (
        <ConfirmDialog
          title={`Unregister ${phone.name}?`}
          message={
            <p>
              The phone at <code>{phone.mac}</code> stops working on {phone.number}: its network registration,
              DHCP reservation and configuration are removed. The number itself keeps working.
            </p>
          }
          confirmLabel="Unregister the phone"
          onConfirm={() => void unregister.run({ mac: phone.mac })}
          onClose={unregister.hide}
          busy={unregister.busy}
          error={unregister.error}
        />
      ) : null}
    </div>
  );
}

/** Sandbox only: the demo phone at this MAC boots as a real one would. */
export function SimulateBootButton({ mac, onBooted }: { mac: string; onBooted?: () => void }) {
  const { call } = useSession();
  const [done, setDone] = useState(false);
  const boot = useAction(async () => {
    await call(SimulatePhoneBootDocument, { mac });
    setDone(true);
    onBooted?.();
  });
  return (
    <span className="sandbox-helper">
      <Button busy={boot.busy} disabled={done} onClick={() => void boot.run()}>
        <span className="sandbox-tag">Sandbox</span> Simulate boot
        <span className="visually-hidden"> of {mac}</span>
      </Button>
      <ErrorMessage error={boot.error} />
    </span>
  );
}
