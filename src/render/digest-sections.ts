import type { Digest } from '../core/digest/digest-types.js';
import { formatCountRounded, formatUsdRounded } from '../core/format.js';
import type { ChangeKind } from '../core/review/review-types.js';
import { describeRepriced } from './repriced-lines.js';

// The digest as platform-neutral sections of short lines, each line with an
// optional link. Text, Slack and Discord renderers only choose the markup.

export interface DigestLine {
  text: string;
  link?: string | null;
}

export interface DigestSection {
  heading: string;
  lines: DigestLine[];
}

export interface DigestOutline {
  title: string;
  /** Lines shown before the sections (late note, quiet week, warning). */
  notes: DigestLine[];
  sections: DigestSection[];
  footer: string;
}

const MAX_DESCRIPTION = 90;

export function digestTitle(digest: Digest): string {
  return `Weekly cost digest: ${digest.label}`;
}

export function outlineDigest(digest: Digest): DigestOutline {
  const f = digest.figures;
  const notes: DigestLine[] = [];
  if (digest.late) {
    notes.push({ text: `Sent late: it was due ${digest.late.scheduledAt.slice(0, 16).replace('T', ' ')} UTC while I was offline.` });
  }
  if (digest.catalog.stale) {
    notes.push({ text: `Warning: the pricing catalog (${digest.catalog.version}, as of ${digest.catalog.asOf}) is out of date, so these costs may be off. Update data/pricing/catalog.json.` });
  }
  const footer = `Past 7 days (${digest.window.since.slice(0, 10)} to ${digest.window.until.slice(0, 16).replace('T', ' ')} UTC) · pricing ${digest.catalog.version}`;
  if (digest.quiet) {
    const before = digest.previous.assessments > 0 ? ` (${formatCountRounded(digest.previous.assessments)} the week before)` : '';
    notes.push({ text: `A quiet week: no assessments${before}.` });
    return { title: digestTitle(digest), notes, sections: digest.repriced ? [repricedSection(digest, digest.repriced)] : [], footer };
  }

  const sections: DigestSection[] = [];
  if (f.assessments > 0 || digest.previous.assessments > 0) sections.push(...assessmentSections(digest));
  if (digest.repriced) sections.push(repricedSection(digest, digest.repriced));
  if (digest.top.length > 0) {
    sections.push({
      heading: 'Most expensive workloads',
      lines: digest.top.map(({ item, link }, i) => ({
        text: `${i + 1}. ${item.monthlyUsd === null ? 'n/a' : `${formatUsdRounded(item.monthlyUsd)}/month`} · ${item.recommended} (${item.verdict}) · ${shorten(item.description)}`,
        link,
      })),
    });
  }
  if (f.flipCount > 0) {
    const lines: DigestLine[] = digest.flips.map(({ item, link }) => ({ text: `${item.from} -> ${item.to} · ${shorten(item.description)}`, link }));
    if (f.flipCount > digest.flips.length) lines.push({ text: `and ${formatCountRounded(f.flipCount - digest.flips.length)} more` });
    sections.push({ heading: 'Verdicts that flipped on re-assessment', lines });
  }
  if (f.reviews.active > 0) sections.push(reviewSection(digest));
  return { title: digestTitle(digest), notes, sections, footer };
}

function assessmentSections(digest: Digest): DigestSection[] {
  const f = digest.figures;
  const sections: DigestSection[] = [];
  sections.push({
    heading: 'Assessments',
    lines: [
      { text: `${formatCountRounded(f.assessments)} ${plural(f.assessments, 'assessment')} of ${formatCountRounded(f.workloads)} ${plural(f.workloads, 'workload')}: fit ${f.byVerdict.fit} · marginal ${f.byVerdict.marginal} · avoid ${f.byVerdict.avoid}` },
      { text: `Since last week: ${signedInt(digest.change.assessments)} ${plural(Math.abs(digest.change.assessments), 'assessment')}` },
    ],
  });
  const costLines: DigestLine[] = [
    { text: `Recommended options: ${formatUsdRounded(f.recommendedMonthlyUsd)}/month (${signedUsd(digest.change.recommendedMonthlyUsd)} since last week)` },
  ];
  if (f.alternativeMonthlyUsd > 0) {
    costLines.push({
      text:
        f.savingMonthlyUsd >= 0
          ? `Saving against the alternatives: ${formatUsdRounded(f.savingMonthlyUsd)}/month`
          : `The recommendations cost ${formatUsdRounded(-f.savingMonthlyUsd)}/month more than the cheapest alternatives (chosen for fit, not price)`,
    });
  }
  for (const p of f.byPlatform) {
    // A recommendation without a price (the platform could not run it as described) sums to 0.
    const cost = p.monthlyUsd > 0 ? `${formatUsdRounded(p.monthlyUsd)}/month` : 'no price';
    costLines.push({ text: `${p.platform}: ${cost}, ${formatCountRounded(p.workloads)} ${plural(p.workloads, 'workload')}` });
  }
  sections.push({ heading: 'Monthly cost', lines: costLines });
  return sections;
}

