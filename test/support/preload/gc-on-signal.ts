// Loaded into a bot process under test (node --expose-gc --import): on SIGUSR2 the process collects its
// garbage and reports its resident memory, so a test compares what is retained, not what V8 has not yet
// got round to collecting.

process.on('SIGUSR2', () => {
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  gc?.();
  process.stderr.write(`${JSON.stringify({ level: 'test', event: 'test.gc', rss: process.memoryUsage().rss, heapUsed: process.memoryUsage().heapUsed })}\n`);
});
