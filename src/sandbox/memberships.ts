// Which groups each user belongs to, kept current from every change to the group store, so a user's read-only
// `groups` attribute (RFC 7643 §4.1.2) costs one map lookup per user even on a page of 1000 users.
import type { ResourceStore, ScimRecord } from './store';

export interface GroupRef {
  value: string;
  display?: string;
}

function memberIds(group: ScimRecord | undefined): string[] {
  const members = group?.['members'];
  if (!Array.isArray(members)) return [];
  return members.flatMap((m) => {
    const value = (m as { value?: unknown } | null)?.value;
    return typeof value === 'string' ? [value] : [];
  });
}

export class MembershipIndex {
  private readonly byUser = new Map<string, Map<string, string | undefined>>();

  constructor(groups: ResourceStore) {
    groups.subscribe((before, after) => {
      if (before) for (const id of memberIds(before)) this.byUser.get(id)?.delete(before.id);
      if (after) {
        const display = typeof after['displayName'] === 'string' ? after['displayName'] : undefined;
        for (const id of memberIds(after)) {
          let groupsOfUser = this.byUser.get(id);
          if (!groupsOfUser) this.byUser.set(id, (groupsOfUser = new Map()));
          groupsOfUser.set(after.id, display);
        }
      }
    });
  }

  groupsOf(userId: string): GroupRef[] {
    const groups = this.byUser.get(userId);
    if (!groups || groups.size === 0) return [];
    return [...groups].map(([value, display]) => (display === undefined ? { value } : { value, display }));
  }
}
