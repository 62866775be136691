// Properties that must fail, for harness.test.ts: the scheme has to catch a runaway loop and a throw.
import fc from 'fast-check';
import { fuzzProperty, type FuzzProperties } from './harness';

export const properties: FuzzProperties = {
  'loops forever on inputs with a "(("': fuzzProperty({
    arbitrary: fc.constantFrom('a', 'b((c', 'd'),
    short: 50,
    check(text: string) {
      // The runaway loop the watchdog must catch.
      while (text.includes('((')) { /* spin */ }
    },
  }),
  'throws on inputs with an "x"': fuzzProperty({
    arbitrary: fc.string({ unit: fc.constantFrom('x', 'y'), minLength: 1 }),
    short: 200,
    check(text: string) {
      if (text.includes('x')) throw new Error('found an x');
    },
  }),
};
