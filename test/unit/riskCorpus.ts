import fs from 'node:fs';
import path from 'node:path';
import { changeFromTexts } from '../../src/core/risk/diff';
import { type FileChange, type Finding } from '../../src/core/risk/types';

/** One expected finding: a rule, optionally on exact lines. */
export interface Expected {
  rule: string;
  side?: 'new' | 'old';
  startLine?: number;
  endLine?: number;
}

/** A labelled case of the risk corpus (format: test/fixtures/risk/README.md). */
export interface CorpusCase {
  file: string;
  name: string;
  expected: Expected[];
  knownMiss: Set<string>;
  knownFalsePositive: Set<string>;
  changes: FileChange[];
}

interface FileSpec {
  path: string;
  mode: 'modified' | 'added' | 'deleted' | 'renamed';
  from?: string;
  before?: string[];
  after?: string[];
}

function text(lines: string[] | undefined): string | undefined {
  if (!lines) return undefined;
  const l = [...lines];
  while (l.length && l[l.length - 1].trim() === '') l.pop();
  return l.length ? `${l.join('\n')}\n` : '';
}

function toChange(f: FileSpec): FileChange {
  const before = f.mode === 'added' ? undefined : (text(f.before) ?? '');
  const after = f.mode === 'deleted' ? undefined : (text(f.after) ?? '');
  const c = changeFromTexts(f.path, before, after);
  return f.mode === 'renamed' ? { ...c, status: 'renamed', oldPath: f.from } : c;
}

function parseExpect(tok: string): Expected {
  const m = /^([\w./-]+)(?:@(new|old):(\d+)(?:-(\d+))?)?$/.exec(tok);
  if (!m) throw new Error(`bad expectation '${tok}'`);
  if (!m[2]) return { rule: m[1] };
  return { rule: m[1], side: m[2] as 'new' | 'old', startLine: Number(m[3]), endLine: Number(m[4] ?? m[3]) };
}

/** Parses one `.cases` file. */
export function parseCases(file: string, content: string): CorpusCase[] {
  const cases: CorpusCase[] = [];
  let cur: (Omit<CorpusCase, 'changes'> & { files: FileSpec[] }) | undefined;
  let section: string[] | undefined;
  const finish = () => {
    if (cur) cases.push({ ...cur, changes: cur.files.map(toChange) });
  };
  for (const line of content.split('\n')) {
    if (!line.startsWith('::')) {
      section?.push(line);
      continue;
    }
    const [head, ...rest] = line.slice(2).split(' ');
    const arg = rest.join(' ').trim();
    section = undefined;
    if (head === 'case') {
      finish();
      cur = { file, name: arg, expected: [], knownMiss: new Set(), knownFalsePositive: new Set(), files: [] };
    } else if (!cur) throw new Error(`${file}: '${line}' before any ::case`);
    else if (head === 'expect') cur.expected = arg === 'none' ? [] : arg.split(/\s+/).map(parseExpect);
    else if (head === 'known-miss') cur.knownMiss.add(arg.split(' ')[0]);
    else if (head === 'known-false-positive') cur.knownFalsePositive.add(arg.split(' ')[0]);
    else if (head === 'file') {
      const [p, mode = 'modified', from] = arg.split(/\s+/);
      cur.files.push({ path: p, mode: mode === 'renamed-from' ? 'renamed' : (mode as FileSpec['mode']), ...(from ? { from } : {}) });
    } else if (head === 'before' || head === 'after') {
      const f = cur.files[cur.files.length - 1];
      if (!f) throw new Error(`${file}: ${cur.name}: ::${head} before ::file`);
      section = f[head] = [];
    } else throw new Error(`${file}: unknown marker '${line}'`);
  }
  finish();
  return cases;
}

/** Every case of the corpus under `dir`. */
export function loadCorpus(dir: string): CorpusCase[] {
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.cases'))
    .sort()
    .flatMap((f) => parseCases(f, fs.readFileSync(path.join(dir, f), 'utf8')));
}

/** True-positive, false-positive and false-negative counts of rule ids over the corpus. */
export function score(cases: readonly CorpusCase[], findingsOf: (c: CorpusCase) => readonly Finding[]): { tp: number; fp: number; fn: number; precision: number; recall: number } {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (const c of cases) {
    const want = new Set(c.expected.map((e) => e.rule));
    const got = new Set(findingsOf(c).map((f) => f.rule));
    for (const r of got) if (want.has(r)) tp++;
    else fp++;
    for (const r of want) if (!got.has(r)) fn++;
  }
  return { tp, fp, fn, precision: tp / Math.max(1, tp + fp), recall: tp / Math.max(1, tp + fn) };
}