/** "At today's prices, N past decisions would change", then the newest of them, each linked to its thread. */
function repricedSection(digest: Digest, repriced: NonNullable<Digest['repriced']>): DigestSection {
  const lines: DigestLine[] = [
    { text: `At today's prices, ${formatCountRounded(repriced.count)} past ${plural(repriced.count, 'decision')} would change (catalog ${digest.catalog.version}):` },
    ...repriced.decisions.map(({ item, link }) => ({ text: `${describeRepriced(item)} · ${shorten(item.decision.description, 60)}`, link })),
  ];
  if (repriced.count > repriced.decisions.length) lines.push({ text: `and ${formatCountRounded(repriced.count - repriced.decisions.length)} more (serverless-fit reprice lists them all)` });
  return { heading: 'Past decisions at today\'s prices', lines };
}

function reviewSection(digest: Digest): DigestSection {
  const r = digest.figures.reviews;
  const lines: DigestLine[] = [
    {
      text: `${formatCountRounded(r.active)} ${plural(r.active, 'review')} changed: ${formatCountRounded(r.opened)} opened · ${formatCountRounded(r.closed)} closed · ${formatCountRounded(r.changes)} ${plural(r.changes, 'change')}`,
    },
    ...digest.reviews.map(({ item, link }) => ({
      text: `${shorten(item.name, 60)} (${item.status}): ${formatCountRounded(item.components)} ${plural(item.components, 'component')}, ${formatCountRounded(item.assessed)} assessed · plan ${formatUsdRounded(item.planMonthlyUsd)}/month · this week: ${describeChanges(item.changeKinds)}`,
      link,
    })),
  ];
  if (r.active > digest.reviews.length) lines.push({ text: `and ${formatCountRounded(r.active - digest.reviews.length)} more` });
  return { heading: 'Design reviews', lines };
}

const CHANGE_WORDS: Record<ChangeKind, [one: string, many: string]> = {
  open: ['opened', 'opened'],
  add: ['added', 'added'],
  answer: ['answer', 'answers'],
  change: ['change', 'changes'],
  remove: ['removed', 'removed'],
  'what-if': ['what-if', 'what-ifs'],
  close: ['closed', 'closed'],
  reopen: ['reopened', 'reopened'],
};

/** "opened · 2 added · 1 answer": what happened to one review in the week, in the trail's order of kinds. */
function describeChanges(kinds: Partial<Record<ChangeKind, number>>): string {
  return (Object.keys(CHANGE_WORDS) as ChangeKind[])
    .filter((kind) => kinds[kind])
    .map((kind) => {
      const n = kinds[kind]!;
      const [one, many] = CHANGE_WORDS[kind];
      if (kind === 'open' || kind === 'close' || kind === 'reopen') return n === 1 ? one : `${one} ${formatCountRounded(n)} times`;
      return `${formatCountRounded(n)} ${n === 1 ? one : many}`;
    })
    .join(' · ');
}

export function shorten(text: string, max = MAX_DESCRIPTION): string {
  const t = text.replace(/\s+/g, ' ').trim() || '(no description)';
  return t.length <= max ? t : `${t.slice(0, max - 1)}…`;
}

function plural(n: number, word: string): string {
  return n === 1 ? word : `${word}s`;
}

function signedInt(n: number): string {
  return n > 0 ? `+${formatCountRounded(n)}` : n < 0 ? `-${formatCountRounded(-n)}` : '±0';
}

function signedUsd(n: number): string {
  return n > 0 ? `+${formatUsdRounded(n)}` : n < 0 ? `-${formatUsdRounded(-n)}` : '±$0.00';
}
