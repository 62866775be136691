// An application's credentials go only to the origin of its baseUrl (the HTTP engine refuses anything else), so a
// request file's absolute URL on another origin is flagged as it is written and refused before anything is sent.

function originOf(url: string): string | undefined {
  try {
    const u = new URL(url);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.origin : undefined;
  } catch {
    return undefined;
  }
}

/** Why `origin` may not receive a request for `app`, or undefined when it is the app's own origin (or unknowable). */
export function otherOriginProblem(origin: string, app: { id: string; baseUrl?: string }): string | undefined {
  const own = app.baseUrl === undefined ? undefined : originOf(app.baseUrl);
  if (own === undefined || originOf(origin) === own) return undefined;
  return `${origin} is not the origin of \`${app.id}\` (${own}): an application's credentials are only sent to its own origin, so this request is not sent. Use a path (\`/Users\`) or \`{{app.baseUrl}}\`, or send it with the application whose baseUrl is on ${origin}.`;
}

/** The written origin at the start of a request target (`https://host:port`), when no reference is part of it. */
export function writtenOrigin(target: string): { text: string; origin: string } | undefined {
  const m = /^https?:\/\/[^/?#{}\s]+/i.exec(target);
  if (!m || target.slice(m[0].length).startsWith('{{')) return undefined;
  const origin = originOf(m[0]);
  return origin ? { text: m[0], origin } : undefined;
}
