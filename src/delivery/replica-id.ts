import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';

// Names this process among the replicas sharing one database as
// host:pid:random. The host and process id tell an operator which process
// holds an inbox entry, and let a process restarted on the same host see that
// the holder before it is gone (its pid no longer runs) and take its work back
// at once instead of waiting for the leases to lapse. The random part keeps a
// later process that happens to get the same pid from passing for the old one.

export function replicaId(host: string = hostname(), pid: number = process.pid, random: () => string = randomUUID): string {
  return `${host}:${pid}:${random().slice(0, 8)}`;
}

/** True when `pid` names a running process (one of another user's counts as running). */
export function processRuns(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * True when `holder` ran on the same host as `me` and its process is gone.
 * Another host's holder is never judged (its processes cannot be seen from here);
 * its leases lapse instead.
 */
export function diedOnThisHost(holder: string, me: string, runs: (pid: number) => boolean = processRuns): boolean {
  const theirs = /^(.*):(\d+):([^:]+)$/.exec(holder);
  const mine = /^(.*):(\d+):([^:]+)$/.exec(me);
  if (!theirs || !mine || holder === me || theirs[1] !== mine[1]) return false;
  const pid = Number(theirs[2]);
  // Our own pid under another name: a predecessor in the same pid namespace (a restarted container) is gone.
  if (pid === Number(mine[2])) return true;
  return !runs(pid);
}
