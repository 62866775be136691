// Diagnostics of a 10k-user ListResponse (~12 MB, core + enterprise extension): the whole analysis the editor
// and `scim-workbench lint` run, against what a user would otherwise have (VS Code's JSON language service with
// a validating JSON Schema of the same rules) and against the floor (JSON.parse of the same text).
import { PayloadAnalysisSession, type PayloadTextChange } from '../src/core/scim/payloadIncremental';
import { analyzePayload } from '../src/core/scim/payloadRules';
import { jsonSchemaValidator } from './fixtures/jsonLanguageService';
import { listResponseOfUsers } from './fixtures/listResponse';
import { validatingListResponseSchema } from './fixtures/validatingSchema';
import { measureRatio, timesNote } from './harness/measure';
import type { Benchmark } from './harness/types';

const USERS = 10_000;
let text: string | undefined;

function page(): string {
  if (text) return text;
  text = listResponseOfUsers(USERS);
  if (analyzePayload(text).findings.length !== 0) throw new Error('the bench page should be clean');
  return text;
}

/** Both sides must judge: a planted problem is found by each, the clean page by neither. */
async function sanityCheck(validate: (t: string) => Promise<unknown[]>): Promise<void> {
  const small = listResponseOfUsers(20, (u, i) => {
    if (i === 3) u.active = 'False';
    if (i === 5) u.nickname = 7;
  });
  const ours = analyzePayload(small).findings.length;
  const theirs = (await validate(small)).length;
  if (ours < 2 || theirs < 2) throw new Error(`the baseline must find the planted problems (ours ${ours}, baseline ${theirs})`);
  const clean = (await validate(listResponseOfUsers(20))).length;
  if (clean !== 0) throw new Error(`the baseline reports ${clean} problems on a clean page: its schema is wrong`);
}

export const benchmarks: Benchmark[] = [
  {
    name: 'diagnostics: 10k-user ListResponse (~12 MB)',
    baseline: 'vscode-json-languageservice parse + doValidation, validating JSON Schema',
    target: { metric: 'time', atMost: 0.15 },
    async run() {
      const t = page();
      const validator = jsonSchemaValidator(validatingListResponseSchema());
      await sanityCheck((s) => validator.validate(s));
      const r = await measureRatio(() => analyzePayload(t), () => validator.validate(t), { rounds: 5, minMs: 0, minRuns: 1, warmup: 1, gcBetween: true });
      return { ...r, note: `${timesNote(r, 'analyzePayload', 'json-languageservice')}; ${(t.length / 1e6).toFixed(1)} MB` };
    },
  },
  {
    name: 'diagnostics: 10k-user ListResponse vs the floor',
    baseline: 'JSON.parse of the same text',
    target: { metric: 'time', atMost: 3 },
    async run() {
      const t = page();
      const r = await measureRatio(() => analyzePayload(t), () => JSON.parse(t), { rounds: 9, minMs: 300, gcBetween: true });
      return { ...r, note: timesNote(r, 'analyzePayload', 'JSON.parse') };
    },
  },
  {
    // As the editor does it: the document's session took the edit's change (offsets and new text, as VS Code's
    // contentChanges give it) and reads only the edited resource's text back.
    name: 're-check after a one-character edit (10k-user ListResponse)',
    baseline: 'our full pass (analyzePayload of the edited text)',
    target: { metric: 'time', atMost: 0.2 },
    async run() {
      const a = page();
      const at = a.indexOf('"Tour Operations"', Math.floor(a.length / 2)) + 5;
      const b = `${a.slice(0, at)}X${a.slice(at + 1)}`;
      const toB: PayloadTextChange[] = [{ start: at, end: at + 1, text: 'X' }];
      const toA: PayloadTextChange[] = [{ start: at, end: at + 1, text: a.charAt(at) }];
      const session = new PayloadAnalysisSession(a);
      let onB = false;
      const edit = (): unknown => {
        const r = onB ? session.update(toA, a) : session.update(toB, b);
        onB = !onB;
        if (session.lastUpdate !== 'incremental') throw new Error('the edit went to a full pass');
        return r;
      };
      const check = session.update(toB, b);
      if (JSON.stringify(check) !== JSON.stringify(analyzePayload(b))) throw new Error('incremental and full results differ');
      session.update(toA, a);
      let fullOnB = false;
      const full = (): unknown => analyzePayload((fullOnB = !fullOnB) ? b : a);
      const r = await measureRatio(edit, full, { rounds: 7, minMs: 300 });
      return { ...r, note: timesNote(r, 'session.update', 'analyzePayload') };
    },
  },
  {
    // What the editor's first pass pays on top of analyzePayload so that later edits are incremental.
    name: 'payload session start (full pass + resource bounds), 10k users',
    baseline: 'our full pass (analyzePayload)',
    async run() {
      const t = page();
      const r = await measureRatio(() => new PayloadAnalysisSession(t), () => analyzePayload(t), { rounds: 7, minMs: 300, gcBetween: true });
      return { ...r, note: timesNote(r, 'new PayloadAnalysisSession', 'analyzePayload') };
    },
  },
  {
    name: 'diagnostics: 10k users, 2% with findings, vs the floor',
    baseline: 'JSON.parse of the same text',
    async run() {
      // Every 50th user carries an Entra-style string boolean: findings to locate all through the document.
      const t = listResponseOfUsers(USERS, (u, i) => {
        if (i % 50 === 0) u.active = 'False';
      });
      const r = await measureRatio(() => analyzePayload(t), () => JSON.parse(t), { rounds: 7, minMs: 300, gcBetween: true });
      return { ...r, note: timesNote(r, 'analyzePayload', 'JSON.parse') };
    },
  },
];
