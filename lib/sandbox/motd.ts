// What sshd prints at an interactive login on an Ubuntu 24.04 server: pam_motd's output of
// /etc/update-motd.d/00-header and 10-help-text, then sshd's "Last login" line (session.c
// do_login → PrintLastLog), which appears from the second login on.

export interface MotdInput {
  /** lsb_release's DISTRIB_DESCRIPTION. */
  osDescription: string;
  /** uname -r and uname -m as seen inside the node (the host kernel: nodes share it). */
  kernelRelease: string;
  machine: string;
  lastLogin?: { at: Date; from: string };
}

export function motd(input: MotdInput): string {
  const lines = [
    `Welcome to ${input.osDescription} (GNU/Linux ${input.kernelRelease} ${input.machine})`,
    "",
    " * Documentation:  https://help.ubuntu.com",
    " * Management:     https://landscape.canonical.com",
    " * Support:        https://ubuntu.com/pro",
    "",
  ];
  if (input.lastLogin) lines.push(`Last login: ${ctime(input.lastLogin.at)} from ${input.lastLogin.from}`);
  return lines.join("\n") + "\n";
}

const DAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** strftime "%a %b %e %H:%M:%S %Y" in UTC (the nodes' /etc/localtime is UTC). */
export function ctime(d: Date): string {
  const p2 = (n: number) => String(n).padStart(2, "0");
  return `${DAYS[d.getUTCDay()]} ${MONTHS[d.getUTCMonth()]} ${String(d.getUTCDate()).padStart(2, " ")} ${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())} ${d.getUTCFullYear()}`;
}
