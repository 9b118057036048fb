// A pool of fresh RSA-2048 keys generated ahead of time, so creating a lab (about 20 keys) does
// not wait on key generation. Every key is handed out once and never reused: labs must never
// share a key (a ServiceAccount token of one lab would verify in another).
import { generateRsaKeyPair, type KeyPair } from "../node/kubeadm/pki.js";

export class KeyPool {
  private readonly keys: KeyPair[] = [];
  private filling = 0;

  /** `target` keys are kept ready; at most `parallel` are generated at once. */
  constructor(private readonly target = 48, private readonly parallel = 2) {}

  fill(): void {
    while (this.keys.length + this.filling < this.target && this.filling < this.parallel) {
      this.filling++;
      generateRsaKeyPair()
        .then((k) => this.keys.push(k))
        .finally(() => {
          this.filling--;
          this.fill();
        });
    }
  }

  async take(): Promise<KeyPair> {
    const k = this.keys.shift();
    this.fill();
    return k ?? generateRsaKeyPair();
  }

  get ready(): number {
    return this.keys.length;
  }
}
