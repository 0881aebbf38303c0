// What the store counts of returns and extensions (issue 19) for a period, beside MonthFacts.

export interface ExtensionFacts {
  /** Extension requests, approvals and rejections made in the period. */
  requested: number;
  approved: number;
  rejected: number;
  /**
   * Resolution deadlines settled in the period that an approved extension had moved: resolved by
   * the original deadline anyway, resolved after it but by the extended one, or missed.
   */
  resolved_within_original: number;
  resolved_within_extended: number;
  missed_extended: number;
}

export interface CaseFacts {
  /** Returns made in the period, by the team that sent the ticket back. */
  returns: Record<string, number>;
  extensions: ExtensionFacts;
}

/** For `desk rules test`: tickets a dispatch rule sent to a team, and those of them the team returned. */
export interface RuleReturns {
  rule: string;
  dispatched: number;
  returned: number;
}
