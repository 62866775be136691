// Maps offsets in a decoded JSON string value back to offsets in its source token, so findings inside a
// filter or PATCH path land on the right characters even when the string contains escapes (\" \\ \u0041).

/**
 * `raw` is the string token including its quotes; `decodedOffset` counts UTF-16 units of the decoded value.
 * Returns the offset relative to the token start.
 */
export function rawOffsetInString(raw: string, decodedOffset: number): number {
  let r = 1;
  let d = 0;
  const end = raw.length - 1;
  while (d < decodedOffset && r < end) {
    if (raw.charCodeAt(r) === 92 /* \ */) r += raw.charCodeAt(r + 1) === 117 /* u */ ? 6 : 2;
    else r++;
    d++;
  }
  return Math.min(r, Math.max(1, end));
}
