import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readTemplate } from '../src/core/templates/read-template.js';
import { parseHcl } from '../src/templates/parse-hcl.js';

// Reading a template, per format, against a bare JSON.parse of the same
// system's CDK template measured in the same run. The HCL parser is wasm:
// its first call (loading the module) is reported apart from the steady state.

const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), '../test/fixtures/templates/shop');
const FILES = { serverless: 'serverless.yml', sam: 'template.yaml', cdk: 'cdk.out/ShopStack.template.json', terraform: 'main.tf' } as const;

async function msPer(work: () => unknown, minMs = 1000): Promise<number> {
  // Warm up first: the first reads compile the parser.
  for (let i = 0; i < 20; i++) await work();
  let runs = 0;
  const start = performance.now();
  while (performance.now() - start < minMs) {
    await work();
    runs++;
  }
  return (performance.now() - start) / runs;
}

export async function benchTemplates() {
  const texts = Object.fromEntries(Object.entries(FILES).map(([k, f]) => [k, readFileSync(join(FIXTURES, f), 'utf8')])) as Record<keyof typeof FILES, string>;
  const firstStart = performance.now();
  await parseHcl('main.tf', texts.terraform);
  const hclFirstMs = Math.round(performance.now() - firstStart);
  const bareMs = await msPer(() => JSON.parse(texts.cdk));
  const perFormat: Record<string, { msPerRead: number; ratioToJsonParse: number }> = {};
  for (const [format, file] of Object.entries(FILES)) {
    const text = texts[format as keyof typeof FILES];
    const ms = await msPer(() => readTemplate({ fileName: file.split('/').pop() ?? file, text }, parseHcl));
    perFormat[format] = { msPerRead: Math.round(ms * 1000) / 1000, ratioToJsonParse: Math.round(ms / bareMs) };
  }
  return { hclFirstParseMs: hclFirstMs, jsonParseMs: Math.round(bareMs * 10000) / 10000, perFormat };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const r = await benchTemplates();
  console.log(`template reads (shop system, 4 components), bare JSON.parse of the CDK template ${r.jsonParseMs} ms:`);
  for (const [format, f] of Object.entries(r.perFormat)) console.log(`  ${format}: ${f.msPerRead} ms per read (${f.ratioToJsonParse}x JSON.parse)`);
  console.log(`  first Terraform parse in a process (loads the wasm HCL parser): ${r.hclFirstParseMs} ms`);
}
