// Unit files of packages whose files live in the host's /usr in a node sandbox, and the other
// services an Ubuntu 24.04 server runs, for list-units. A file in the node's tree always wins.

/** containerd's own containerd.service (containerd v1.7 repository), as the containerd.io deb ships it. */
export const CONTAINERD_SERVICE = `# Copyright The containerd Authors.
#
# Licensed under the Apache License, Version 2.0 (the "License");
# you may not use this file except in compliance with the License.
# You may obtain a copy of the License at
#
#     http://www.apache.org/licenses/LICENSE-2.0
#
# Unless required by applicable law or agreed to in writing, software
# distributed under the License is distributed on an "AS IS" BASIS,
# WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
# See the License for the specific language governing permissions and
# limitations under the License.

[Unit]
Description=containerd container runtime
Documentation=https://containerd.io
After=network.target local-fs.target

[Service]
ExecStartPre=-/sbin/modprobe overlay
ExecStart=/usr/bin/containerd

Type=notify
Delegate=yes
KillMode=process
Restart=always
RestartSec=5

# Having non-zero Limit*s causes performance problems due to accounting overhead
# in the kernel. We recommend using cgroups to do container-local accounting.
LimitNPROC=infinity
LimitCORE=infinity

# Comment TasksMax if your systemd version does not supports it.
# Only systemd 226 and above support this version.
TasksMax=infinity
OOMScoreAdjust=-999

[Install]
WantedBy=multi-user.target
`;

/** openssh-server 1:9.6p1-3ubuntu13 ssh.service. */
export const SSH_SERVICE = `[Unit]
Description=OpenBSD Secure Shell server
Documentation=man:sshd(8) man:sshd_config(5)
After=network.target auditd.service
ConditionPathExists=!/etc/ssh/sshd_not_to_be_run

[Service]
EnvironmentFile=-/etc/default/ssh
ExecStartPre=/usr/sbin/sshd -t
ExecStart=/usr/sbin/sshd -D $SSHD_OPTS
ExecReload=/usr/sbin/sshd -t
ExecReload=/bin/kill -HUP $MAINPID
KillMode=process
Restart=on-failure
RestartPreventExitStatus=255
Type=notify
RuntimeDirectory=sshd
RuntimeDirectoryMode=0755

[Install]
WantedBy=multi-user.target
Alias=sshd.service
`;

/** Vendor unit files by node path, used when the node's tree has no such file. */
export const VENDOR_UNIT_FILES: ReadonlyMap<string, string> = new Map([
  ["/usr/lib/systemd/system/containerd.service", CONTAINERD_SERVICE],
  ["/usr/lib/systemd/system/ssh.service", SSH_SERVICE],
]);

/** Units enabled by their packages' postinst even when the tree has no wants/ symlink. */
export const VENDOR_ENABLED: ReadonlySet<string> = new Set(["containerd.service", "ssh.service"]);

/** Other services of an Ubuntu 24.04 server, always running (list-units, status, is-active). */
export interface StaticUnit {
  name: string;
  description: string;
  sub: "running" | "exited";
  /** The main process, for status. */
  command?: string;
}

export const STATIC_UNITS: readonly StaticUnit[] = [
  { name: "cron.service", description: "Regular background program processing daemon", sub: "running", command: "/usr/sbin/cron -f -P" },
  { name: "dbus.service", description: "D-Bus System Message Bus", sub: "running", command: "@dbus-daemon --system --address=systemd: --nofork --nopidfile --systemd-activation --syslog-only" },
  { name: "getty@tty1.service", description: "Getty on tty1", sub: "running", command: "/sbin/agetty -o \"-p -- \\\\u\" --noclear - linux" },
  { name: "keyboard-setup.service", description: "Set the console keyboard layout", sub: "exited" },
  { name: "kmod-static-nodes.service", description: "Create List of Static Device Nodes", sub: "exited" },
  { name: "rsyslog.service", description: "System Logging Service", sub: "running", command: "/usr/sbin/rsyslogd -n -iNONE" },
  { name: "setvtrgb.service", description: "Set console scheme", sub: "exited" },
  { name: "systemd-journal-flush.service", description: "Flush Journal to Persistent Storage", sub: "exited" },
  { name: "systemd-journald.service", description: "Journal Service", sub: "running", command: "/usr/lib/systemd/systemd-journald" },
  { name: "systemd-logind.service", description: "User Login Management", sub: "running", command: "/usr/lib/systemd/systemd-logind" },
  { name: "systemd-networkd.service", description: "Network Configuration", sub: "running", command: "/usr/lib/systemd/systemd-networkd" },
  { name: "systemd-random-seed.service", description: "Load/Save OS Random Seed", sub: "exited" },
  { name: "systemd-remount-fs.service", description: "Remount Root and Kernel File Systems", sub: "exited" },
  { name: "systemd-resolved.service", description: "Network Name Resolution", sub: "running", command: "/usr/lib/systemd/systemd-resolved" },
  { name: "systemd-sysctl.service", description: "Apply Kernel Variables", sub: "exited" },
  { name: "systemd-timesyncd.service", description: "Network Time Synchronization", sub: "running", command: "/usr/lib/systemd/systemd-timesyncd" },
  { name: "systemd-tmpfiles-setup-dev-early.service", description: "Create Static Device Nodes in /dev gracefully", sub: "exited" },
  { name: "systemd-tmpfiles-setup.service", description: "Create Volatile Files and Directories", sub: "exited" },
  { name: "systemd-udev-trigger.service", description: "Coldplug All udev Devices", sub: "exited" },
  { name: "systemd-udevd.service", description: "Rule-based Manager for Device Events and Files", sub: "running", command: "/usr/lib/systemd/systemd-udevd" },
  { name: "systemd-update-utmp.service", description: "Record System Boot/Shutdown in UTMP", sub: "exited" },
  { name: "systemd-user-sessions.service", description: "Permit User Sessions", sub: "exited" },
  { name: "user-runtime-dir@0.service", description: "User Runtime Directory /run/user/0", sub: "exited" },
  { name: "user@0.service", description: "User Manager for UID 0", sub: "running", command: "/usr/lib/systemd/systemd --user" },
];
