// The images a lab can pull, as data: what their registries publish (tags, unpacked size as
// containerd reports it) and what their image config says (Entrypoint, Cmd, Env, WorkingDir,
// User, ExposedPorts, StopSignal). Digests of images the fresh cluster already runs come from
// lib/cluster/bootstrap/images.ts so that Pod and Node status agree with crictl; the others are
// the same deterministic stand-ins (KNOWN_GAPS: real digests).

/** Which filesystem base an image carries (decides /etc/os-release, /bin/sh, the applets). */
export type ImageBase = "debian" | "alpine" | "busybox" | "ubuntu" | "distroless" | "scratch";

export interface ImageConfig {
  entrypoint: string[];
  cmd: string[];
  env: string[];
  workingDir: string;
  user: string;
  exposedPorts: string[];
  stopSignal: "SIGTERM" | "SIGQUIT" | "SIGINT" | "SIGWINCH";
}

export interface CatalogueEntry {
  /** Normalised repository, e.g. docker.io/library/nginx */
  repository: string;
  tags: string[];
  /** Unpacked size in bytes (crictl images SIZE, Node.status.images sizeBytes). */
  size: number;
  base: ImageBase;
  config: ImageConfig;
  /** Extra files of the image (path -> content), e.g. nginx's default page. */
  files?: Record<string, string>;
  /** Binaries the image has besides its base's shell applets. */
  binaries?: string[];
  /** The repository's other published tags of this variant (version families), beyond `tags`. */
  acceptsTag?: (tag: string) => boolean;
}

/**
 * A repository's published version tags: MAJOR.MINOR and MAJOR.MINOR.PATCH for every minor
 * listed with its last patch release, each with one of the variant's suffixes ("" for none).
 */
export function versionFamily(lastPatch: Record<string, number>, suffixes: string[]): (tag: string) => boolean {
  return (tag) => {
    const suffix = suffixes.filter((x) => x && tag.endsWith(x)).sort((a, b) => b.length - a.length)[0] ?? "";
    if (!suffix && !suffixes.includes("")) return false;
    const m = /^(\d+\.\d+)(?:\.(\d+))?$/.exec(tag.slice(0, tag.length - suffix.length));
    if (!m || !(m[1] in lastPatch)) return false;
    return m[2] === undefined || Number(m[2]) <= lastPatch[m[1]];
  };
}

/** The full version a version tag names: the minor's last patch release when the tag has none. */
export function fullVersion(lastPatch: Record<string, number>, tag: string): string | undefined {
  const m = /^(\d+\.\d+)(?:\.(\d+))?/.exec(tag);
  if (!m || !(m[1] in lastPatch)) return undefined;
  return `${m[1]}.${m[2] ?? lastPatch[m[1]]}`;
}

/** nginx.org's last patch release of each minor (the tags Docker Hub keeps). */
export const NGINX_LAST_PATCH: Record<string, number> = {
  "1.9": 15, "1.10": 3, "1.11": 13, "1.12": 2, "1.13": 12, "1.14": 2, "1.15": 12, "1.16": 1, "1.17": 10, "1.18": 0, "1.19": 10,
  "1.20": 2, "1.21": 6, "1.22": 1, "1.23": 4, "1.24": 0, "1.25": 5, "1.26": 3, "1.27": 4, "1.28": 0, "1.29": 1,
};
/** busybox.net's last patch release of each minor. */
export const BUSYBOX_LAST_PATCH: Record<string, number> = {
  "1.24": 2, "1.25": 1, "1.26": 2, "1.27": 2, "1.28": 4, "1.29": 3, "1.30": 1, "1.31": 1, "1.32": 1, "1.33": 1, "1.34": 1, "1.35": 0, "1.36": 1, "1.37": 0,
};

const PATH_DEFAULT = "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

function cfg(partial: Partial<ImageConfig>): ImageConfig {
  return {
    entrypoint: [],
    cmd: [],
    env: [PATH_DEFAULT],
    workingDir: "/",
    user: "",
    exposedPorts: [],
    stopSignal: "SIGTERM",
    ...partial,
  };
}

// Upstream: nginx's docker-nginx repository, mainline/stable Dockerfiles (Debian bookworm).
const NGINX_CONF_DEFAULT = `server {
    listen       80;
    listen  [::]:80;
    server_name  localhost;

    #access_log  /var/log/nginx/host.access.log  main;

    location / {
        root   /usr/share/nginx/html;
        index  index.html index.htm;
    }

    #error_page  404              /404.html;

    # redirect server error pages to the static page /50x.html
    #
    error_page   500 502 503 504  /50x.html;
    location = /50x.html {
        root   /usr/share/nginx/html;
    }
}
`;

