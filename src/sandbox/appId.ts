// App ids become URL path segments (/apps/<id>/scim/v2); kept apart so the config linter needs no runtime code.
export const APP_ID_PATTERN = /^[A-Za-z0-9._-]{1,64}$/;

export function appBasePath(appId: string): string {
  return `/apps/${appId}/scim/v2`;
}
