import { useState } from 'react';
import type { Accepted } from '../api/operations';
import { navigate, requestPath } from '../router';
import { useSession } from '../session';
import { useAction } from '../ui/use-async';

/**
 * A mutation that starts a request: busy while the API accepts it, then the request's live timeline.
 * `field` is the mutation's name in the answer.
 */
export function useStartRequest(mutation: string, field: string) {
  const { call } = useSession();
  const [open, setOpen] = useState(false);
  const action = useAction(async (variables: Record<string, unknown>) => {
    const data = await call<Record<string, Accepted>>(mutation, variables);
    navigate(requestPath(data[field].id));
  });
  return {
    ...action,
    open,
    show: () => {
      action.clearError();
      setOpen(true);
    },
    hide: () => setOpen(false),
  };
}
