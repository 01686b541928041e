import { useState } from 'react';
import { FormDialog, type FormDialogProps } from './dialog';
import { TextField } from './field';

interface ReasonDialogProps extends Omit<FormDialogProps, 'onSubmit'> {
  /** The reason field's label. */
  label: string;
  /** What the field says when submitted empty (or blank). */
  missing: string;
  /** Called with the reason as typed, once it is not blank. */
  onSubmit: (reason: string) => void;
}

/**
 * A form dialog for an action that must say why (cancelling, a service-desk decision): the reason
 * is required, because it goes into the request's audit trail.
 */
export function ReasonDialog({ label, missing, onSubmit, children, ...dialog }: ReasonDialogProps) {
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState<string | null>(null);
  return (
    <FormDialog
      {...dialog}
      onSubmit={() => {
        if (reason.trim() === '') return setReasonError(missing);
        setReasonError(null);
        onSubmit(reason);
      }}
    >
      {children}
      <TextField
        label={label}
        value={reason}
        onChange={(e) => setReason(e.target.value)}
        error={reasonError}
        maxLength={500}
        data-autofocus
      />
    </FormDialog>
  );
}
