// The runner panel's HTML, as generated: a CSP with default-src 'none' and a nonce of 144 random bits that
// differs on every render, every <script> carrying it, no inline handlers or inline scripts, no data in the markup;
// and the page's code never builds HTML from strings (it creates elements and sets text).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runnerShellHtml } from '../../../src/vscode/runner/runnerShellHtml';

const sources = { cspSource: 'https://file+.vscode-resource.vscode-cdn.net', script: 'https://x.vscode-cdn.net/ext/dist/webview.js', style: 'https://x.vscode-cdn.net/ext/media/runner.css' };

function policyOf(html: string): Map<string, string> {
  const content = /<meta http-equiv="Content-Security-Policy" content="([^"]*)">/.exec(html)?.[1];
  assert.ok(content, 'a CSP meta tag');
  return new Map(content.split(';').map((d) => d.trim()).filter(Boolean).map((d) => {
    const [name, ...values] = d.split(/\s+/);
    return [name as string, values.join(' ')];
  }));
}

test('the CSP: default-src none, scripts by nonce only, styles/fonts/images from the extension only', () => {
  const html = runnerShellHtml(sources);
  const policy = policyOf(html);
  assert.equal(policy.get('default-src'), "'none'");
  assert.match(policy.get('script-src') ?? '', /^'nonce-[A-Za-z0-9+/]+=*'$/, 'a nonce and nothing else: no unsafe-inline, no host');
  for (const d of ['style-src', 'font-src', 'img-src']) assert.equal(policy.get(d), sources.cspSource, d);
  assert.ok(![...policy.values()].some((v) => /unsafe-|\*|data:|http:/.test(v)), [...policy].join('; '));
});

test('the nonce: 144 bits, different on every render, carried by every script', () => {
  const seen = new Set<string>();
  for (let i = 0; i < 2000; i++) {
    const html = runnerShellHtml(sources);
    const nonce = /script-src 'nonce-([^']+)'/.exec(html)?.[1] ?? '';
    assert.ok(Buffer.from(nonce, 'base64').length >= 16, `at least 128 bits: ${nonce}`);
    assert.equal(Buffer.from(nonce, 'base64').toString('base64'), nonce, 'plain base64');
    seen.add(nonce);
    const scripts = html.match(/<script\b[^>]*>/g) ?? [];
    assert.equal(scripts.length, 1);
    for (const s of scripts) assert.ok(s.includes(` nonce="${nonce}"`), s);
  }
  assert.equal(seen.size, 2000, 'no nonce repeats');
  const bytes = [...seen].flatMap((n) => [...Buffer.from(n, 'base64')]);
  const ones = bytes.reduce((sum, b) => sum + b.toString(2).replaceAll('0', '').length, 0);
  // 288,000 random bits: half ones within a few tenths of a percent (a counter or a timestamp would not be).
  assert.ok(Math.abs(ones / (bytes.length * 8) - 0.5) < 0.01, `bit balance ${ones / (bytes.length * 8)}`);
});

test('no inline handlers, no inline script, no javascript: URLs', () => {
  const html = runnerShellHtml(sources, 'FIXEDnonceFIXEDnonceFIXE');
  assert.doesNotMatch(html, /\son[a-z]+\s*=/i, 'no on* attributes');
  assert.doesNotMatch(html, /javascript:/i);
  assert.doesNotMatch(html, /<script\b[^>]*>[^<\s]/, 'every script is loaded by src, none inline');
  assert.match(html, /<script nonce="FIXEDnonceFIXEDnonceFIXE" src="https:\/\/x\.vscode-cdn\.net\/ext\/dist\/webview\.js"><\/script>/);
});

test('the page never builds HTML from strings: no innerHTML, outerHTML, insertAdjacentHTML or document.write', () => {
  const dir = join(__dirname, '../../../src/webview');
  const files = readdirSync(dir).filter((f) => f.endsWith('.ts'));
  assert.ok(files.length >= 5, files.join(', '));
  for (const f of files) {
    assert.doesNotMatch(readFileSync(join(dir, f), 'utf8'), /\binnerHTML\b|\bouterHTML\b|insertAdjacentHTML|document\.write|DOMParser|createContextualFragment/, f);
  }
});