export const NGINX_INDEX_HTML = `<!DOCTYPE html>
<html>
<head>
<title>Welcome to nginx!</title>
<style>
html { color-scheme: light dark; }
body { width: 35em; margin: 0 auto;
font-family: Tahoma, Verdana, Arial, sans-serif; }
</style>
</head>
<body>
<h1>Welcome to nginx!</h1>
<p>If you see this page, the nginx web server is successfully installed and
working. Further configuration is required.</p>

<p>For online documentation and support please refer to
<a href="http://nginx.org/">nginx.org</a>.<br/>
Commercial support is available at
<a href="http://nginx.com/">nginx.com</a>.</p>

<p><em>Thank you for using nginx.</em></p>
</body>
</html>
`;

const NGINX_50X_HTML = `<!DOCTYPE html>
<html>
<head>
<title>Error</title>
<style>
html { color-scheme: light dark; }
body { width: 35em; margin: 0 auto;
font-family: Tahoma, Verdana, Arial, sans-serif; }
</style>
</head>
<body>
<h1>An error occurred.</h1>
<p>Sorry, the page you are looking for is currently unavailable.<br/>
Please try again later.</p>
<p>If you are the system administrator of this resource then you should check
the error log for details.</p>
<p><em>Faithfully yours, nginx.</em></p>
</body>
</html>
`;

export const HTTPD_INDEX_HTML = "<html><body><h1>It works!</h1></body></html>\n";

/** nginx version of each tag (the full version nginx prints in Server: and its logs). */
export const NGINX_VERSIONS: Record<string, string> = {
  "1.25": "1.25.5", "1.25.5": "1.25.5", "1.25-alpine": "1.25.5", "1.25.5-alpine": "1.25.5",
  "1.26": "1.26.3", "1.26.3": "1.26.3", "1.26-alpine": "1.26.3", "1.26.3-alpine": "1.26.3",
  stable: "1.26.3", "stable-alpine": "1.26.3",
  "1.27": "1.27.4", "1.27.4": "1.27.4", "1.27-alpine": "1.27.4", "1.27.4-alpine": "1.27.4",
  latest: "1.27.4", alpine: "1.27.4", mainline: "1.27.4", "mainline-alpine": "1.27.4",
};

function nginxEntry(base: ImageBase, tags: string[], size: number, suffixes: string[]): CatalogueEntry {
  return {
    repository: "docker.io/library/nginx",
    tags,
    acceptsTag: versionFamily(NGINX_LAST_PATCH, suffixes),
    size,
    base,
    config: cfg({
      entrypoint: ["/docker-entrypoint.sh"],
      cmd: ["nginx", "-g", "daemon off;"],
      env: [PATH_DEFAULT, "NGINX_VERSION=1.27.4", "NJS_VERSION=0.8.9", "NJS_RELEASE=1~bookworm", "PKG_RELEASE=1~bookworm", "DYNPKG_RELEASE=1~bookworm"],
      exposedPorts: ["80/tcp"],
      stopSignal: "SIGQUIT",
    }),
    files: {
      "/etc/nginx/conf.d/default.conf": NGINX_CONF_DEFAULT,
      "/usr/share/nginx/html/index.html": NGINX_INDEX_HTML,
      "/usr/share/nginx/html/50x.html": NGINX_50X_HTML,
    },
    binaries: ["nginx", "/docker-entrypoint.sh", "curl"],
  };
}

const BUSYBOX_ENV = ["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"];

