// The landing page.
import Link from "next/link";
const features = [
  ["Real tools", "bash, kubectl v1.32.3, helm, etcdctl, vim, openssl and curl: the binaries you use in the exam, unmodified."],
  ["A kubeadm v1.32 cluster", "controlplane, node01 and node02 with kubeadm's PKI, static pods, kubelet config and a real etcd you can back up and restore."],
  ["Starts in about a second", "Each lab is three lightweight sandboxes and a simulated control plane, so you can reset as often as you like."],
  ["Graded from the end state", "Lessons and timed mock exams are checked from the cluster itself, with messages that tell you what is still wrong."],
];

export default function Home() {
  return (
    <main className="landing">
      <header>
        <h1>Drydock</h1>
        <p className="tagline">Practise for the CKA on a cluster that behaves like the real one.</p>
        <p className="cta">
          <Link className="button primary" href="/exercises">
            Browse the exercises
          </Link>{" "}
          <Link className="button" href="/signup">
            Create an account
          </Link>{" "}
          <Link className="button" href="/signin">
            Sign in
          </Link>
        </p>
      </header>
      <section className="features">
        {features.map(([title, text]) => (
          <article key={title}>
            <h2>{title}</h2>
            <p>{text}</p>
          </article>
        ))}
      </section>
      <section className="try">
        <h2>Try it from a shell</h2>
        <pre>{`npx drydock lab create demo
npx drydock lab exec demo -- kubectl get nodes
npx drydock lab delete demo`}</pre>
      </section>
    </main>
  );
}
