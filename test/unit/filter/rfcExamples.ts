// RFC 7644 §3.4.2.2 filter examples and §3.5.2 PATCH paths, verbatim, with their canonical printed forms.

export const RFC_FILTERS: Array<{ text: string; canonical?: string }> = [
  { text: 'userName eq "bjensen"' },
  { text: `name.familyName co "O'Malley"` },
  { text: 'userName sw "J"' },
  { text: 'urn:ietf:params:scim:schemas:core:2.0:User:userName sw "J"' },
  { text: 'title pr' },
  { text: 'meta.lastModified gt "2011-05-13T04:42:34Z"' },
  { text: 'meta.lastModified ge "2011-05-13T04:42:34Z"' },
  { text: 'meta.lastModified lt "2011-05-13T04:42:34Z"' },
  { text: 'meta.lastModified le "2011-05-13T04:42:34Z"' },
  { text: 'title pr and userType eq "Employee"' },
  { text: 'title pr or userType eq "Intern"' },
  { text: 'schemas eq "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"' },
  { text: 'userType eq "Employee" and (emails co "example.com" or emails.value co "example.org")' },
  { text: 'userType ne "Employee" and not (emails co "example.com" or emails.value co "example.org")' },
  { text: 'userType eq "Employee" and (emails.type eq "work")', canonical: 'userType eq "Employee" and emails.type eq "work"' },
  { text: 'userType eq "Employee" and emails[type eq "work" and value co "@example.com"]' },
  { text: 'emails[type eq "work" and value co "@example.com"] or ims[type eq "xmpp" and value co "@foo.com"]' },
];

export const RFC_PATCH_PATHS: Array<{ text: string; canonical?: string }> = [
  { text: 'members' },
  { text: 'name.familyName' },
  { text: 'addresses[type eq "work"]' },
  { text: 'members[value eq "2819c223-7f76-453a-919d-413861904646"]' },
  { text: 'members[value eq "2819c223-7f76-453a-919d-413861904646"].displayName' },
  { text: 'emails[type eq "work" and value ew "example.com"]' },
  { text: 'addresses[type eq "work"].streetAddress' },
  { text: 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager' },
  { text: 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber' },
  { text: 'emails[type eq "work"].value' },
];
