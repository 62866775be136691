// The fuzzing scheme itself must be able to fail: a runaway loop is reported with its input, a throw with
// fast-check's counterexample.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { fuzz } from './harness';

const module = join(import.meta.dirname, 'selfTestProperties.ts');

test('a runaway loop fails the property, naming the input, instead of hanging the run', async () => {
  await assert.rejects(fuzz(module, 'loops forever on inputs with a "(("', { hangMs: 1500 }), /did not finish within 1500 ms: a hang\.\ninput \(4 chars\): "b\(\(c"/);
});

test('a throw fails the property with the counterexample and the seed', async () => {
  await assert.rejects(fuzz(module, 'throws on inputs with an "x"'), (err: Error) => /Counterexample: \["x"\]/.test(err.message) && /seed/.test(err.message));
});
