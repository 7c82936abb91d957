import type { Extraction } from '../extract/index.js';

export interface RoleScore {
  readonly id: string;
  /** Calibrated to [0, 1]; the scores of all roles sum to 1. */
  readonly score: number;
}

/** One piece of evidence behind a role's score. */
export interface Reason {
  readonly kind: 'title' | 'skill' | 'phrase';
  readonly text: string;
  readonly role: string;
  readonly weight: number;
}

export interface Classification {
  readonly role: {
    readonly id: string;
    readonly name: string;
    readonly family: string;
    readonly score: number;
  };
  /** Every role, highest score first. */
  readonly roles: readonly RoleScore[];
  readonly reasons: readonly Reason[];
}

/** What extract + classify return for one posting (design.md, "Enrichment"). */
export type Enrichment = Classification & Extraction;
