// apt's number formatting (apt-pkg/contrib/strutl.cc SizeToStr, TimeToStr) and its progress
// lines, which end in " Done" only on a terminal.
import type { CommandIO } from "../../types";

/** SizeToStr + the caller's unit: 12200000 → "12.2 MB", 1227 → "1227 B". */
export function sizeToStr(bytes: number): string {
  const ext = ["", "k", "M", "G", "T"];
  let size = bytes;
  for (let i = 0; i < ext.length; i++) {
    if (size < 100 && i !== 0) return `${size.toFixed(1)} ${ext[i]}B`;
    if (size < 10000) return `${size.toFixed(0)} ${ext[i]}B`;
    size /= 1000;
  }
  return `${size.toFixed(0)} PB`;
}

/** "Reading package lists... Done" on a terminal, "Reading package lists..." in a pipe. */
export function progress(io: CommandIO, text: string): void {
  io.stdout.write(io.tty ? `${text}... Done\n` : `${text}...\n`);
}

/** ShowList: a header, then the names indented by two, wrapped at the screen width. */
export function showList(title: string, names: string[], cols = 80): string {
  if (names.length === 0) return "";
  const lines: string[] = [];
  let line = " ";
  for (const n of names) {
    if (line.length + 1 + n.length > cols - 1 && line.trim()) {
      lines.push(line);
      line = " ";
    }
    line += " " + n;
  }
  lines.push(line);
  return `${title}\n${lines.join("\n")}\n`;
}
