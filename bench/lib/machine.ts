import { cpus, totalmem, loadavg, release } from 'node:os';

/** What the figures were measured on; load average shows whether other work shared the CPU. */
export function machineInfo(): Record<string, string> {
  const cpu = cpus();
  return {
    CPU: cpu[0]?.model.trim() ?? 'unknown',
    Cores: String(cpu.length),
    RAM: `${(totalmem() / 2 ** 30).toFixed(1)} GiB`,
    Node: process.version,
    OS: `${process.platform} ${release()}`,
    Date: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
    'Load average (1/5/15 min, at start)': loadavg().map((l) => l.toFixed(2)).join(' / '),
  };
}

/**
 * What first touching fresh memory costs here, per MB (one write per 4 KB page of a new 64 MB buffer, best of 3):
 * on some virtual machines every new page is a fault the host serves, and allocation-heavy code pays it.
 */
export function freshMemoryCost(): string {
  let best = Infinity;
  for (let r = 0; r < 3; r++) {
    const bytes = new Uint8Array(new ArrayBuffer(64 * 1024 * 1024));
    const t = performance.now();
    for (let i = 0; i < bytes.length; i += 4096) bytes[i] = 1;
    best = Math.min(best, performance.now() - t);
  }
  return `${(best / 64).toFixed(2)} ms per MB first touched`;
}

export function loadNow(): string {
  return loadavg().map((l) => l.toFixed(2)).join(' / ');
}
