/** Does nothing: what is left of a request's cost once the systems and the inventory are taken away. */
export async function noop(step: number): Promise<number> {
  return Promise.resolve(step);
}
