import { useState } from 'react';
import { decide, type PortalAction } from '../../../../libs/domain/permissions';
import {
  ChangeDescriptionDocument,
  DeleteNumberDocument,
  MySharedNumbersDocument,
  ProposeOwnerDocument,
  RequestSharedNumberDocument,
  RespondToOwnershipDocument,
  SetManagersDocument,
} from '../api/generated/numbers';
import type { OwnershipOffer, SharedNumber } from '../api/types';
import { useSession } from '../session';
import { Button } from '../ui/button';
import { ConfirmDialog, FormDialog } from '../ui/dialog';
import { TextField, parseLogins } from '../ui/field';
import { ErrorMessage } from '../ui/notice';
import { Loading } from '../ui/spinner';
import { StatusPill } from '../ui/status-pill';
import { Table } from '../ui/table';
import { useLoad } from '../ui/use-async';
import { SharedNumberFields, useSharedNumberForm } from './shared-number-fields';
import { useStartRequest } from './use-start-request';

export function SharedNumbersPage() {
  const { call, version } = useSession();
  const data = useLoad(() => call(MySharedNumbersDocument), `shared-${version}`);
  const create = useStartRequest(RequestSharedNumberDocument, 'requestSharedNumber');
  const form = useSharedNumberForm(
    'Describe what the number is for, e.g. "Lab 2 bench phone": the phonebook lists it so.',
  );

  const submitNew = () => {
    const fields = form.validated();
    if (fields) void create.run(fields);
  };

  return (
    <section aria-labelledby="shared-title">
      <div className="page-head">
        <h1 id="shared-title">Your shared numbers</h1>
        <Button variant="primary" onClick={create.show}>
          Get a new shared number…
        </Button>
      </div>
      <p className="lead">
        Service numbers for a room, a lab or a help line. Each has an owner and a managers e-group: members
        may change the description and propose a new owner; only the owner may edit the e-group or delete the
        number.
      </p>
      {data.loading && !data.data ? <Loading what="your shared numbers" /> : null}
      <ErrorMessage error={data.error} />
      {data.data && data.data.myOwnershipOffers.length > 0 ? (
        <Offers offers={data.data.myOwnershipOffers} />
      ) : null}
      {data.data ? (
        <Table
          caption="Shared numbers you own or manage"
          rows={data.data.mySharedNumbers}
          rowKey={(n) => n.number}
          empty="You do not own or manage any shared number."
          columns={[
            { header: 'Number', cell: (n) => <strong>{n.number}</strong> },
            { header: 'Description', cell: (n) => n.description ?? '—' },
            {
              header: 'Managers e-group',
              cell: (n) =>
                n.managersGroup ? (
                  <span>
                    <code>{n.managersGroup.name}</code>
                    <span className="muted"> {n.managersGroup.members.join(', ') || '(no members)'}</span>
                  </span>
                ) : (
                  '—'
                ),
            },
            {
              header: 'You are',
              cell: (n) => (n.myRole === 'OWNER' ? 'Owner' : `Manager (owner: ${n.owner ?? 'none'})`),
            },
            { header: 'State', cell: (n) => <StatusPill status={n.state} /> },
            { header: 'Actions', className: 'cell-actions', cell: (n) => <SharedActions number={n} /> },
          ]}
        />
      ) : null}
      {create.open ? (
        <FormDialog
          title="Get a new shared number"
          submitLabel="Request the number"
          onSubmit={submitNew}
          onClose={create.hide}
          busy={create.busy}
          error={create.error}
        >
          <SharedNumberFields
            form={form}
            descriptionHint="The phonebook lists the number under it."
            managersHint="Members of its managers e-group, separated by commas or spaces."
          />
        </FormDialog>
      ) : null}
    </section>
  );
}

type Editing = 'description' | 'owner' | 'managers' | 'delete' | null;

