/** The machine a run was measured on: CPU, cores, Node, load average, date, pinning. */
import os from 'node:os';

export function machine(pinned) {
  const cpus = os.cpus();
  return {
    cpu: cpus[0]?.model?.trim() ?? 'unknown',
    cores: cpus.length,
    node: process.version,
    platform: `${process.platform}/${process.arch}`,
    loadAverage: os.loadavg().map((l) => Math.round(l * 100) / 100),
    date: new Date().toISOString(),
    pinned: pinned ?? 'not pinned (taskset unavailable)',
  };
}

export const machineLine = (m) => `${m.cpu}, ${m.cores} cores, Node ${m.node} (${m.platform}), load average ${m.loadAverage.join(' / ')}, ${m.date}, ${m.pinned}`;
