// How the benchmarks time a command: wall time, CPU time and peak memory of one run under
// /usr/bin/time, and the median of several runs after one that warms the caches.
import { spawn } from 'node:child_process';

/** The middle value of a list (the upper one of an even list). */
export const median = (list) => [...list].sort((a, b) => a - b)[Math.floor(list.length / 2)];

/** The value below which `p` percent of the list lies (nearest rank). */
export function percentile(list, p) {
  const sorted = [...list].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

/** Runs a command once: its exit code, wall seconds, CPU seconds (user and system), peak memory in MB and output. */
export function timed(command, args, env) {
  return new Promise((resolve) => {
    const started = process.hrtime.bigint();
    const child = spawn('/usr/bin/time', ['-f', 'peak-kb %M cpu-s %U %S', command, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    let stdout = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (code) => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      const cpu = /cpu-s ([\d.]+) ([\d.]+)/.exec(stderr);
      resolve({ code, seconds, cpuSeconds: cpu ? Number(cpu[1]) + Number(cpu[2]) : null, peakMb: Number(/peak-kb (\d+)/.exec(stderr)?.[1] ?? 0) / 1024, stdout, stderr });
    });
  });
}

/**
 * `times` runs of a command after one unmeasured run (the first fills the page cache and desk's
 * settings cache): the median, fastest and slowest wall time, and the peak memory. A run that
 * fails stops the benchmark.
 */
export async function repeat(command, args, { times, env }) {
  await timed(command, args, env);
  const results = [];
  for (let i = 0; i < times; i++) {
    const r = await timed(command, args, env);
    if (r.code !== 0) throw new Error(`${command} ${args.join(' ')} exited ${r.code}: ${r.stderr.slice(0, 400)}`);
    results.push(r);
  }
  const seconds = results.map((r) => r.seconds).sort((a, b) => a - b);
  return { median: median(seconds), min: seconds[0], max: seconds.at(-1), peakMb: Math.max(...results.map((r) => r.peakMb)) };
}
