/**
 * What the load scripts read about a server process from Linux's `/proc`:
 * resident memory, the part of it that is mapped files, CPU time and open
 * file descriptors. Unrounded; each script rounds for its own report.
 */

/** Resident set size (`VmRSS`), MB. */
export function rssMb(pid: number): number {
  const status = Deno.readTextFileSync(`/proc/${pid}/status`);
  return Number(/VmRSS:\s+(\d+)/.exec(status)![1]) / 1024;
}

/** Resident pages of mapped files (the Deno binary's code and data, shared libraries), MB. */
export function fileBackedMb(pid: number): number {
  const rollup = Deno.readTextFileSync(`/proc/${pid}/smaps_rollup`);
  const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+)`, "m").exec(rollup)![1]);
  return (kb("Rss") - kb("Anonymous")) / 1024;
}

/** User + system CPU time of a process, all threads, in ms (clock ticks of 10 ms). */
export function cpuMs(pid: number): number {
  const fields = Deno.readTextFileSync(`/proc/${pid}/stat`).split(") ")[1]!.split(" ");
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

/** Open file descriptors (sockets, files, pipes). */
export function openFds(pid: number): number {
  return [...Deno.readDirSync(`/proc/${pid}/fd`)].length;
}
