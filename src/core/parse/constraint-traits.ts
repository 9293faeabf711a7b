import type { Runtime, WorkloadFacts } from '../workload.js';
import type { Heard } from './parse-result.js';
import { after, before, clauseBounds } from './text.js';

// Constraints named in words that decide the platform more than any figure:
// a GPU, a wish to stay portable, tiny logic at the CDN edge, a runtime that
// starts slowly on functions.

export interface ConstraintTraits {
  facts: Pick<WorkloadFacts, 'gpu' | 'gpuModel' | 'portable' | 'runtime'>;
  /** Edge words ("at the edge", Cloudflare Workers): edge for sure. */
  edgeWords: boolean;
  /** Edge-shaped tasks (redirects, headers, A/B, auth checks): edge when the work is tiny. */
  edgeTask: boolean;
  heard: Heard[];
}

const GPU =
  /\b(?:gpus?|cuda|nvidia|tensorrt|vllm|triton inference|(?:on|with|needs?|requires?|using|uses) (?:an? |one |two )?(?:nvidia )?(?:t4|a10g?|a100|h100|l4|l40s?|v100)s?)\b/;
const GPU_MODEL = /\b(t4|a10g|a10|a100|h100|l4|l40s?|v100)s?\b/;
const NO_GPU = /\b(?:no gpus?|without (?:an? )?gpus?|cpu[- ]only|(?:doesn't|does not|don't|do not|won't) need (?:an? )?gpus?|gpus? (?:is|are) not needed)\b/;

const LOCK_IN = /\b(?:(?:vendor|cloud|platform)[- ]?lock[- ]?in|lock[- ]?in|locked[- ]in)\b/;
const LOCK_IN_FINE = /\b(?:don't|do not|doesn't|does not|not) (?:care|worry|mind)\b|\b(?:fine|ok|okay|happy|comfortable) with\b|\b(?:accept|accepting)\b/;
const LOCK_IN_OK_AFTER = /^[^;.]{0,12}\b(?:is|isn't|is not) (?:fine|ok|okay|acceptable|not (?:an? )?(?:issue|concern|problem|worry))/;
const PORTABLE =
  /\b(?:portab(?:le|ility)|multi[- ]?cloud|cloud[- ](?:agnostic|neutral|independent)|(?:move|moving|migrate|migrating|switch|switching) (?:it |this |everything |later )?(?:to|off) (?:gcp|google cloud|azure|aws|another cloud|a different cloud|on[- ]?prem(?:ise)?s?|our own servers|kubernetes|k8s)|run (?:it )?anywhere|knative)\b/;
const NOT_PORTABLE_BEFORE = /\b(?:no need to be|doesn't need to be|does not need to be|not|never)\s*(?:\w+\s*)?$/;
const ALL_IN = /\ball[- ]in on (?:aws|gcp|azure)\b/;

const EDGE =
  /\b(?:at the edge|on the edge|edge (?:functions?|workers?|compute|locations?|runtime|middleware|logic|nodes?)|cloudflare(?: workers)?|workers\.dev|lambda@edge|cloudfront functions?|fastly compute|vercel edge|deno deploy|cdn (?:logic|rules?|functions?|layer))\b/;
const EDGE_TASK =
  /\b(?:redirects?|url rewrites?|rewrites? (?:urls?|paths?|requests?)|header (?:rewrites?|manipulation|injection)|(?:adds?|sets?|strips?|injects?) (?:security |cors |cache )?headers|a\/b (?:tests?|testing|splits?|bucketing)|geo[- ]?(?:ip|routing|redirects?|blocking|fencing)|bot (?:detection|protection|blocking)|jwt (?:checks?|validation|verification)|auth(?:entication|orization)? checks?|token (?:checks?|validation|verification)|feature flags?|country redirects?|locale redirects?)\b/;

const RUNTIMES: readonly [RegExp, Runtime][] = [
  [/\b(?:java|spring(?: boot)?|jvm|kotlin|scala|quarkus|micronaut|jakarta)\b/, 'java'],
  [/(?:^|[\s(,])(?:\.net|dotnet|c#|asp\.net(?: core)?|csharp|f#)(?=$|[\s),.;])/, 'dotnet'],
  [/\b(?:node(?:\.?js)?|typescript|javascript|express(?:\.js)?|nestjs|fastify|bun)\b/, 'node'],
  [/\b(?:python|django|flask|fastapi|pandas)\b/, 'python'],
  [/\b(?:golang|written in go|go (?:service|api|binary|lambda|worker|handler))\b/, 'go'],
  [/\brust\b/, 'rust'],
  [/\b(?:ruby|rails|sinatra)\b/, 'ruby'],
  [/\b(?:php|laravel|symfony)\b/, 'php'],
];
// Every runtime's words as one pattern: it matches exactly where one of them would, so one scan rules all of them out.
const ANY_RUNTIME = new RegExp(RUNTIMES.map(([words]) => `(?:${words.source})`).join('|'));
const RUNTIME_NAMES: Record<Runtime, string> = {
  java: 'Java/JVM', dotnet: '.NET', node: 'Node.js', python: 'Python', go: 'Go', rust: 'Rust', ruby: 'Ruby', php: 'PHP',
};

// Cheap checks first: most descriptions name no GPU and no lock-in.
const GPU_HINT = /gpu|cuda|nvidia|tensorrt|vllm|triton|t4|a10|a100|h100|l4|l40|v100/;
const PORTABLE_HINT = /lock|portab|cloud|move|moving|migrat|switch|anywhere|knative|all-in|all in/;

export function readConstraintTraits(text: string): ConstraintTraits {
  const facts: ConstraintTraits['facts'] = {};
  const heard: Heard[] = [];
  const bounds = clauseBounds(text);

  if (!GPU_HINT.test(text)) {
    // nothing about GPUs
  } else if (NO_GPU.test(text)) facts.gpu = false;
  else {
    const gpu = GPU.exec(text);
    if (gpu) {
      facts.gpu = true;
      const model = GPU_MODEL.exec(text)?.[1];
      if (model) facts.gpuModel = model.toUpperCase().replace(/^A10$/, 'A10G');
      heard.push({ field: 'gpu', text: `needs a GPU${facts.gpuModel ? ` (${facts.gpuModel})` : ''} (from "${gpu[0]}")` });
    }
  }

  const portable = PORTABLE_HINT.test(text) ? readPortable(text, bounds) : null;
  if (portable) {
    facts.portable = portable.value;
    heard.push({ field: 'portable', text: portable.value ? `stay portable, no vendor lock-in (from "${portable.word}")` : 'vendor lock-in accepted' });
  }

  for (const [words, runtime] of ANY_RUNTIME.test(text) ? RUNTIMES : []) {
    if (words.test(text)) {
      facts.runtime = runtime;
      heard.push({ field: 'runtime', text: RUNTIME_NAMES[runtime] });
      break;
    }
  }
  return { facts, edgeWords: EDGE.test(text), edgeTask: EDGE_TASK.test(text), heard };
}

function readPortable(text: string, bounds: readonly number[]): { value: boolean; word: string } | null {
  if (ALL_IN.test(text)) return { value: false, word: 'all-in' };
  const lock = LOCK_IN.exec(text);
  if (lock) {
    const lead = before(text, bounds, lock.index, 40);
    const fine = LOCK_IN_FINE.test(lead) || LOCK_IN_OK_AFTER.test(after(text, bounds, lock.index + lock[0].length, 40));
    // "no vendor lock-in", "avoid lock-in": they want to stay portable.
    return { value: !fine, word: lock[0] };
  }
  const portable = PORTABLE.exec(text);
  if (!portable) return null;
  return { value: !NOT_PORTABLE_BEFORE.test(before(text, bounds, portable.index, 28)), word: portable[0] };
}
