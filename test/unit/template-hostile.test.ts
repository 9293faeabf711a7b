import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_TEMPLATE_BYTES } from '../../src/core/templates/read-template.js';
import { readTemplateText } from '../helpers/template-fixtures.js';

// Files that are not templates, are broken, too large or built to hurt: one
// sentence naming the format and the line, no component, no crash, no file read.

const BOMB = [
  'service: bomb',
  'provider: { name: aws }',
  'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]',
  'b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]',
  'c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]',
  'd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]',
  'e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]',
  'f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]',
  'g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]',
  'functions: { x: { handler: h, events: *g } }',
].join('\n');

const CASES: [string, string, string, RegExp][] = [
  // name, file name, text, expected sentence
  ['a YAML syntax error', 'serverless.yml', 'service: x\nprovider:\n  name: aws\nfunctions:\n  api:\n    handler: [a, b\n  other: 1\n', /^Reading serverless\.yml as YAML stopped at line \d+: .+\.$/],
  ['broken JSON', 'Stack.template.json', '{"Resources": {"Fn": {"Type": "AWS::Lambda::Function",,}}}', /^Reading Stack\.template\.json as JSON stopped at line 1: .+\.$/],
  ['broken HCL', 'main.tf', 'resource "aws_lambda_function" "api" {\n  memory_size = \n}\n', /^Reading main\.tf as Terraform \(HCL2\) stopped at line 2: .+\.$/],
  ['an unclosed HCL block', 'main.tf', 'resource "aws_lambda_function" "api" {\n  runtime = "nodejs20.x"\n', /^Reading main\.tf as Terraform \(HCL2\) stopped at line \d+: .+\.$/],
  ['a Kubernetes manifest', 'deploy.yaml', 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n', /^deploy\.yaml is not a serverless\.yml, SAM\/CloudFormation, CDK .* or Terraform \(\.tf\) template/],
  ['a package.json', 'package.json', '{"name": "x", "version": "1.0.0"}', /is not a serverless\.yml/],
  ['a YAML list', 'list.yml', '- a\n- b\n', /is not a serverless\.yml/],
  ['plain prose', 'notes.txt', 'We run an API and a nightly export.', /is not a serverless\.yml/],
  ['an empty file', 'serverless.yml', '   \n', /^serverless\.yml is empty\.$/],
  ['a template with no functions', 'template.yaml', 'Resources:\n  Bucket:\n    Type: AWS::S3::Bucket\n', /^template\.yaml reads as AWS SAM \/ CloudFormation but defines no Lambda functions or ECS services\.$/],
  ['a binary file', 'serverless.yml', `PK\u0003\u0004\u0014\u0000\u0008\u0000${'\u0001\u0002'.repeat(50)}`, /is a binary file/],
  ['an anchor bomb', 'serverless.yml', BOMB, /^Reading serverless\.yml as YAML stopped at line \d+: its anchors and aliases expand to more than 200,000 values\.$/],
  ['a deeply nested flow sequence', 'serverless.yml', `service: x\nprovider: ${'['.repeat(5000)}${']'.repeat(5000)}\n`, /nested too deeply/],
  ['deeply nested maps', 'template.yaml', `Resources:\n${Array.from({ length: 80 }, (_, i) => `${'  '.repeat(i + 1)}k${i}:`).join('\n')} 1\n`, /^Reading template\.yaml as YAML stopped at line \d+: it is nested too deeply \(more than 64 levels\)\.$/],
  ['a deeply nested HCL expression', 'main.tf', `locals {\n  x = ${'['.repeat(100_000)}${']'.repeat(100_000)}\n}\n`, /^Reading main\.tf as Terraform \(HCL2\) stopped at line 2: it is nested too deeply \(more than 64 levels\)\.$/],
  ['deeply nested HCL blocks', 'main.tf', `${'a {\n'.repeat(70)}${'}\n'.repeat(70)}`, /^Reading main\.tf as Terraform \(HCL2\) stopped at line 65: it is nested too deeply/],
  ['a self-referencing merge key', 'serverless.yml', 'service: x\nprovider: &p\n  <<: *p\n', /^Reading serverless\.yml as YAML stopped at line \d+: .+\.$/],
  ['a file over the size limit', 'serverless.yml', `service: x\n#${'x'.repeat(MAX_TEMPLATE_BYTES)}\n`, /^serverless\.yml is 1\.0 MB; templates up to 1 MB are read\.$/],
];

describe('refused with one sentence, nothing imported', () => {
  it.each(CASES)('%s', async (_name, fileName, text, sentence) => {
    const result = await readTemplateText(fileName, text);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.message).toMatch(sentence);
    expect(result.error.message.split('\n')).toHaveLength(1);
  });
});

it('the HCL parser still answers after every hostile file above', async () => {
  const result = await readTemplateText('main.tf', 'resource "aws_lambda_function" "fn" {\n  memory_size = 256\n}\n');
  expect(result.ok && result.components.map((c) => [c.id, c.facts.memoryMb])).toEqual([['fn', 256]]);
});

describe('file references are never followed', () => {
  it.each([
    ['an !Include tag', 'template.yaml', 'Resources:\n  Fn:\n    Type: AWS::Lambda::Function\n    Properties:\n      MemorySize: !Include /etc/passwd\n      Runtime: !Include ../../secrets.yml\n'],
    ['a ${file()} variable', 'serverless.yml', 'service: x\nprovider:\n  name: aws\n  memorySize: ${file(/etc/passwd)}\nfunctions:\n  fn:\n    handler: h\n    runtime: ${file(../secrets.yml):runtime}\n'],
    ['a Terraform file() call', 'main.tf', 'resource "aws_lambda_function" "fn" {\n  memory_size = file("/etc/passwd")\n  runtime = file("../secrets")\n}\n'],
  ])('%s stays an unknown value', async (_name, fileName, text) => {
    const result = await readTemplateText(fileName, text);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const [fn] = result.components;
    expect(fn?.facts.memoryMb).toBeUndefined();
    expect(JSON.stringify(fn)).not.toContain('root:');
    expect(fn?.unknown.join(' ')).toMatch(/passwd/);
  });
});

describe('any text gets a result, never an exception', () => {
  // Pieces of real templates shuffled together: tags, anchors, variables, intrinsics, brackets.
  const piece = fc.constantFrom('service: x\n', 'provider:\n', '  memorySize: ', '${self:custom.a}', '${opt:stage}', '!Ref ', '!GetAtt A.Arn', '!Include ./x', '&a ', '*a', '<<: ', 'Resources:\n', '  Fn:\n', '    Type: AWS::Lambda::Function\n', '    Properties: {', '}', '[', ']', '- ', 'functions:\n', '  f: { events: [', '{ schedule: rate(5 minutes) }', 'cron(', ')', '"', "'", '\n', '  ', '\t', ':', '#', '%YAML 1.2\n', '---\n');
  const text = fc.oneof(fc.string({ maxLength: 300 }), fc.array(piece, { maxLength: 60 }).map((parts) => parts.join('')));
  it.each(['serverless.yml', 'template.json'])('%s', async (fileName) => {
    await fc.assert(
      fc.asyncProperty(text, async (t) => {
        const result = await readTemplateText(fileName, t);
        expect(typeof result.ok).toBe('boolean');
        if (!result.ok) expect(result.error.message).not.toMatch(/\n|undefined|\[object Object\]/);
      }),
    );
  });
});
