// Turns path-addressed findings into offset findings and fix edits, once every addressed path is located.
// Edits are plain text edits that keep the surrounding formatting; each fix yields valid JSON on its own.
import type { Finding, Fix, TextEdit } from '../findings';
import type { OffsetRange } from '../text';
import { rawOffsetInString } from './jsonString';
import type { FixOp, PendingFinding, Target } from './payloadModel';
import { pathKey, type JsonPath, type NodeLocation } from './payloadLocate';

export function pathsOf(findings: readonly PendingFinding[], inner: readonly { path: JsonPath }[]): JsonPath[] {
  const out: JsonPath[] = [];
  for (const f of findings) {
    out.push(f.at.path);
    for (const fix of f.fixes ?? []) for (const op of fix.ops) out.push(...opPaths(op));
  }
  for (const i of inner) out.push(i.path);
  return out;
}

function opPaths(op: FixOp): JsonPath[] {
  switch (op.op) {
    case 'replace':
      return [op.at.path];
    case 'removeMember':
    case 'wrapMember':
    case 'wrapValue':
      return [op.path];
    case 'insertMember':
      return typeof op.value === 'string' ? [op.object] : [op.object, op.value.copyOf];
    case 'appendElement':
      return [op.array];
  }
}

export class Resolver {
  constructor(
    private readonly text: string,
    private readonly locations: Map<string, NodeLocation>,
  ) {}

  loc(path: JsonPath): NodeLocation | undefined {
    return this.locations.get(pathKey(path));
  }

  range(at: Target): OffsetRange | undefined {
    const loc = this.loc(at.path);
    if (!loc) return undefined;
    switch (at.part) {
      case 'key':
        return loc.key ?? loc.value;
      case 'value':
        return loc.value;
      case 'member':
        return { start: loc.key?.start ?? loc.value.start, end: loc.value.end };
      case 'open':
        return { start: loc.value.start, end: loc.value.start + 1 };
      case 'inner':
        return this.innerRange(loc.value, at.inner);
    }
  }

  /** Maps a range within the decoded string at `value` to document offsets. */
  innerRange(value: OffsetRange, inner: OffsetRange): OffsetRange {
    const raw = this.text.slice(value.start, value.end);
    if (raw.charCodeAt(0) !== 34) return value;
    return { start: value.start + rawOffsetInString(raw, inner.start), end: value.start + rawOffsetInString(raw, inner.end) };
  }

  edits(op: FixOp): TextEdit[] | undefined {
    switch (op.op) {
      case 'replace': {
        const r = this.range(op.at);
        return r ? [{ range: r, newText: op.text }] : undefined;
      }
      case 'removeMember':
        return this.removeMember(op.path);
      case 'insertMember':
        return this.insertMember(op);
      case 'appendElement': {
        const loc = this.loc(op.array);
        const c = loc?.container;
        if (!loc || !c) return undefined;
        if (c.lastChildEnd === undefined) return [{ range: at(c.open + 1), newText: op.value }];
        return [{ range: at(c.lastChildEnd), newText: `, ${op.value}` }];
      }
      case 'wrapMember': {
        const loc = this.loc(op.path);
        if (!loc?.key) return undefined;
        return [
          { range: loc.key, newText: `${JSON.stringify(op.outerKey)}: {${JSON.stringify(op.innerKey)}` },
          { range: at(loc.value.end), newText: '}' },
        ];
      }
      case 'wrapValue': {
        const loc = this.loc(op.path);
        if (!loc) return undefined;
        return [
          { range: at(loc.value.start), newText: op.before },
          { range: at(loc.value.end), newText: op.after },
        ];
      }
    }
  }

  private removeMember(path: JsonPath): TextEdit[] | undefined {
    const loc = this.loc(path);
    if (!loc) return undefined;
    const start = loc.key?.start ?? loc.value.start;
    // Take the separator that follows (up to the next member) or, for the last member, the one before it.
    if (loc.nextStart !== undefined) return [{ range: { start, end: loc.nextStart }, newText: '' }];
    if (loc.prevEnd !== undefined) return [{ range: { start: loc.prevEnd, end: loc.value.end }, newText: '' }];
    return [{ range: { start, end: loc.value.end }, newText: '' }];
  }

  private insertMember(op: Extract<FixOp, { op: 'insertMember' }>): TextEdit[] | undefined {
    const loc = this.loc(op.object);
    const c = loc?.container;
    if (!loc || !c) return undefined;
    let valueText: string;
    if (typeof op.value === 'string') valueText = op.value;
    else {
      const src = this.loc(op.value.copyOf);
      if (!src) return undefined;
      valueText = this.text.slice(src.value.start, src.value.end);
    }
    const memberText = `${JSON.stringify(op.key)}: ${valueText}`;
    if (c.firstChildStart === undefined || c.lastChildEnd === undefined) return [{ range: at(c.open + 1), newText: memberText }];
    // Reuse the whitespace between `{` and the first member as the separator, so line breaks and indentation match.
    const gap = this.text.slice(c.open + 1, c.firstChildStart);
    const sep = /^\s*$/.test(gap) ? gap : ' ';
    if (op.position === 'start') return [{ range: at(c.firstChildStart), newText: `${memberText},${sep || ' '}` }];
    return [{ range: at(c.lastChildEnd), newText: `,${sep || ' '}${memberText}` }];
  }

  finding(p: PendingFinding): Finding | undefined {
    const range = this.range(p.at);
    if (!range) return undefined;
    const f: Finding = { code: p.code, severity: p.severity, message: p.message, range };
    const fixes: Fix[] = [];
    for (const pf of p.fixes ?? []) {
      const edits: TextEdit[] = [];
      let ok = true;
      for (const op of pf.ops) {
        const e = this.edits(op);
        if (!e) {
          ok = false;
          break;
        }
        edits.push(...e);
      }
      if (!ok || overlapping(edits)) continue;
      const fix: Fix = { title: pf.title, edits };
      if (pf.preferred) fix.preferred = true;
      fixes.push(fix);
    }
    if (fixes.length > 0) f.fixes = fixes;
    return f;
  }
}

function at(offset: number): OffsetRange {
  return { start: offset, end: offset };
}

function overlapping(edits: TextEdit[]): boolean {
  const sorted = [...edits].sort((a, b) => a.range.start - b.range.start);
  for (let i = 1; i < sorted.length; i++) {
    const prev = sorted[i - 1];
    const cur = sorted[i];
    if (prev && cur && cur.range.start < prev.range.end) return true;
  }
  return false;
}

export { applyEdits } from '../findings';
