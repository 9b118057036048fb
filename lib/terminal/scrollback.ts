// What a reattaching client replays: the last MAX_SCROLLBACK characters the shell wrote.
export const MAX_SCROLLBACK = 256 * 1024;

export class Scrollback {
  private chunks: string[] = [];
  private size = 0;
  constructor(private readonly max = MAX_SCROLLBACK) {}

  push(s: string): void {
    this.chunks.push(s);
    this.size += s.length;
    while (this.size > this.max && this.chunks.length) {
      const over = this.size - this.max;
      const first = this.chunks[0];
      if (first.length <= over) {
        this.chunks.shift();
        this.size -= first.length;
      } else {
        // Cut at a line start when one is near, so the replay does not begin mid-escape-sequence.
        const nl = first.indexOf("\n", over);
        const cut = nl >= 0 && nl - over < 4096 ? nl + 1 : over;
        this.chunks[0] = first.slice(cut);
        this.size -= cut;
      }
    }
  }

  text(): string {
    if (this.chunks.length > 1) this.chunks = [this.chunks.join("")];
    return this.chunks[0] ?? "";
  }
}
