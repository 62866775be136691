// groups: does a membership change the IdP sends really happen? Creates a test group and two test users, adds
// and removes them in the RFC form and in the chosen IdP's form, and after each change reads the group (and
// the users' `groups`, when the server returns them): changes that answer 2xx but do nothing, changes that do
// something else, repeated adds that list a member twice, and forms the server refuses.
import type { SendResult } from '../http';
import type { CreatedResource, ProbeContext } from './context';
import { RFC_STYLE, idpStyle, patchBody, type MemberChange } from './idpProfiles';
import { bodyOf, outcome, patchOwn, readOwn, referenceValues, refused } from './ownResources';
import type { Probe } from './types';

interface Membership {
  /** Member ids as the group lists them (a member listed twice appears twice); undefined when not shown. */
  values: string[] | undefined;
  evidence: string[];
}

async function readMembers(ctx: ProbeContext, group: CreatedResource): Promise<Membership> {
  const plain = await readOwn(ctx, group);
  const values = referenceValues(bodyOf(plain), 'members');
  if (values !== undefined || !plain.ok) return { values, evidence: [plain.exchange.id] };
  // `members` may be returned only on request.
  const asked = await readOwn(ctx, group, { attributes: 'members' });
  return { values: referenceValues(bodyOf(asked), 'members'), evidence: [plain.exchange.id, asked.exchange.id] };
}

const sameSet = (a: Iterable<string>, b: Iterable<string>): boolean => {
  const x = new Set(a);
  const y = new Set(b);
  return x.size === y.size && [...x].every((v) => y.has(v));
};

type Step = {
  label: string;
  change: MemberChange;
  expect: (current: Set<string>) => Set<string>;
  /** A member that must already be in the group for the step to say anything (a repeated add, a removal). */
  requires?: string;
  duplicateCheck?: string;
};

class GroupsRun {
  private readonly reported = new Map<string, { evidence: string[] }>();
  private membersHidden = false;
  /** Whether the server shows a group's members at all (an empty list may simply be left out). */
  private membersVisible: boolean | undefined;
  /** Whether the server returns users' `groups` at all (learnt the first time one is missing). */
  private userGroupsReturned: boolean | undefined;
  private touches = 0;
  private visibilityEvidence: string[] = [];
  userGroupsSeen = false;
  problems = 0;

  constructor(
    private readonly ctx: ProbeContext,
    private readonly group: CreatedResource,
    private readonly users: CreatedResource[],
  ) {}

  private name(id: string): string {
    return this.users.find((u) => u.id === id)?.name ?? id;
  }

  private describe(ids: Iterable<string>): string {
    const list = [...ids].map((id) => this.name(id));
    return list.length ? list.join(', ') : 'no members';
  }

  /** One finding per code and form; later evidence joins it. */
  private report(code: 'GROUP_MEMBERS_NOT_REFLECTED' | 'GROUP_PATCH_IGNORED' | 'GROUP_DUPLICATE_MEMBER', key: string, message: string, evidence: string[]): void {
    const id = `${code} ${key}`;
    const known = this.reported.get(id);
    if (known) {
      known.evidence.push(...evidence.filter((e) => !known.evidence.includes(e)));
      return;
    }
    this.problems++;
    this.reported.set(id, this.ctx.finding(code, message, evidence));
  }

