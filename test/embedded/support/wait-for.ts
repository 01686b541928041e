/**
 * Reads until `done` holds, every 300 ms, for at most 90 s (the started product answers over HTTP,
 * so there is no event to await); the error says what was awaited and the last value read.
 */
export async function waitFor<T>(
  what: string,
  read: () => Promise<T>,
  done: (value: T) => boolean,
): Promise<T> {
  const deadline = Date.now() + 90_000;
  let last: T = await read();
  while (!done(last)) {
    if (Date.now() > deadline) throw new Error(`${what}: still ${JSON.stringify(last)}`);
    await new Promise((r) => setTimeout(r, 300));
    last = await read();
  }
  return last;
}
