// `scim-workbench filter '<expression>' [--json] [--path]`: parse a filter (or PATCH path), print its
// canonical form or its AST; on a syntax error show where, with a caret under the offending text.
import { parseArgs } from 'node:util';
import { EXIT, UsageError, jsonErrors, type CliCommand, type CliIO } from '../command';
import { parseFilter, parsePatchPath, printFilter, printPatchPath, type ParseError } from '../../core/filter';
import { LineIndex } from '../../core/text';

const usage = `Usage: scim-workbench filter '<expression>' [--json] [--path]

Parses a SCIM filter (RFC 7644 §3.4.2.2) and prints its canonical form.
  --json   print the syntax tree (with 0-based offset ranges) as JSON instead; errors too:
           {"errors": [{"code", "message", "offset", "length", "expected"}]}
  --path   parse a PATCH path (RFC 7644 §3.5.2) instead of a filter

Quote the expression for your shell, e.g.
  scim-workbench filter 'emails[type eq "work" and value co "@example.com"]'
Exit codes: 0 parsed, 1 syntax error, 2 usage error.`;

/** The line of `text` holding the error, and a caret line under its range. */
export function caretLines(text: string, error: ParseError): string[] {
  const index = new LineIndex(text);
  const start = index.positionAt(error.range.start);
  const lineStart = index.offsetAt({ line: start.line, character: 0 });
  const nextLine = index.offsetAt({ line: start.line + 1, character: 0 });
  const line = text.slice(lineStart, nextLine).replace(/\r?\n$|\r$/, '');
  // One character in, one character out, so the caret stays aligned.
  const shown = line.replace(/[\t\v\f]/g, ' ');
  const end = Math.min(error.range.end, lineStart + line.length);
  const width = Math.max(1, end - error.range.start);
  return [`  ${shown}`, `  ${' '.repeat(start.character)}${'^'.repeat(width)}`];
}

function reportErrors(text: string, errors: ParseError[], io: CliIO): void {
  for (const e of errors) {
    io.stderr(`error at ${e.range.start}: ${e.message}\n${caretLines(text, e).join('\n')}\n`);
  }
}

export const filterCommand: CliCommand = {
  name: 'filter',
  jsonOnStdout: true,
  summary: 'parse a SCIM filter or PATCH path and print its canonical form',
  usage,
  async run(args: string[], io: CliIO): Promise<number> {
    const { values, positionals } = parseArgs({
      args,
      strict: true,
      allowPositionals: true,
      options: { json: { type: 'boolean' }, path: { type: 'boolean' } },
    });
    if (positionals.length === 0) throw new UsageError('missing the expression to parse');
    if (positionals.length > 1) {
      throw new UsageError(`expected one expression, got ${positionals.length} arguments; quote the whole expression for your shell`);
    }
    const text = positionals[0] ?? '';
    const result = values.path ? parsePatchPath(text) : parseFilter(text);
    if (!result.ast) {
      reportErrors(text, result.errors, io);
      if (values.json) {
        io.stdout(jsonErrors(result.errors.map((e) => ({
          code: 'syntax' as const, message: e.message, offset: e.range.start, length: e.range.end - e.range.start, ...(e.expected ? { expected: e.expected } : {}),
        }))));
      }
      return EXIT.findings;
    }
    if (values.json) {
      io.stdout(JSON.stringify(result.ast, null, 2) + '\n');
    } else {
      io.stdout((result.ast.kind === 'patchPath' ? printPatchPath(result.ast) : printFilter(result.ast)) + '\n');
    }
    return EXIT.ok;
  },
};