  async step(step: Step, current: Set<string>): Promise<Set<string> | undefined> {
    const { ctx, group } = this;
    const expected = step.expect(current);
    const sent = await patchOwn(ctx, group, step.change.body);
    if (!sent.ok && !refused(sent)) {
      // A server failure says nothing about the form; the membership is read again and the run goes on.
      ctx.check(step.label, 'warn', `the ${step.change.form} answered ${outcome(sent)} even when retried: no verdict on this form`, { evidence: [sent.exchange.id] });
      return this.reread(current);
    }
    if (!sent.ok) {
      const message = `The ${step.change.form} (${step.label}) was answered ${outcome(sent)}: an IdP sending it cannot change this group's membership.`;
      this.report('GROUP_MEMBERS_NOT_REFLECTED', step.change.form, message, [sent.exchange.id]);
      ctx.check(step.label, 'fail', message, { codes: ['GROUP_MEMBERS_NOT_REFLECTED'], evidence: [sent.exchange.id] });
      return this.reread(current);
    }
    const read = await this.members();
    const evidence = [sent.exchange.id, ...read.evidence];
    if (read.values === undefined) {
      this.membersHidden = true;
      return this.userSide(step, expected, [...evidence, ...this.visibilityEvidence], sent);
    }
    const got = new Set(read.values);
    if (step.duplicateCheck !== undefined) {
      const times = read.values.filter((v) => v === step.duplicateCheck).length;
      if (times > 1) {
        const message = `Adding ${this.name(step.duplicateCheck)} again (${step.change.form}) lists it ${times} times: adds are not idempotent.`;
        this.report('GROUP_DUPLICATE_MEMBER', step.change.form, message, evidence);
        ctx.check(step.label, 'fail', message, { codes: ['GROUP_DUPLICATE_MEMBER'], evidence });
        return got;
      }
    }
    if (sameSet(got, expected)) {
      ctx.check(step.label, 'pass', `${step.change.form} answered ${sent.status}; the group lists ${this.describe(got)}`, { evidence });
      await this.userSide(step, expected, evidence, sent, current);
      return got;
    }
    if (sameSet(got, current)) {
      const message = `The ${step.change.form} (${step.label}) answered ${sent.status} but the membership did not change: the group still lists ${this.describe(got)}, not ${this.describe(expected)}.`;
      this.report('GROUP_PATCH_IGNORED', step.change.form, message, evidence);
      ctx.check(step.label, 'fail', message, { codes: ['GROUP_PATCH_IGNORED'], evidence });
      return got;
    }
    const message = `After the ${step.change.form} (${step.label}, answered ${sent.status}) the group lists ${this.describe(got)}, not ${this.describe(expected)}.`;
    this.report('GROUP_MEMBERS_NOT_REFLECTED', step.change.form, message, evidence);
    ctx.check(step.label, 'fail', message, { codes: ['GROUP_MEMBERS_NOT_REFLECTED'], evidence });
    return got;
  }

  /** The users whose membership the step changed must show the group in `groups`, when the server returns it. */
  private async userSide(step: Step, expected: Set<string>, evidence: string[], sent: SendResult, before?: Set<string>): Promise<Set<string> | undefined> {
    const { ctx, group } = this;
    const affected = this.users.filter((u) => u.id !== undefined && (before === undefined || before.has(u.id) !== expected.has(u.id)));
    let shown = 0;
    let wrong = 0;
    for (const u of affected) {
      const should = expected.has(u.id as string);
      const seen = await this.userGroups(u, should);
      if (seen === undefined) continue;
      shown++;
      const listed = seen.groups.includes(group.id as string);
      if (listed !== should || seen.touched) {
        wrong++;
        const message = listed !== should
          ? `After the ${step.change.form} (${step.label}, answered ${sent.status}) user ${u.name} ${should ? 'does not list' : 'still lists'} the group in its \`groups\`.`
          : `After the ${step.change.form} (${step.label}, answered ${sent.status}) user ${u.name} had no \`groups\`; they showed the group only after the user itself was written, so users' groups are not kept up to date.`;
        this.report('GROUP_MEMBERS_NOT_REFLECTED', 'user groups', message, [...evidence, ...seen.evidence]);
        ctx.check(`${step.label}: user's groups`, 'fail', message, { codes: ['GROUP_MEMBERS_NOT_REFLECTED'], evidence: [...evidence, ...seen.evidence] });
      }
    }
    if (before !== undefined) return expected;
    if (shown === 0) {
      const message = `The group never shows its \`members\` (not even with attributes=members, nor for a group created with a member) and users carry no \`groups\`: no client can see that the ${step.change.form} (answered ${sent.status}) took effect.`;
      this.report('GROUP_MEMBERS_NOT_REFLECTED', 'hidden', message, evidence);
      ctx.check(step.label, 'fail', message, { codes: ['GROUP_MEMBERS_NOT_REFLECTED'], evidence });
      return undefined;
    }
    if (wrong === 0) ctx.check(step.label, 'pass', `${step.change.form} answered ${sent.status}; the group hides its members, the users' groups show the change`, { evidence });
    return expected;
  }

  /**
   * A user's `groups`, or undefined when the server does not return them. An absent `groups` on a user that
   * should be a member may be an attribute the server only refreshes when the user itself is written: a harmless
   * write (a new displayName on the probe's own user) tells that apart from one never returned.
   */
  private async userGroups(u: CreatedResource, shouldBeMember: boolean): Promise<{ groups: string[]; evidence: string[]; touched: boolean } | undefined> {
    const read = await readOwn(this.ctx, u);
    const groups = referenceValues(bodyOf(read), 'groups');
    if (groups !== undefined) {
      this.userGroupsSeen = true;
      return { groups, evidence: [read.exchange.id], touched: false };
    }
    if (!shouldBeMember || this.userGroupsReturned === false) return undefined;
    // A write that changes nothing may not count as one: set a new displayName (the probe's own user).
    const touch = await patchOwn(this.ctx, u, patchBody({ op: 'replace', path: 'displayName', value: `${u.name} (touched ${++this.touches})` }));
    const again = await readOwn(this.ctx, u);
    const after = referenceValues(bodyOf(again), 'groups');
    this.userGroupsReturned = after !== undefined;
    if (after === undefined) return undefined;
    this.userGroupsSeen = true;
    return { groups: after, evidence: [read.exchange.id, touch.exchange.id, again.exchange.id], touched: true };
  }

