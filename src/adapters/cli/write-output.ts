import { writeFileSync } from 'node:fs';
import { EXIT_CODES, type ExitCode } from './exit-codes.js';

// Writes a file a command was asked to produce (--chart, --out) and turns the
// usual failures into a reason a person can act on, instead of a stack trace.

export type WriteOutcome = { ok: true } | { ok: false; reason: string };

const REASONS: Record<string, string> = {
  ENOENT: 'its folder does not exist',
  ENOTDIR: 'a part of the path is a file, not a folder',
  EISDIR: 'it is a folder',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EROFS: 'the file system is read-only',
  ENOSPC: 'the disk is full',
  EDQUOT: 'the disk quota is used up',
  ENAMETOOLONG: 'the name is too long',
};

export function writeOutput(path: string, data: string | Buffer): WriteOutcome {
  try {
    writeFileSync(path, data);
    return { ok: true };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? '';
    return { ok: false, reason: REASONS[code] ?? (error instanceof Error ? error.message : String(error)) };
  }
}

/** `--out file` or stdout: the document goes to the file when one is named, with a line saying so. */
export function deliverDocument(io: { out: NodeJS.WritableStream; err: NodeJS.WritableStream }, path: string | null, text: string, what: string): ExitCode {
  if (!path) {
    io.out.write(text);
    return EXIT_CODES.ok;
  }
  const written = writeOutput(path, text);
  if (!written.ok) {
    io.err.write(`Could not write ${path}: ${written.reason}.\n`);
    return EXIT_CODES.failed;
  }
  io.out.write(`Wrote ${what} to ${path}\n`);
  return EXIT_CODES.ok;
}
