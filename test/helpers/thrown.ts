// What `work` threw; a test that expected a throw fails when nothing was thrown.

export function thrown(work: () => unknown): unknown {
  try {
    work();
  } catch (error) {
    return error;
  }
  throw new Error('expected the work to throw');
}
