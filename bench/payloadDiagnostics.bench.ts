// Diagnostics of a 10k-user ListResponse (~12 MB, core + enterprise extension): the whole analysis the editor
// and `scim-workbench lint` run, against what a user would otherwise have (VS Code's JSON language service with
// a validating JSON Schema of the same rules) and against the floor (JSON.parse of the same text).
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
      const r = await measureRatio(() => analyzePayload(t), () => validator.validate(t), { rounds: 5, minMs: 0, minRuns: 1, warmup: 1 });
      return { ...r, note: `${timesNote(r, 'analyzePayload', 'json-languageservice')}; ${(t.length / 1e6).toFixed(1)} MB` };
    },
  },
  {
    name: 'diagnostics: 10k-user ListResponse vs the floor',
    baseline: 'JSON.parse of the same text',
    target: { metric: 'time', atMost: 3 },
    async run() {
      const t = page();
      const r = await measureRatio(() => analyzePayload(t), () => JSON.parse(t), { rounds: 9, minMs: 300 });
      return { ...r, note: timesNote(r, 'analyzePayload', 'JSON.parse') };
    },
  },
];
