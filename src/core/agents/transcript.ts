import * as fs from 'fs';

/** How much of a transcript's end we read: the newest assistant entry is near it. */
const TAIL_BYTES = 256 * 1024;

/**
 * The model of the newest assistant entry in Claude Code's JSONL transcript
 * (`{"type":"assistant","message":{"model":"claude-…",…}}`). Reads only the
 * file's tail, so a transcript of hundreds of megabytes costs the same as a
 * small one. Undefined when the file is missing or names no model.
 */
export function modelFromTranscript(file: string, tailBytes = TAIL_BYTES): string | undefined {
  let fd: number;
  try {
    fd = fs.openSync(file, 'r');
  } catch {
    return undefined;
  }
  try {
    const size = fs.fstatSync(fd).size;
    const len = Math.min(size, tailBytes);
    const buf = Buffer.alloc(len);
    fs.readSync(fd, buf, 0, len, size - len);
    const lines = buf.toString('utf8').split('\n');
    // The first line may be cut in the middle; JSON.parse rejects it and we move on.
    for (let i = lines.length - 1; i >= 0; i--) {
      const model = modelOfLine(lines[i] ?? '');
      if (model) return model;
    }
    return undefined;
  } catch {
    return undefined;
  } finally {
    fs.closeSync(fd);
  }
}

function modelOfLine(line: string): string | undefined {
  // Cheap filter before parsing: most lines are user turns and tool results.
  if (!line.includes('"model"')) return undefined;
  try {
    const o = JSON.parse(line) as { type?: unknown; message?: { model?: unknown } };
    const m = o.message?.model;
    // `<synthetic>` marks entries Claude Code writes itself (errors, interrupts).
    if (o.type === 'assistant' && typeof m === 'string' && m !== '' && !m.startsWith('<')) return m;
  } catch {
    /* a truncated first line, or not JSON */
  }
  return undefined;
}
