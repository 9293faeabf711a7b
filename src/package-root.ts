import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

// The folder holding package.json and data/. This file sits directly in src/
// and, once bundled, in a file directly in dist/ (scripts/build.js keeps every
// output there), so the root is one level up either way.

export const PACKAGE_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
