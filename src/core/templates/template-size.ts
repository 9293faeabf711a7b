// How large a template may be, apart from the readers: a chat upload is
// refused by its size before anything (a YAML parser among it) loads to read it.

/** Larger than any hand-written template and than most synthesized ones; a chat upload or a CI file over it is refused. */
export const MAX_TEMPLATE_BYTES = 1_000_000;

export function tooLargeMessage(fileName: string, bytes: number): string {
  return `${fileName} is ${(bytes / 1e6).toFixed(1)} MB; templates up to ${MAX_TEMPLATE_BYTES / 1e6} MB are read.`;
}
