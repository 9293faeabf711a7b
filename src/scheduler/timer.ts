// The scheduler's one way to wait, injected so tests move time themselves.

export interface Timer {
  set(callback: () => void, delayMs: number): unknown;
  clear(handle: unknown): void;
}

export const systemTimer: Timer = {
  set(callback, delayMs) {
    const handle = setTimeout(callback, delayMs);
    // A pending digest must not keep a finished process (CLI, tests) alive.
    handle.unref();
    return handle;
  },
  clear(handle) {
    clearTimeout(handle as ReturnType<typeof setTimeout>);
  },
};
