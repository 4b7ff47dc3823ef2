/**
 * A progress bar on stderr: redrawn in place on a terminal; on a pipe, a plain line every
 * 10% so logs stay short even for a million events.
 */
export function progressBar(stream: NodeJS.WritableStream & { isTTY?: boolean }, label: string) {
  let lastTenth = -1;
  return {
    update(done: number, total: number) {
      const ratio = total > 0 ? Math.min(1, done / total) : 1;
      if (stream.isTTY) {
        const width = 30;
        const filled = Math.round(ratio * width);
        stream.write(`\r${label} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total}`);
        return;
      }
      const tenth = Math.floor(ratio * 10);
      if (tenth > lastTenth) {
        lastTenth = tenth;
        stream.write(`${label} ${done}/${total} (${tenth * 10}%)\n`);
      }
    },
    done() {
      if (stream.isTTY) stream.write('\n');
    },
  };
}
