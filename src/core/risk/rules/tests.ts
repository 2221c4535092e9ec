import { at, type RiskRule } from '../rule';
import { type Hit } from '../types';
import { type FileView, type ViewLine } from '../view';

/** Tests deleted, skipped, focused or weakened: the safety net of every other change. */
const TESTS = { tags: ['test'], exceptTags: ['docs', 'generated'] } as const;
const CODE = ['js', 'python', 'ruby', 'java', 'go', 'rust', 'csharp', 'php'] as const;

const ASSERTION = /\b(assert\w*|expect|assertThat|verify|require\.\w+|XCTAssert\w*)\s*[(!]|\bassert\s|\bassert_\w+\b|\.should\b|\bshould\.\w+|\bt\.(Error|Errorf|Fatal|Fatalf|Fail|FailNow)\(|\.to(Be|Equal|Have|Match|Throw|Contain|StrictEqual)\w*\(|\bself\.assert\w+\(|\bexpect\s*\{|\bAssert\.\w+\(|\bassert_eq!|\bassert_ne!/;
const TEST_DEF = /^\s*x?(it|test|specify)\s*(\.\w+\s*)?\(\s*['"`]|^\s*(async\s+)?def\s+test_?\w*\s*\(|^\s*func\s+(Test|Benchmark|Fuzz)\w*\s*\(|@Test\b|^\s*#\[(tokio::)?test\]|^\s*\[(Fact|Theory|Test|TestMethod|TestCase)\b|^\s*x?(it|scenario|specify)\s+['"]/;
const WEAK = /\.toBe(Truthy|Defined|Falsy)\(\)|\.not\.toThrow\(\)|\bassert\s*\(?\s*(True|true|1)\s*\)?\s*$|\bassertTrue\(\s*(true|True)\s*\)|\bassert\.ok\(\s*true\s*\)|\bexpect\(\s*true\s*\)|\.toBeGreaterThanOrEqual\(\s*0\s*\)|\bassertIsNotNone\(|\bassert\.(ok|exists)\([^,()]*\)\s*;?\s*$/;

export const testRules: readonly RiskRule[] = [
  {
    id: 'tests/file-deleted', category: 'tests', severity: 'high', ...TESTS, on: ['deleted'],
    message: 'Deletes a test file: what it checked is no longer checked.',
    hint: 'Keep the test, or move its checks to where the code went.',
    check: (f) => ((CODE as readonly string[]).includes(f.kind.language) ? [at('old', 1, Math.max(1, ...f.removed.map((l) => l.line)))] : []),
  },
  {
    id: 'tests/skipped', category: 'tests', severity: 'medium', tags: ['test'], languages: ['rust'], exceptTags: ['docs', 'generated'],
    pairMatches: true,
    message: 'Skips a test: it no longer runs, and the suite still passes.',
    hint: 'Fix the test, or file an issue and link it next to the skip.',
    added: /\b(it|test|describe|context|suite|specify)\.skip\b|\b(xit|xdescribe|xtest|xcontext|xspecify)\s*[(\s'\x22]|@Ignore\b|@Disabled\b|@pytest\.mark\.skip(if)?\b|@(unittest\.)?skip(If|Unless)?\s*\(|\bt\.Skip(Now|f)?\(|#\[ignore\b|^\s*pending\b|\bself\.skipTest\(|\bpytest\.skip\(|\btest\.fixme\(|\[Ignore\b|\bSkip\s*=\s*"/,
  },
  {
    id: 'tests/focused', category: 'tests', severity: 'medium', ...TESTS,
    pairMatches: true,
    message: 'Focuses a test with .only: every other test in the suite stops running.',
    hint: 'Remove the .only before committing.',
    added: /\b(it|test|describe|context|suite)\.only\b|\b(fit|fdescribe|fcontext)\s*\(/,
  },
  {
    id: 'tests/assertion-removed', category: 'tests', severity: 'medium', ...TESTS, on: ['modified', 'renamed'],
    message: 'Removes assertions from a test: the test checks less than before.',
    hint: 'Keep the assertion, or replace it with an equally strict one.',
    check: assertionsRemoved,
  },
  {
    id: 'tests/assertion-weakened', category: 'tests', severity: 'medium', ...TESTS, on: ['modified', 'renamed'],
    message: 'Replaces an assertion with a weaker one (toBeTruthy, toBeDefined, assert True).',
    hint: 'Assert the exact expected value.',
    check: assertionsWeakened,
  },
  {
    id: 'tests/test-removed', category: 'tests', severity: 'medium', ...TESTS, on: ['modified', 'renamed'],
    message: 'Removes test cases.',
    hint: 'Keep the cases, or say in review why they no longer apply.',
    check: testsRemoved,
  },
];

function merge(lines: readonly ViewLine[]): Hit[] {
  const hits: Hit[] = [];
  let cur: { side: 'old'; startLine: number; endLine: number } | undefined;
  for (const l of lines) {
    if (cur && l.line <= cur.endLine + 1) cur.endLine = l.line;
    else hits.push((cur = { side: 'old', startLine: l.line, endLine: l.line }));
  }
  return hits;
}

function assertionsRemoved(f: FileView): Hit[] {
  const gone = f.removed.filter((l) => ASSERTION.test(l.code) && !f.readded(l));
  const fresh = f.added.filter((l) => ASSERTION.test(l.code) && !f.preexisting(l));
  return gone.length > fresh.length ? merge(gone) : [];
}

function assertionsWeakened(f: FileView): Hit[] {
  const strongGone = f.removed.some((l) => ASSERTION.test(l.code) && !WEAK.test(l.code) && !f.readded(l));
  if (!strongGone) return [];
  return f.added.filter((l) => WEAK.test(l.code) && !f.preexisting(l)).map((l) => at('new', l.line));
}

function testsRemoved(f: FileView): Hit[] {
  const gone = f.removed.filter((l) => TEST_DEF.test(l.code) && !f.readded(l));
  const fresh = f.added.filter((l) => TEST_DEF.test(l.code) && !f.preexisting(l));
  return gone.length > fresh.length ? merge(gone) : [];
}
