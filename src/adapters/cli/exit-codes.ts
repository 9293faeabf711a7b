// The process exit codes of every command, in one place so the README, the
// help text and the tests agree. Scripts branch on them, so they never change.

export const EXIT_CODES = {
  /** Done: the result is printed. */
  ok: 0,
  /** The command ran and failed: a problem found (doctor), an id that does not exist, a file that could not be written. */
  failed: 1,
  /** Not run as asked: an unknown command or option, a missing argument, refused input, or a configuration, catalog or database problem. */
  usage: 2,
  /** `assess` could not finish without answers: the open questions are printed (JSON status "needs_input"). */
  needsInput: 3,
} as const;

export type ExitCode = (typeof EXIT_CODES)[keyof typeof EXIT_CODES];

/** The lines the help text and the README print. */
export const EXIT_CODE_LINES = [
  '0  done',
  '1  failed: a problem found, an unknown id, or a file that could not be written',
  '2  usage or configuration error (one line on stderr says which)',
  '3  assess needs input: the open questions are printed',
] as const;
