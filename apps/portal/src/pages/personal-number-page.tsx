import {
  DeleteNumberDocument,
  MyPersonalNumberDocument,
  RequestPersonalNumberDocument,
  SetPhonebookListingDocument,
  TurnToSharedDocument,
} from '../api/generated/numbers';
import type { PersonalNumber } from '../api/types';
import { decide } from '../../../../libs/domain/permissions';
import { useSession } from '../session';
import { Button } from '../ui/button';
import { ConfirmDialog, FormDialog } from '../ui/dialog';
import { ErrorMessage, Notice } from '../ui/notice';
import { Loading } from '../ui/spinner';
import { StatusPill } from '../ui/status-pill';
import { useLoad } from '../ui/use-async';
import { SharedNumberFields, useSharedNumberForm } from './shared-number-fields';
import { useStartRequest } from './use-start-request';

export function PersonalNumberPage() {
  const { call, version, me, actor } = useSession();
  const personal = useLoad(
    () => call(MyPersonalNumberDocument).then((d) => d.myPersonalNumber),
    `personal-${version}`,
  );
  const get = useStartRequest(RequestPersonalNumberDocument, 'requestPersonalNumber');

  if (!me || !actor) return <Loading what="your account" />;
  const mayRequest = decide('REQUEST_PERSONAL_NUMBER', actor, { kind: 'none' });

  return (
    <section aria-labelledby="personal-title">
      <h1 id="personal-title">Your personal number</h1>
      <p className="lead">
        One number for you, with every feature: you may list it in the phonebook, turn it into a shared
        number, or give it up.
      </p>
      {personal.loading && personal.data === undefined ? <Loading what="your personal number" /> : null}
      <ErrorMessage error={personal.error} />
      {personal.data === null ? (
        <div className="card">
          <p>You have no personal number yet.</p>
          {!mayRequest.allowed ? (
            <Notice tone="warning" title="You cannot request a number">
              {mayRequest.reason}
            </Notice>
          ) : null}
          <Button
            variant="primary"
            busy={get.busy}
            disabledReason={mayRequest.allowed ? null : 'Not available to you: see above.'}
            onClick={() => void get.run({})}
          >
            Get a personal number
          </Button>
          <ErrorMessage error={get.error} />
        </div>
      ) : null}
      {personal.data ? <PersonalNumberCard number={personal.data} /> : null}
    </section>
  );
}

function PersonalNumberCard({ number }: { number: PersonalNumber }) {
  const { actor } = useSession();
  const phonebook = useStartRequest(SetPhonebookListingDocument, 'setPhonebookListing');
  const toShared = useStartRequest(TurnToSharedDocument, 'turnToShared');
  const remove = useStartRequest(DeleteNumberDocument, 'deleteNumber');
  const form = useSharedNumberForm('A shared number needs a description, e.g. "Cryo lab".');
  if (!actor) return null;
  const target = {
    kind: 'number' as const,
    number: { number: number.number, type: 'PERSONAL' as const, ownerLogin: actor.login, managers: [] },
  };
  const active = number.state === 'ACTIVE';
  const notActive = active
    ? null
    : `Available once the number is active (it is ${number.state.toLowerCase()}).`;
  const reasonFor = (action: 'SET_PHONEBOOK_LISTING' | 'TURN_TO_SHARED' | 'DELETE_NUMBER') => {
    const decision = decide(action, actor, target);
    return decision.allowed ? notActive : decision.reason;
  };

  const submitShared = () => {
    const fields = form.validated();
    if (fields) void toShared.run({ number: number.number, ...fields });
  };

  return (
    <div className="card number-card">
      <dl className="facts">
        <div>
          <dt>Number</dt>
          <dd className="number-big" data-testid="personal-number">
            {number.number}
          </dd>
        </div>
        <div>
          <dt>State</dt>
          <dd>
            <StatusPill status={number.state} />
          </dd>
        </div>
        <div>
          <dt>Phonebook</dt>
          <dd data-testid="phonebook-state">
            {number.inPhonebook ? 'Listed under your name' : 'Not listed'}
          </dd>
        </div>
      </dl>
      <div className="actions">
        <Button
          busy={phonebook.busy}
          disabledReason={reasonFor('SET_PHONEBOOK_LISTING')}
          onClick={() => void phonebook.run({ number: number.number, listed: !number.inPhonebook })}
        >
          {number.inPhonebook ? 'Remove from the phonebook' : 'Add to the phonebook'}
        </Button>
        <Button disabledReason={reasonFor('TURN_TO_SHARED')} onClick={toShared.show}>
          Turn to shared…
        </Button>
        <Button variant="danger" disabledReason={reasonFor('DELETE_NUMBER')} onClick={remove.show}>
          Delete…
        </Button>
      </div>
      <ErrorMessage error={phonebook.error} />
      {toShared.open ? (
        <FormDialog
          title={`Turn ${number.number} into a shared number`}
          submitLabel="Turn to shared"
          onSubmit={submitShared}
          onClose={toShared.hide}
          busy={toShared.busy}
          error={toShared.error}
          danger
        >
          <p>
            The line keeps working, but it will no longer be yours alone: it gets an owner (you) and a
            managers e-group, and the phonebook lists it under its description. You may then ask for a new
            personal number.
          </p>
          <SharedNumberFields form={form} managersHint="Separated by commas or spaces, e.g. alan, tim." />
        </FormDialog>
      ) : null}
      {remove.open ? (
        <ConfirmDialog
          title={`Delete ${number.number}?`}
          message={
            <p>
              The number stops working at once, leaves the phonebook and its desk phones are unregistered. It
              is quarantined before anyone else can get it. This cannot be undone.
            </p>
          }
          confirmLabel={`Delete ${number.number}`}
          onConfirm={() => void remove.run({ number: number.number })}
          onClose={remove.hide}
          busy={remove.busy}
          error={remove.error}
        />
      ) : null}
    </div>
  );
}
