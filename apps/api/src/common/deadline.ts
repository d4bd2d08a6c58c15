/**
 * `work`, or a rejection with `timedOut()` once `ms` have passed. The work itself is not cancelled:
 * this bounds how long a caller waits (for a Redis that hangs, say), not the command.
 */
export async function withDeadline<T>(work: Promise<T>, ms: number, timedOut: () => Error = () => new Error(`no answer within ${ms} ms`)): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      work,
      new Promise<never>((_, fail) => {
        timer = setTimeout(() => fail(timedOut()), ms);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}
