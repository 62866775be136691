// Stable finding codes of request files (language `scim-request`), with the one-line meaning the README shows.
// Bodies and query filters report the payload and filter codes they share with `.scim.json` files.
export const REQUEST_FILE_CODES = {
  REQUEST_LINE_MALFORMED: 'The request line is not `METHOD path-or-URL [HTTP/1.1]`: unknown or lower-case method, missing or relative path, text after the path.',
  REQUEST_HEADER_MALFORMED: 'A line in the header section is not `Name: value` (or a body does not follow a blank line).',
  REQUEST_SYNTAX: 'A line that is neither a request, a header, a comment, `# @app <id>` nor `@name = value`.',
  REQUEST_UNKNOWN_APP: '`# @app` names an application that no registry in the workspace (nor the running sandbox) defines.',
  REQUEST_UNKNOWN_VARIABLE: '`{{name}}` is not a file variable (`@name = value`) nor a built-in (`app.*`, `lastResponse.*`, `$uuid`...).',
  REQUEST_VARIABLE_INVALID: 'A malformed reference: `{{` without `}}`, a bad `$randomInt`/`$prompt`, a definition that refers to itself.',
  REQUEST_VARIABLE_UNRESOLVED: 'When sending: a reference with no value (no previous response in the file, a field the last response lacks, a `$prompt` nobody can answer).',
  REQUEST_DUPLICATE_VARIABLE: 'A file variable is defined twice; the first definition is used.',
  REQUEST_UNKNOWN_QUERY_PARAMETER: 'A query parameter that is a near miss of a SCIM one (`filtr`): servers ignore unknown parameters silently.',
  REQUEST_LITERAL_SECRET: 'A credential written into the file (Authorization value, JWT, vendor token, credentials in the URL). Auth comes from the registry.',
  REQUEST_OTHER_ORIGIN: 'An absolute URL on another origin than the application\'s baseUrl: its credentials go only to its own origin, so the request is not sent.',
  REQUEST_AUTHORIZATION_HEADER: 'The request sets `Authorization` itself; the registry\'s credentials replace it (it is sent only with `auth.type: none`).',
} as const;

export type RequestFileCode = keyof typeof REQUEST_FILE_CODES;
