import { useState } from 'react';
import { graphql, type Document } from '../api/client';
import { navigate, requestPath } from '../router';
import { useSession } from '../session';
import { useAction } from '../ui/use-async';

/**
 * A mutation that starts a request: busy while the API accepts it, then the request's live timeline.
 * `field` is the mutation's name in the answer, where the new request's id is.
 */
export function useStartRequest<T extends Record<F, { id: string }>, V, F extends keyof T & string>(
  mutation: Document<T, V>,
  field: F,
) {
  const { identity } = useSession();
  const [open, setOpen] = useState(false);
  const action = useAction(async (variables: V) => {
    const data = await graphql(mutation, variables, identity);
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
