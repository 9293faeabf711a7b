// A start-up failure the operator can fix (a refused token, an unreachable
// API, a port in use): its message is one line that names the variable to
// check. serve prints it as it is, without a stack, and exits non-zero.

export class StartupError extends Error {
  override readonly name = 'StartupError';
}

/** The one line for a listening port that is taken. */
export function portInUse(port: number, what: string): StartupError {
  return new StartupError(`PORT ${port} is already in use by another process, so ${what} cannot listen on it. Stop that process or set PORT to a free port.`);
}

/** True for Node's "address already in use" error from listen(). */
export function isPortInUse(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 'EADDRINUSE';
}
