/** The task queue every request workflow and its activities run on, unless configured otherwise. */
export const DEFAULT_TASK_QUEUE = 'switchboard';
