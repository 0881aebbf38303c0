// Types of stress.mjs for the tests that run a small stress.
export declare function runStress(options?: { workers?: number; tickets?: number; kill?: number; db?: string; seed?: number }): Promise<{
  database: string;
  workers: number;
  tickets: number;
  expected_tickets: number;
  unique_numbers: number;
  incomplete: { number: string; status: string; events: string[] }[];
  failures: { args: string[]; code: number; stderr: string }[];
  locked_errors: number;
  integrity: string;
  operations: number;
  killed: number;
  seconds: number;
  operations_per_second: number;
}>;
