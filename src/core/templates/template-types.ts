import type { Trigger, WorkloadFacts } from '../workload.js';

// What an infrastructure template tells about a system: one component per
// function or container service, each with the facts the template states and
// nothing it does not (traffic, typical duration), so the interview asks those.

export const TEMPLATE_FORMATS = ['serverless', 'cloudformation', 'terraform'] as const;
export type TemplateFormat = (typeof TEMPLATE_FORMATS)[number];

export const FORMAT_NAMES: Record<TemplateFormat, string> = {
  serverless: 'Serverless Framework (serverless.yml)',
  cloudformation: 'AWS SAM / CloudFormation',
  terraform: 'Terraform (HCL2)',
};

/** How slow a runtime's cold start tends to be; decides whether a latency target deserves provisioned concurrency. */
export type ColdStartClass = 'fast' | 'moderate' | 'slow';

/** One trigger as the template states it, e.g. { kind: 'queue', source: 'SQS orders-queue' }. */
export interface TemplateTrigger {
  kind: Trigger;
  source: string;
}

/** Limits and hints the template states that the workload model keeps beside the facts. */
export interface TemplateLimits {
  /** Upper bound of one run: the platform stops it here. Not the typical duration. */
  timeoutS?: number;
  runtime?: string;
  coldStart?: ColdStartClass;
  packageType?: 'zip' | 'image';
  image?: string;
  layers?: number;
  reservedConcurrency?: number;
  provisionedConcurrency?: number;
  vpc?: boolean;
  /** Container side: vCPU units (1024 = one vCPU) and the task count asked for. */
  cpuUnits?: number;
  desiredCount?: number;
}

export interface TemplateComponent {
  /** The template's own name for it: function key, logical id or resource name. */
  id: string;
  kind: 'function' | 'service';
  /** Only facts the template states; description always. */
  facts: WorkloadFacts;
  limits: TemplateLimits;
  triggers: TemplateTrigger[];
  /** Values that could not be read statically, as "memorySize: ${ssm:/app/memory}". */
  unknown: string[];
}

export interface TemplateReadError {
  format: TemplateFormat | null;
  /** One sentence naming the format and, where known, the line reading stopped at. */
  message: string;
  line: number | null;
}

export type TemplateReadResult =
  /** `system`: the name the template gives the whole stack (serverless.yml's `service`), when it gives one. */
  | { ok: true; format: TemplateFormat; components: TemplateComponent[]; system: string | null }
  | { ok: false; error: TemplateReadError };

/** HCL2 text -> its JSON form; an async wasm parser in practice, so it sits behind this port. */
export type HclParser = (fileName: string, text: string) => Promise<{ ok: true; json: unknown } | { ok: false; message: string; line: number | null }>;

/** A plain object from a parsed document. */
export type Doc = Record<string, unknown>;

export function isDoc(value: unknown): value is Doc {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
