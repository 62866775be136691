// The vendor error corpus (test/fixtures/vendor-errors/sources.json), shared by the inspector and CLI tests.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface CorpusEntry {
  id: string;
  vendor: string;
  source: string;
  provenance: string;
  status: number | null;
  file: string;
  headers?: Record<string, string>;
  expect: {
    bodyKind: string;
    category: string;
    deviations: string[];
    bodySource?: string;
    status?: number;
    scimType?: string;
    retryable?: boolean;
    vendorFields?: string[];
    retryAfterSecondsAt?: { now: number; seconds: number };
  };
}

export const corpusDir = join(__dirname, '..', '..', 'fixtures', 'vendor-errors');
export const corpus: CorpusEntry[] = (JSON.parse(readFileSync(join(corpusDir, 'sources.json'), 'utf8')) as { entries: CorpusEntry[] }).entries;
