/** How benchmarks print: one line a figure, the target beside it, and whether it is met. */
export function report(
  label: string,
  value: number,
  unit: string,
  target?: { op: '>=' | '<='; value: number },
): void {
  const shown = value >= 100 ? Math.round(value).toLocaleString('en-US') : value.toFixed(2);
  let line = `${label.padEnd(58)} ${shown.padStart(12)} ${unit}`;
  if (target) {
    const met = target.op === '>=' ? value >= target.value : value <= target.value;
    line += `   target ${target.op} ${target.value.toLocaleString('en-US')} ${unit}  ${met ? 'OK' : 'MISSED'}`;
  }
  process.stdout.write(`${line}\n`);
}

export function percentile(samples: number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

export async function timed<T>(fn: () => Promise<T>): Promise<{ ms: number; result: T }> {
  const start = process.hrtime.bigint();
  const result = await fn();
  return { ms: Number(process.hrtime.bigint() - start) / 1e6, result };
}
