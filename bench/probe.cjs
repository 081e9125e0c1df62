// Preloaded into both bots by bench/footprint.bench.ts (node --require, which unlike --import leaves a CommonJS
// entry to the CommonJS loader, as npm start runs it): on "sample" over IPC, collect garbage
// and report memory, so both are measured the same way without either knowing about the benchmark.
process.on("message", (message) => {
  if (message !== "sample") return;
  globalThis.gc?.();
  const { rss, heapUsed } = process.memoryUsage();
  process.send?.({ rss, heapUsed });
});
process.channel?.unref();