export const CATALOGUE: CatalogueEntry[] = [
  nginxEntry("debian", ["1.25", "1.25.5", "1.26", "1.26.3", "stable", "1.27", "1.27.4", "mainline", "latest"], 72_099_501, ["", "-perl", "-bookworm", "-bullseye"]),
  nginxEntry("alpine", ["1.25-alpine", "1.25.5-alpine", "1.26-alpine", "1.26.3-alpine", "stable-alpine", "1.27-alpine", "1.27.4-alpine", "mainline-alpine", "alpine"], 20_514_322, ["-alpine", "-alpine-perl", "-alpine-slim"]),
  {
    repository: "docker.io/library/httpd",
    tags: ["2.4", "2.4.63", "2", "latest", "2.4-alpine", "alpine"],
    acceptsTag: versionFamily({ "2.4": 63 }, ["", "-alpine", "-bookworm"]),
    size: 58_032_170,
    base: "debian",
    config: cfg({
      cmd: ["httpd-foreground"],
      env: ["PATH=/usr/local/apache2/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", "HTTPD_PREFIX=/usr/local/apache2", "HTTPD_VERSION=2.4.63"],
      workingDir: "/usr/local/apache2",
      exposedPorts: ["80/tcp"],
      stopSignal: "SIGWINCH",
    }),
    files: { "/usr/local/apache2/htdocs/index.html": HTTPD_INDEX_HTML },
    binaries: ["httpd", "httpd-foreground", "apachectl"],
  },
  {
    repository: "docker.io/library/busybox",
    tags: ["1.28", "1.28.4", "1.36", "1.36.1", "1.37", "1.37.0", "latest", "stable", "musl", "glibc", "uclibc"],
    acceptsTag: versionFamily(BUSYBOX_LAST_PATCH, ["", "-musl", "-glibc", "-uclibc"]),
    size: 2_155_582,
    base: "busybox",
    config: cfg({ cmd: ["sh"], env: BUSYBOX_ENV }),
  },
  {
    repository: "docker.io/library/alpine",
    tags: ["3.18", "3.19", "3.20", "3.21", "3.21.3", "3", "latest"],
    size: 3_653_068,
    base: "alpine",
    config: cfg({ cmd: ["/bin/sh"], env: BUSYBOX_ENV }),
  },
  {
    repository: "docker.io/library/redis",
    tags: ["7", "7.2", "7.4", "7.4.2", "latest", "alpine", "7-alpine", "7.4-alpine"],
    size: 45_004_473,
    base: "debian",
    config: cfg({
      entrypoint: ["docker-entrypoint.sh"],
      cmd: ["redis-server"],
      env: [PATH_DEFAULT, "REDIS_VERSION=7.4.2"],
      workingDir: "/data",
      exposedPorts: ["6379/tcp"],
    }),
    binaries: ["redis-server", "redis-cli", "docker-entrypoint.sh"],
  },
  {
    repository: "docker.io/library/memcached",
    tags: ["1.6", "1.6.37", "latest", "alpine", "1.6-alpine"],
    size: 32_393_071,
    base: "debian",
    config: cfg({ entrypoint: ["docker-entrypoint.sh"], cmd: ["memcached"], user: "memcache", exposedPorts: ["11211/tcp"] }),
    binaries: ["memcached", "docker-entrypoint.sh"],
  },
  {
    repository: "docker.io/library/mysql",
    tags: ["8", "8.0", "8.4", "9", "latest"],
    size: 235_187_427,
    base: "debian",
    config: cfg({ entrypoint: ["docker-entrypoint.sh"], cmd: ["mysqld"], exposedPorts: ["3306/tcp", "33060/tcp"] }),
    binaries: ["mysqld", "mysql", "docker-entrypoint.sh"],
  },
  {
    repository: "docker.io/library/postgres",
    tags: ["15", "16", "17", "latest", "16-alpine", "17-alpine", "alpine"],
    size: 157_946_203,
    base: "debian",
    config: cfg({
      entrypoint: ["docker-entrypoint.sh"],
      cmd: ["postgres"],
      env: ["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin:/usr/lib/postgresql/17/bin", "PGDATA=/var/lib/postgresql/data"],
      exposedPorts: ["5432/tcp"],
      stopSignal: "SIGINT",
    }),
    binaries: ["postgres", "psql", "docker-entrypoint.sh"],
  },
  {
    repository: "docker.io/library/ubuntu",
    tags: ["22.04", "24.04", "jammy", "noble", "latest"],
    size: 29_754_290,
    base: "ubuntu",
    config: cfg({ cmd: ["/bin/bash"] }),
  },
  {
    repository: "docker.io/library/debian",
    tags: ["12", "bookworm", "bookworm-slim", "stable", "latest"],
    size: 48_494_272,
    base: "debian",
    config: cfg({ cmd: ["bash"] }),
  },
  {
    repository: "docker.io/library/python",
    tags: ["3", "3.12", "3.13", "3.12-slim", "3.13-slim", "slim", "alpine", "latest"],
    size: 1_017_445_123,
    base: "debian",
    config: cfg({ cmd: ["python3"], env: [PATH_DEFAULT, "PYTHON_VERSION=3.13.2"] }),
    binaries: ["python", "python3", "pip"],
  },
  {
    repository: "docker.io/library/node",
    tags: ["18", "20", "22", "lts", "20-alpine", "22-alpine", "alpine", "latest"],
    size: 1_114_385_651,
    base: "debian",
    config: cfg({ entrypoint: ["docker-entrypoint.sh"], cmd: ["node"], env: [PATH_DEFAULT, "NODE_VERSION=22.14.0", "YARN_VERSION=1.22.22"] }),
    binaries: ["node", "npm", "docker-entrypoint.sh"],
  },
  {
    repository: "docker.io/curlimages/curl",
    tags: ["8.12.1", "8.11.1", "latest"],
    size: 22_318_422,
    base: "alpine",
    config: cfg({ entrypoint: ["/entrypoint.sh"], cmd: ["curl"], user: "curl_user", workingDir: "/home/curl_user", env: BUSYBOX_ENV }),
    binaries: ["curl", "/entrypoint.sh"],
  },
  {
    repository: "docker.io/nicolaka/netshoot",
    tags: ["v0.13", "latest"],
    size: 207_651_205,
    base: "alpine",
    config: cfg({ cmd: ["zsh"], env: BUSYBOX_ENV }),
    binaries: ["curl", "dig", "nslookup", "zsh", "bash", "tcpdump", "iperf3", "host"],
  },
  {
    repository: "docker.io/polinux/stress",
    tags: ["latest", "1.0.4"],
    size: 4_040_123,
    base: "alpine",
    config: cfg({ cmd: ["stress", "--help"], env: BUSYBOX_ENV }),
    binaries: ["stress"],
  },
  {
    repository: "docker.io/kodekloud/webapp-color",
    tags: ["latest", "v1", "v2", "v3"],
    size: 31_856_702,
    base: "alpine",
    config: cfg({ entrypoint: ["python", "app.py"], workingDir: "/opt", exposedPorts: ["8080/tcp"] }),
    binaries: ["python"],
  },
  {
    repository: "registry.k8s.io/e2e-test-images/agnhost",
    tags: ["2.39", "2.43", "2.45", "2.47", "2.52", "2.53"],
    size: 51_217_414,
    base: "alpine",
    config: cfg({ entrypoint: ["/agnhost"], env: BUSYBOX_ENV }),
    binaries: ["/agnhost"],
  },
  {
    repository: "registry.k8s.io/busybox",
    tags: ["latest", "1.27.2", "1.24"],
    size: 1_144_547,
    base: "busybox",
    config: cfg({ cmd: ["sh"], env: BUSYBOX_ENV }),
  },
  {
    repository: "registry.k8s.io/pause",
    tags: ["3.10", "3.9", "3.8"],
    size: 320_368,
    base: "scratch",
    config: cfg({ entrypoint: ["/pause"], env: [], user: "65535:65535" }),
    binaries: ["/pause"],
  },
  ...["kube-apiserver", "kube-controller-manager", "kube-scheduler", "kube-proxy"].map(
    (c): CatalogueEntry => ({
      repository: `registry.k8s.io/${c}`,
      tags: ["v1.32.0", "v1.32.1", "v1.32.2", "v1.32.3", "v1.33.0"],
      size: ({ "kube-apiserver": 28_670_731, "kube-controller-manager": 26_259_392, "kube-scheduler": 20_657_902, "kube-proxy": 30_917_765 } as Record<string, number>)[c],
      base: c === "kube-proxy" ? "debian" : "distroless",
      config: cfg({ entrypoint: c === "kube-proxy" ? ["/usr/local/bin/kube-proxy"] : [`/usr/local/bin/${c}`], env: [PATH_DEFAULT] }),
      binaries: [c, `/usr/local/bin/${c}`],
    }),
  ),
  {
    repository: "registry.k8s.io/etcd",
    tags: ["3.5.16-0", "3.5.21-0", "3.5.15-0"],
    size: 57_680_541,
    base: "distroless",
    config: cfg({ env: [PATH_DEFAULT] }),
    binaries: ["etcd", "etcdctl", "etcdutl", "/usr/local/bin/etcd", "/usr/local/bin/etcdctl", "/usr/local/bin/etcdutl"],
  },
  {
    repository: "registry.k8s.io/coredns/coredns",
    tags: ["v1.11.3", "v1.12.0", "v1.11.1"],
    size: 18_562_039,
    base: "distroless",
    config: cfg({ entrypoint: ["/coredns"], exposedPorts: ["53/tcp", "53/udp"] }),
    binaries: ["/coredns"],
  },
  ...["node", "cni", "kube-controllers"].map(
    (c): CatalogueEntry => ({
      repository: `docker.io/calico/${c}`,
      tags: ["v3.29.2", "v3.29.3", "v3.28.2"],
      size: ({ node: 140_483_365, cni: 99_266_165, "kube-controllers": 35_610_302 } as Record<string, number>)[c],
      base: c === "kube-controllers" ? "distroless" : "ubuntu",
      config: cfg({ entrypoint: c === "kube-controllers" ? ["/usr/bin/kube-controllers"] : c === "node" ? ["start_runit"] : ["/opt/cni/bin/install"] }),
      binaries: ["calico-node", "/bin/calico-node", "start_runit", "/usr/bin/kube-controllers", "/opt/cni/bin/install", "/opt/cni/bin/calico-ipam", "/opt/cni/bin/calico", "/usr/bin/check-status"],
    }),
  ),
  {
    repository: "registry.k8s.io/metrics-server/metrics-server",
    tags: ["v0.7.2", "v0.7.1", "v0.8.0"],
    size: 19_494_617,
    base: "distroless",
    config: cfg({ entrypoint: ["/metrics-server"], exposedPorts: ["4443/tcp"] }),
    binaries: ["/metrics-server"],
  },
  {
    repository: "registry.k8s.io/ingress-nginx/controller",
    tags: ["v1.12.1", "v1.12.0", "v1.11.5"],
    size: 105_916_425,
    base: "alpine",
    config: cfg({ entrypoint: ["/usr/bin/dumb-init", "--"], cmd: ["/nginx-ingress-controller"], user: "www-data", workingDir: "/etc/nginx", exposedPorts: ["80/tcp", "443/tcp"] }),
    binaries: ["/nginx-ingress-controller", "/usr/bin/dumb-init", "nginx", "/wait-shutdown"],
  },
  {
    repository: "registry.k8s.io/ingress-nginx/kube-webhook-certgen",
    tags: ["v1.5.2", "v1.5.1"],
    size: 28_995_425,
    base: "distroless",
    config: cfg({ entrypoint: ["/kube-webhook-certgen"] }),
    binaries: ["/kube-webhook-certgen"],
  },
  {
    repository: "docker.io/rancher/local-path-provisioner",
    tags: ["v0.0.30", "v0.0.31"],
    size: 20_718_316,
    base: "alpine",
    config: cfg({ entrypoint: ["local-path-provisioner"], env: BUSYBOX_ENV }),
    binaries: ["local-path-provisioner"],
  },
  {
    repository: "ghcr.io/nginx/nginx-gateway-fabric",
    tags: ["1.6.2", "1.6.1"],
    size: 28_345_674,
    base: "distroless",
    config: cfg({ entrypoint: ["/usr/bin/gateway"] }),
    binaries: ["/usr/bin/gateway"],
  },
  {
    repository: "ghcr.io/nginx/nginx-gateway-fabric/nginx",
    tags: ["1.6.2", "1.6.1"],
    size: 24_962_581,
    base: "alpine",
    config: cfg({ cmd: ["nginx", "-g", "daemon off;"], exposedPorts: ["80/tcp", "443/tcp"], stopSignal: "SIGQUIT" }),
    binaries: ["nginx"],
  },
];

/** Registries that answer; any other host fails name resolution, as in an offline lab. */
export const KNOWN_REGISTRIES = new Set([
  "docker.io", "registry.k8s.io", "k8s.gcr.io", "gcr.io", "quay.io", "ghcr.io", "public.ecr.aws", "mcr.microsoft.com", "registry.gitlab.com",
]);

export function findCatalogueEntry(repository: string, tag: string): CatalogueEntry | undefined {
  // k8s.gcr.io is frozen and redirects to registry.k8s.io for the images kubeadm used.
  const repo = repository.startsWith("k8s.gcr.io/") ? `registry.k8s.io/${repository.slice("k8s.gcr.io/".length)}` : repository;
  return CATALOGUE.find((e) => e.repository === repo && e.tags.includes(tag)) ?? CATALOGUE.find((e) => e.repository === repo && e.acceptsTag?.(tag));
}

export function repositoryExists(repository: string): boolean {
  const repo = repository.startsWith("k8s.gcr.io/") ? `registry.k8s.io/${repository.slice("k8s.gcr.io/".length)}` : repository;
  return CATALOGUE.some((e) => e.repository === repo);
}
