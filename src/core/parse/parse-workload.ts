// Public face of the free-text parser. Everything else in src/core/parse is
// an implementation detail; import from here.

export type { Heard, ParseResult } from './parse-result.js';
export { formatHeard } from './parse-result.js';
export { parseWorkload, INTERNAL_ERROR } from './parse-text.js';
export { parseAnswer } from './parse-answer.js';
export { parseWhatIf, type WhatIf } from './what-if.js';
