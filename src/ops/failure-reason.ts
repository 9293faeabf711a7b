// Why a request failed, in a word an operator can search for: the network
// error's code (ECONNREFUSED, ENOTFOUND) when there is one, else its message.

export function reasonOf(error: unknown): string {
  if (error instanceof Error) {
    const cause = (error as { cause?: { code?: string } }).cause;
    return cause?.code ?? error.message;
  }
  return String(error);
}
