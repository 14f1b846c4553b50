// CPU time used so far by the processes whose command line contains a string, from /proc (Linux):
// what a phase of a bench cost each side, beyond its wall time.
import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";

const TICKS_PER_SECOND = 100; // USER_HZ, 100 on every Linux this runs on

/** The ids of the live processes whose command line contains `needle`. */
function pidsOf(needle) {
  return readdirSync("/proc").filter((pid) => {
    try {
      return /^\d+$/.test(pid) && readFileSync(`/proc/${pid}/cmdline`, "utf8").replaceAll("\0", " ").includes(needle);
    } catch {
      return false; // gone meanwhile
    }
  });
}

/** Seconds of CPU (user + system) of the live processes whose command line contains `needle`. */
export function cpuSecondsOf(needle) {
  let ticks = 0;
  for (const pid of pidsOf(needle)) {
    try {
      // Fields after the command name, which is in parentheses and may hold spaces: utime, stime are 14 and 15.
      const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      ticks += Number(fields[11]) + Number(fields[12]);
    } catch {} // gone meanwhile
  }
  return ticks / TICKS_PER_SECOND;
}

/** Keeps a process (all its threads, and children it starts later) on one CPU. */
export const pinProcess = (pid, cpu) => execFileSync("taskset", ["-a", "-p", "-c", String(cpu), String(pid)], { stdio: "ignore" });

/** Keeps the processes whose command line contains `needle` on one CPU, as pinProcess; returns how many. */
export function pinTo(needle, cpu) {
  const pids = pidsOf(needle);
  for (const pid of pids) pinProcess(pid, cpu);
  return pids.length;
}