function SharedActions({ number }: { number: SharedNumber }) {
  const { actor } = useSession();
  const [editing, setEditing] = useState<Editing>(null);
  const describe = useStartRequest(ChangeDescriptionDocument, 'changeDescription');
  const owner = useStartRequest(ProposeOwnerDocument, 'proposeOwner');
  const managers = useStartRequest(SetManagersDocument, 'setManagers');
  const remove = useStartRequest(DeleteNumberDocument, 'deleteNumber');
  const [text, setText] = useState('');
  const [fieldError, setFieldError] = useState<string | null>(null);
  if (!actor) return null;

  const target = {
    kind: 'number' as const,
    number: {
      number: number.number,
      type: 'SHARED' as const,
      ownerLogin: number.owner,
      managers: number.managersGroup?.members ?? [],
    },
  };
  const reasonFor = (action: PortalAction) => {
    const decision = decide(action, actor, target);
    if (!decision.allowed) return decision.reason;
    return number.state === 'ACTIVE' ? null : `Available once ${number.number} is active.`;
  };
  const open = (what: Editing, initial: string) => {
    setText(initial);
    setFieldError(null);
    [describe, owner, managers, remove].forEach((a) => a.clearError());
    setEditing(what);
  };
  const close = () => setEditing(null);
  const label = `${number.number}${number.description ? ` (${number.description})` : ''}`;

  return (
    <div className="actions actions-compact">
      <Button
        disabledReason={reasonFor('CHANGE_DESCRIPTION')}
        onClick={() => open('description', number.description ?? '')}
      >
        Change description<span className="visually-hidden"> of {number.number}</span>
      </Button>
      <Button disabledReason={reasonFor('CHANGE_OWNER')} onClick={() => open('owner', '')}>
        Change owner<span className="visually-hidden"> of {number.number}</span>
      </Button>
      <Button
        disabledReason={reasonFor('EDIT_MANAGERS')}
        onClick={() => open('managers', (number.managersGroup?.members ?? []).join(', '))}
      >
        Edit managers<span className="visually-hidden"> of {number.number}</span>
      </Button>
      <Button variant="danger" disabledReason={reasonFor('DELETE_NUMBER')} onClick={() => open('delete', '')}>
        Delete<span className="visually-hidden"> {number.number}</span>
      </Button>

      {editing === 'description' ? (
        <FormDialog
          title={`Change the description of ${number.number}`}
          submitLabel="Save the description"
          onSubmit={() => {
            if (text.trim() === '') return setFieldError('The description cannot be empty.');
            void describe.run({ number: number.number, description: text });
          }}
          onClose={close}
          busy={describe.busy}
          error={describe.error}
        >
          <TextField
            label="Description"
            hint="The phonebook entry and the phones' display name change too."
            value={text}
            onChange={(e) => setText(e.target.value)}
            error={fieldError}
            maxLength={100}
            data-autofocus
          />
        </FormDialog>
      ) : null}
      {editing === 'owner' ? (
        <FormDialog
          title={`Propose a new owner for ${number.number}`}
          submitLabel="Propose"
          onSubmit={() => {
            if (text.trim() === '') return setFieldError('Give the login of the proposed owner.');
            void owner.run({ number: number.number, newOwner: text.trim().toLowerCase() });
          }}
          onClose={close}
          busy={owner.busy}
          error={owner.error}
        >
          <p>The proposed owner must accept within 14 days; until then nothing changes.</p>
          <TextField
            label="Login of the new owner"
            value={text}
            onChange={(e) => setText(e.target.value)}
            error={fieldError}
            autoComplete="off"
            data-autofocus
          />
        </FormDialog>
      ) : null}
      {editing === 'managers' ? (
        <FormDialog
          title={`Managers of ${number.number}`}
          submitLabel="Save the managers"
          onSubmit={() => void managers.run({ number: number.number, members: parseLogins(text) })}
          onClose={close}
          busy={managers.busy}
          error={managers.error}
        >
          <TextField
            label={`Members of ${number.managersGroup?.name ?? `phone-mngr-${number.number}`}`}
            hint="Logins separated by commas or spaces; leave empty for none."
            value={text}
            onChange={(e) => setText(e.target.value)}
            data-autofocus
          />
        </FormDialog>
      ) : null}
      {editing === 'delete' ? (
        <ConfirmDialog
          title={`Delete ${label}?`}
          message={
            <p>
              The number stops working, its phonebook entry and managers e-group are removed and its desk
              phones are unregistered. It is quarantined before reuse. This cannot be undone.
            </p>
          }
          confirmLabel={`Delete ${number.number}`}
          onConfirm={() => void remove.run({ number: number.number })}
          onClose={close}
          busy={remove.busy}
          error={remove.error}
        />
      ) : null}
    </div>
  );
}

function Offers({ offers }: { offers: OwnershipOffer[] }) {
  const respond = useStartRequest(RespondToOwnershipDocument, 'respondToOwnership');
  return (
    <div className="card offers">
      <h2>Ownership offered to you</h2>
      <ErrorMessage error={respond.error} />
      <ul className="plain-list">
        {offers.map((offer) => (
          <li key={offer.requestId} className="offer">
            <span>
              <strong>{offer.number}</strong> {offer.description ? `(${offer.description})` : ''} — proposed
              by {offer.proposedBy}, current owner {offer.currentOwner ?? 'none'}; answer before{' '}
              {new Date(offer.expiresAt).toLocaleDateString()}.
            </span>
            <span className="actions">
              <Button
                variant="primary"
                busy={respond.busy}
                onClick={() => void respond.run({ requestId: offer.requestId, accept: true })}
              >
                Accept<span className="visually-hidden"> {offer.number}</span>
              </Button>
              <Button
                busy={respond.busy}
                onClick={() => void respond.run({ requestId: offer.requestId, accept: false })}
              >
                Refuse<span className="visually-hidden"> {offer.number}</span>
              </Button>
            </span>
          </li>
        ))}
      </ul>
    </div>
  );
}
