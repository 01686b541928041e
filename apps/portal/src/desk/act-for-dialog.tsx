import { useId, useState } from 'react';
import { graphql, messageOf } from '../api/client';
import { PersonDocument } from '../api/generated/session';
import { useSession } from '../session';
import { FormDialog } from '../ui/dialog';
import { TextField } from '../ui/field';

const LOGIN = /^[a-z][a-z0-9._-]{0,63}$/;

/** The service desk picks the person to act for; the whole portal then acts for them. */
export function ActForDialog({ onClose }: { onClose: () => void }) {
  const { accounts, viewer, actFor, identity } = useSession();
  const listId = useId();
  const [login, setLogin] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const others = accounts.filter((a) => a.login !== viewer?.login);

  const submit = async () => {
    const chosen = login.trim().toLowerCase();
    if (!LOGIN.test(chosen)) {
      setError('Give the login of the person, e.g. ada.');
      return;
    }
    setBusy(true);
    setError(null);
    try {
      // Ask the API first, so a typo is refused here rather than on every page.
      const { me } = await graphql(PersonDocument, {}, { ...identity, onBehalfOf: chosen });
      if (!me.name) {
        setError(`The directory has no person "${chosen}". Check the login.`);
        return;
      }
      actFor(chosen);
      onClose();
    } catch (e) {
      setError(messageOf(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <FormDialog
      title="Act on behalf of a user"
      submitLabel="Act for this person"
      onSubmit={() => void submit()}
      onClose={onClose}
      busy={busy}
      error={null}
    >
      <p>
        Everything you do until you stop is done for this person and recorded in the audit log with your login
        as the one who acted.
      </p>
      <TextField
        label="Login of the person"
        value={login}
        onChange={(e) => setLogin(e.target.value)}
        error={error}
        list={others.length > 0 ? listId : undefined}
        autoComplete="off"
        hint={
          others.length > 0
            ? `E.g. ${others
                .slice(0, 4)
                .map((a) => a.login)
                .join(', ')}`
            : undefined
        }
        data-autofocus
      />
      {others.length > 0 ? (
        <datalist id={listId}>
          {others.map((a) => (
            <option key={a.login} value={a.login}>
              {a.name}
            </option>
          ))}
        </datalist>
      ) : null}
    </FormDialog>
  );
}
