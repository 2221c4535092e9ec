/** What verification needs to know about one commit, gathered in one `git log`. */
export interface CommitFacts {
  id: string;
  authorName: string;
  authorEmail: string;
  /** Trailers as git parsed them (`%(trailers:unfold,only)`), in order. */
  trailers: { key: string; value: string }[];
  /** Paths the commit adds, changes or deletes (renames split in two). */
  paths: string[];
  /** The commit's note on `refs/notes/ai-provenance` (Agent Trace JSON), if any. */
  provenanceNote?: string;
}

/** Parses `Key: value` lines as printed by `%(trailers:unfold,only)`. */
export function parseTrailerLines(text: string): { key: string; value: string }[] {
  const out: { key: string; value: string }[] = [];
  for (const line of text.split('\n')) {
    const m = /^([A-Za-z0-9][A-Za-z0-9-]*)\s*:\s?(.*)$/.exec(line);
    if (m) out.push({ key: m[1], value: m[2].trim() });
  }
  return out;
}
