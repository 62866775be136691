// The README's preset and switch tables, generated from the code so that they cannot drift from it
// (test/unit/sandbox/docs.test.ts compares them with README.md and prints the expected table when they differ).
import { describePreset, presetNames } from './presets';
import { QUIRK_DOCS, QUIRK_PROVOKES } from './quirks/docs';
import { QUIRK_NAMES, RFC_QUIRKS } from './quirks/types';

const cell = (text: string): string => text.replace(/\|/g, '\\|');

export function presetTableMarkdown(): string {
  const rows = presetNames.map((name) => {
    const d = describePreset(name);
    return `| \`${name}\` | ${cell(d?.modelled ?? '')} |`;
  });
  return ['| Preset | What it models, and what the probes must find |', '|---|---|', ...rows].join('\n');
}

export function quirkTableMarkdown(): string {
  const rows = QUIRK_NAMES.map((n) => `| \`${n}\` | ${cell(`\`${JSON.stringify(RFC_QUIRKS[n])}\``)} | ${cell(QUIRK_DOCS[n])} | ${cell(QUIRK_PROVOKES[n])} |`);
  return ['| Switch | Default | Effect | Provokes |', '|---|---|---|---|', ...rows].join('\n');
}
