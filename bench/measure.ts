/** Runs `fn` repeatedly and returns the median and best time of one call, in milliseconds. */
export function measure(fn: () => void, { warmup = 3, runs = 15 } = {}): { medianMs: number; minMs: number } {
  for (let i = 0; i < warmup; i++) fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = process.hrtime.bigint();
    fn();
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  times.sort((a, b) => a - b);
  return { medianMs: times[Math.floor(times.length / 2)]!, minMs: times[0]! };
}
