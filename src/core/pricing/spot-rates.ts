import type { CatalogCommitment, PricingCatalog } from './catalog-schema.js';

// Spot as the lowest it could cost: each EC2 and Fargate price at the
// published ceiling of its Spot discount. Spot moves with supply and demand,
// so these rates are an assumption a card states, never a quoted price.

const FARGATE_ENTRIES = ['x86VcpuHour', 'x86GbHour', 'armVcpuHour', 'armGbHour'] as const;

export interface SpotRates extends Pick<CatalogCommitment, 'rates' | 'source' | 'asOf'> {
  /** "up to 90% off on-demand for EC2 (https://..., read 2026-12-01); up to 70% for Fargate Spot (...)" */
  ceilings: string;
}

export function spotRates(catalog: PricingCatalog): SpotRates | null {
  const { ec2, fargate } = catalog.spot ?? {};
  if (!ec2 && !fargate) return null;
  const rates: Record<string, number> = {};
  if (ec2) for (const [type, instance] of Object.entries(catalog.aws.ec2.instances)) rates[`aws.ec2.instances.${type}`] = instance.usd * (1 - ec2.discountUpTo);
  if (fargate) for (const entry of FARGATE_ENTRIES) rates[`aws.fargate.${entry}`] = catalog.aws.fargate[entry].usd * (1 - fargate.discountUpTo);
  const said = (share: number) => `up to ${Math.round(share * 100)}%`;
  const ceilings = [
    ec2 ? `${said(ec2.discountUpTo)} off on-demand for EC2 (${ec2.source}, read ${ec2.asOf})` : null,
    fargate ? `${said(fargate.discountUpTo)} for Fargate Spot (${fargate.source}, read ${fargate.asOf})` : null,
  ].filter(Boolean);
  const first = ec2 ?? fargate!;
  return { rates, source: first.source, asOf: first.asOf, ceilings: ceilings.join('; ') };
}
