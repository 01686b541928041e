import { useState } from 'react';
import { TextField, parseLogins } from '../ui/field';

/** What a form that creates a shared number (new, migrated or turned from personal) collects. */
export interface SharedNumberForm {
  description: string;
  setDescription(value: string): void;
  managers: string;
  setManagers(value: string): void;
  descriptionError: string | null;
  /**
   * The description and the managers' logins, or null (with the error shown under the field) when
   * the description is empty: the API would refuse it, so nothing is sent.
   */
  validated(): { description: string; managers: string[] } | null;
}

export function useSharedNumberForm(missingDescription: string, initialDescription = ''): SharedNumberForm {
  const [description, setDescription] = useState(initialDescription);
  const [managers, setManagers] = useState('');
  const [descriptionError, setDescriptionError] = useState<string | null>(null);
  return {
    description,
    setDescription,
    managers,
    setManagers,
    descriptionError,
    validated: () => {
      if (description.trim() === '') {
        setDescriptionError(missingDescription);
        return null;
      }
      setDescriptionError(null);
      return { description, managers: parseLogins(managers) };
    },
  };
}

/** The description and managers inputs, with their hints, for a {@link useSharedNumberForm}. */
export function SharedNumberFields({
  form,
  descriptionHint,
  managersHint,
}: {
  form: SharedNumberForm;
  descriptionHint?: string;
  managersHint: string;
}) {
  return (
    <>
      <TextField
        label="Description (required)"
        hint={descriptionHint}
        value={form.description}
        onChange={(e) => form.setDescription(e.target.value)}
        error={form.descriptionError}
        maxLength={100}
        data-autofocus
      />
      <TextField
        label="Managers (logins, optional)"
        hint={managersHint}
        value={form.managers}
        onChange={(e) => form.setManagers(e.target.value)}
      />
    </>
  );
}
