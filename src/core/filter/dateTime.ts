// SCIM dateTime values are xsd:dateTime strings (RFC 7643 §2.3.5), in practice RFC 3339 with a 'Z' or an
// offset. Filters carry them as string literals, so the evaluator and the checks need to recognise them.

const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(\.\d+)?([Zz]|[+-]\d{2}:\d{2})?$/;

function isLeap(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

function daysInMonth(y: number, m: number): number {
  return m === 2 ? (isLeap(y) ? 29 : 28) : [4, 6, 9, 11].includes(m) ? 30 : 31;
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
export function dateTimeToEpoch(s: string): number | undefined {
  const m = DATE_TIME.exec(s);
  if (!m) return undefined;
  const [year, month, day, hour, minute, second] = [m[1], m[2], m[3], m[4], m[5], m[6]].map(Number) as [
    number, number, number, number, number, number,
  ];
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  if (hour > 23 || minute > 59 || second > 60) return undefined;
  let offsetMinutes = 0;
  const zone = m[8];
  if (zone !== undefined && zone.length > 1) {
    const oh = Number(zone.slice(1, 3));
    const om = Number(zone.slice(4, 6));
    if (oh > 23 || om > 59) return undefined;
    offsetMinutes = (zone[0] === '-' ? -1 : 1) * (oh * 60 + om);
  }
  const fraction = m[7] !== undefined ? Number('0' + m[7]) * 1000 : 0;
  const seconds = daysFromCivil(year, month, day) * 86400 + hour * 3600 + minute * 60 + second - offsetMinutes * 60;
  return seconds * 1000 + fraction;
}

/** True for `2011-05-13T04:42:34Z`, `2011-05-13T04:42:34.123+02:00` and (xsd style) without an offset. */
export function looksLikeDateTime(s: string): boolean {
  return dateTimeToEpoch(s) !== undefined;
}
