import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";

/**
 * CPU time and memory of processes on this machine, from /proc (Linux).
 * CPU times are in milliseconds.
 */

const TICKS_PER_SECOND = (() => {
  try {
    return Number(execFileSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).trim()) || 100;
  } catch {
    return 100;
  }
})();

interface Stat {
  pid: number;
  comm: string;
  ppid: number;
  /** utime + stime, ms. */
  cpu: number;
  /** cutime + cstime (children that exited and were waited for), ms. */
  childrenCpu: number;
}

/** /proc/<pid>/stat, or null when the process is gone. */
function stat(pid: number): Stat | null {
  let text: string;
  try {
    text = readFileSync(`/proc/${pid}/stat`, "utf8");
  } catch {
    return null;
  }
  // comm is in parentheses and may contain spaces; the fields after it are space-separated.
  const close = text.lastIndexOf(")");
  const fields = text.slice(close + 2).split(" ");
  const ticks = (i: number) => Number(fields[i]);
  return {
    pid,
    comm: text.slice(text.indexOf("(") + 1, close),
    ppid: ticks(1),
    cpu: ((ticks(11) + ticks(12)) * 1000) / TICKS_PER_SECOND,
    childrenCpu: ((ticks(13) + ticks(14)) * 1000) / TICKS_PER_SECOND,
  };
}

function allStats(): Stat[] {
  return readdirSync("/proc")
    .filter((name) => /^\d+$/.test(name))
    .map((name) => stat(Number(name)))
    .filter((s): s is Stat => s !== null);
}

/** A process and all its descendants (a server may run its work in child processes). */
function tree(pid: number): Stat[] {
  const stats = allStats();
  const found = stats.filter((s) => s.pid === pid);
  for (let i = 0; i < found.length; i++) found.push(...stats.filter((s) => s.ppid === found[i]!.pid));
  return found;
}

/** CPU time used so far by a server process and its descendants, ms. */
export function serverCpu(pid: number): number {
  return tree(pid).reduce((sum, s) => sum + s.cpu + s.childrenCpu, 0);
}

/** Resident memory of a process and its descendants (VmRSS), bytes. */
export function residentMemory(pid: number): number {
  return tree(pid).reduce((sum, s) => {
    try {
      const kb = /^VmRSS:\s+(\d+) kB/m.exec(readFileSync(`/proc/${s.pid}/status`, "utf8"))?.[1];
      return sum + Number(kb ?? 0) * 1024;
    } catch {
      return sum;
    }
  }, 0);
}

/** The postmaster that runs a backend: its parent process. */
export function postmasterOf(backendPid: number): number {
  const backend = stat(backendPid);
  if (!backend) throw new Error(`No process ${backendPid}: is PostgreSQL on another machine?`);
  return backend.ppid;
}

/**
 * CPU time used so far by a PostgreSQL server, ms: every process named
 * `postgres` under its postmaster (backends, background workers) and the
 * postmaster itself, plus what its exited backends used (the postmaster's
 * cutime + cstime).
 */
export function postgresCpu(postmasterPid: number): number {
  return tree(postmasterPid)
    .filter((s) => s.comm === "postgres" || s.pid === postmasterPid)
    .reduce((sum, s) => sum + s.cpu + (s.pid === postmasterPid ? s.childrenCpu : 0), 0);
}