  private async reread(fallback: Set<string>): Promise<Set<string> | undefined> {
    const read = await this.members();
    return read.values === undefined ? (this.membersHidden ? undefined : fallback) : new Set(read.values);
  }

  /**
   * The group's members; an absent `members` reads as empty once the server is known to show members (it may
   * leave an empty list out), and as unknown (undefined) when it does not show them at all.
   */
  private async members(): Promise<Membership> {
    const read = await readMembers(this.ctx, this.group);
    if (read.values !== undefined) {
      if (read.values.length > 0) this.membersVisible = true;
      return read;
    }
    return (await this.showsMembers()) ? { values: [], evidence: read.evidence } : read;
  }

  /** Creates a second test group with a member and reads it: does the server show members at all? */
  private async showsMembers(): Promise<boolean> {
    if (this.membersVisible !== undefined) return this.membersVisible;
    const first = this.users[0] as CreatedResource;
    const probeGroup = await this.ctx.createGroup(this.ctx.newName('visible'), { members: [{ value: first.id }] });
    this.visibilityEvidence = [probeGroup.result.exchange.id];
    if (probeGroup.id === undefined) {
      this.membersVisible = false;
      return false;
    }
    const read = await readMembers(this.ctx, probeGroup);
    this.visibilityEvidence.push(...read.evidence);
    this.membersVisible = (read.values?.length ?? 0) > 0;
    return this.membersVisible;
  }
}

export const groupsProbe: Probe = {
  name: 'groups',
  title: 'Checking group membership changes',
  writes: 'always',
  async run(ctx) {
    const style = idpStyle(ctx.idpProfile);
    const group = await ctx.createGroup(ctx.newName('group'));
    if (group.id === undefined) ctx.skip(`could not create the test group (${outcome(group.result)})`);
    const users: CreatedResource[] = [];
    for (const label of ['member-a', 'member-b']) {
      const u = await ctx.createUser(ctx.newName(label));
      if (u.id === undefined) ctx.skip(`could not create a test user (${outcome(u.result)})`);
      users.push(u);
    }
    ctx.check('create test group and members', 'pass', `${group.name} with ${users.map((u) => u.name).join(', ')}`, {
      evidence: [group.result.exchange.id, ...users.map((u) => u.result.exchange.id)],
    });
    const [a, b] = users.map((u) => u.id as string) as [string, string];
    const add = (ids: string[]) => (cur: Set<string>) => new Set([...cur, ...ids]);
    const remove = (ids: string[]) => (cur: Set<string>) => new Set([...cur].filter((v) => !ids.includes(v)));

    const steps: Step[] = [
      { label: 'add a member (RFC)', change: RFC_STYLE.addMembers([a]), expect: add([a]) },
      { label: 'add the same member again (RFC)', change: RFC_STYLE.addMembers([a]), expect: add([a]), requires: a, duplicateCheck: a },
      { label: 'add a second member (RFC)', change: RFC_STYLE.addMembers([b]), expect: add([b]) },
      { label: 'remove one member (RFC)', change: RFC_STYLE.removeMembers([a], [b]), expect: remove([a]), requires: a },
    ];
    if (style !== RFC_STYLE) {
      steps.push(
        { label: `add a member (${style.name})`, change: style.addMembers([a]), expect: add([a]) },
        { label: `remove one member (${style.name})`, change: style.removeMembers([b], [a]), expect: remove([b]), requires: b },
      );
    }

    const runState = new GroupsRun(ctx, group, users);
    let current: Set<string> | undefined = new Set();
    for (const [i, step] of steps.entries()) {
      ctx.progress(step.label, i, steps.length);
      if (current === undefined) {
        ctx.check(step.label, 'skipped', 'memberships cannot be read back, so the change cannot be verified');
        continue;
      }
      if (step.requires !== undefined && !current.has(step.requires)) {
        ctx.check(step.label, 'skipped', 'the member it needs is not in the group (an earlier change did not take effect)');
        continue;
      }
      current = await runState.step(step, current);
    }
    ctx.observe('forms', steps.map((s) => s.change.form).filter((f, i, all) => all.indexOf(f) === i));
    ctx.observe('userGroupsReturned', runState.userGroupsSeen);
    ctx.observe('problems', runState.problems);
    ctx.summary(runState.problems === 0 ? `${steps.length} membership changes reflected` : `${runState.problems} membership problem${runState.problems === 1 ? '' : 's'}`);
  },
};
