import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { readTemplate } from '../../src/core/templates/read-template.js';
import type { TemplateReadResult } from '../../src/core/templates/template-types.js';
import { parseHcl } from '../../src/templates/parse-hcl.js';

// Reads a fixture from test/fixtures/templates the way the CLI does (text in, components out).

export const TEMPLATE_FIXTURES = resolve(import.meta.dirname, '../fixtures/templates');

export function fixturePath(name: string): string {
  return resolve(TEMPLATE_FIXTURES, name);
}

export function readFixture(name: string): Promise<TemplateReadResult> {
  return readTemplateText(name.split('/').pop() ?? name, readFileSync(fixturePath(name), 'utf8'));
}

export function readTemplateText(fileName: string, text: string): Promise<TemplateReadResult> {
  return readTemplate({ fileName, text }, parseHcl);
}

export async function componentsOf(name: string) {
  const result = await readFixture(name);
  if (!result.ok) throw new Error(result.error.message);
  return result.components;
}
