// What `work` threw; a test that expected a throw fails when nothing was thrown.

export function thrown(work: () => unknown): unknown {
  try {
    work();
  } catch (error) {
    return error;
  }
  throw new Error('expected the work to throw');
}

/** What `work` rejected with; a test that expected a rejection fails when it resolved. */
export async function rejected(work: () => Promise<unknown>): Promise<unknown> {
  try {
    await work();
  } catch (error) {
    return error;
  }
  throw new Error('expected the work to reject');
}
