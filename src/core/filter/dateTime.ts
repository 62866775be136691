// SCIM dateTime values are xsd:dateTime strings (RFC 7643 §2.3.5), in practice RFC 3339 with a 'Z' or an
// offset. Filters carry them as string literals, so the evaluator and the checks need to recognise them.

/** The value of `count` ASCII digits at `at`, or -1. */
function digits(s: string, at: number, count: number): number {
  let v = 0;
  for (let i = at; i < at + count; i++) {
    const c = s.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return -1;
    v = v * 10 + c;
  }
  return v;
}

function isLeap(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

function daysInMonth(y: number, m: number): number {
  return m === 2 ? (isLeap(y) ? 29 : 28) : m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
}

// Days since 1970-01-01 for a proleptic Gregorian date (H. Hinnant's algorithm): Date.UTC maps years 0-99 to
// 1900-1999, which would misorder such values.
function daysFromCivil(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/**
 * Milliseconds since the epoch (fractions of a millisecond kept), or undefined when `s` is not a dateTime.
 * A value without an offset is taken as UTC, as xsd:dateTime leaves it undetermined.
 */
// `YYYY-MM-DDThh:mm:ss[.fraction][Z|±hh:mm]`, read by character: the evaluator parses every record's value.
export function dateTimeToEpoch(s: string): number | undefined {
  const n = s.length;
  if (n < 19) return undefined;
  const year = digits(s, 0, 4);
  const month = digits(s, 5, 2);
  const day = digits(s, 8, 2);
  const hour = digits(s, 11, 2);
  const minute = digits(s, 14, 2);
  const second = digits(s, 17, 2);
  const t = s.charCodeAt(10);
  if (year < 0 || month < 0 || day < 0 || hour < 0 || minute < 0 || second < 0) return undefined;
  if (s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45 || (t !== 84 && t !== 116) || s.charCodeAt(13) !== 58 || s.charCodeAt(16) !== 58) return undefined;
  let i = 19;
  let fraction = 0;
  if (s.charCodeAt(i) === 46 /* . */) {
    let j = i + 1;
    while (j < n && digits(s, j, 1) >= 0) j++;
    if (j === i + 1) return undefined;
    fraction = Number('0' + s.slice(i, j)) * 1000;
    i = j;
  }
  let offsetMinutes = 0;
  if (i < n) {
    const z = s.charCodeAt(i);
    if (z === 90 || z === 122) {
      if (i + 1 !== n) return undefined;
    } else if ((z === 43 || z === 45) && n === i + 6 && s.charCodeAt(i + 3) === 58) {
      const oh = digits(s, i + 1, 2);
      const om = digits(s, i + 4, 2);
      if (oh < 0 || om < 0 || oh > 23 || om > 59) return undefined;
      offsetMinutes = (z === 45 ? -1 : 1) * (oh * 60 + om);
    } else {
      return undefined;
    }
  }
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  if (hour > 23 || minute > 59 || second > 60) return undefined;
  const seconds = daysFromCivil(year, month, day) * 86400 + hour * 3600 + minute * 60 + second - offsetMinutes * 60;
  return seconds * 1000 + fraction;
}

/** True for `2011-05-13T04:42:34Z`, `2011-05-13T04:42:34.123+02:00` and (xsd style) without an offset. */
export function looksLikeDateTime(s: string): boolean {
  return dateTimeToEpoch(s) !== undefined;
}
