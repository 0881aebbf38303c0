// Types of stress.mjs for the tests that run a small stress.
export interface StressResult {
  database: string;
  workers: number;
  /** Tickets created by the workers (walked through the whole lifecycle), and how many there should be. */
  tickets: number;
  expected_tickets: number;
  /** Tickets imported from the small files, and how many rows the files hold. */
  imported: number;
  expected_imported: number;
  import_files: number;
  /** Tickets that are neither created nor imported by the run. */
  strays: number;
  total_tickets: number;
  unique_numbers: number;
  rows_lost: number;
  incomplete: { number: string; status: string; events: string[] }[];
  import_missing: string[];
  import_broken: { external_id: string; number: string; wrong: string[] }[];
  import_problems: string[];
  failures: { args: string[]; code: number; stderr: string }[];
  locked_errors: number;
  integrity: string;
  operations: number;
  killed: number;
  imports_killed: number;
  partial_imports_after_kill: number;
  seconds: number;
  operations_per_second: number;
}
export declare function runStress(options?: { workers?: number; tickets?: number; imports?: number; kill?: number; db?: string; seed?: number }): Promise<StressResult>;
export declare function stressHeld(result: StressResult): boolean;
