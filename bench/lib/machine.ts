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

export function loadNow(): string {
  return loadavg().map((l) => l.toFixed(2)).join(' / ');
}
