import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ACTIONS, can, forbidden, POLICY, ROLES, type Action, type Role } from './index.ts';

// The table as README states it, written out by hand: a change to POLICY that is not also made
// here (and in README's "Who may do what") fails this test.
const EXPECTED: Record<Action, Record<Role, boolean>> = {
  'board.view': { owner: true, editor: true, viewer: true },
  'board.edit': { owner: true, editor: true, viewer: false },
  'board.create': { owner: true, editor: true, viewer: false },
  'board.rename': { owner: true, editor: true, viewer: false },
  'board.archive': { owner: true, editor: false, viewer: false },
  'views.manage': { owner: true, editor: true, viewer: false },
  'workspace.rename': { owner: true, editor: false, viewer: false },
  'workspace.aqsBands': { owner: true, editor: false, viewer: false },
  'workspace.leave': { owner: true, editor: true, viewer: true },
  'members.view': { owner: true, editor: true, viewer: true },
  'members.invite': { owner: true, editor: false, viewer: false },
  'members.changeRole': { owner: true, editor: false, viewer: false },
  'members.remove': { owner: true, editor: false, viewer: false },
  'apiTokens.personal': { owner: true, editor: true, viewer: true },
  'apiTokens.workspace': { owner: true, editor: false, viewer: false },
  'webhooks.manage': { owner: true, editor: false, viewer: false },
  'files.upload': { owner: true, editor: true, viewer: false },
  'shareLinks.manage': { owner: true, editor: true, viewer: false },
  'outreach.templates': { owner: true, editor: true, viewer: false },
  'outreach.smtp': { owner: true, editor: false, viewer: false },
  'outreach.send': { owner: true, editor: true, viewer: false },
};

describe('the policy table', () => {
  it('lists exactly the actions of the expected table', () => {
    expect([...ACTIONS].sort()).toEqual(Object.keys(EXPECTED).sort());
  });

  describe.each(ACTIONS)('%s', (action) => {
    it.each(ROLES)(`answers for %s as the expected table says`, (role) => {
      expect(can(role, action)).toBe(EXPECTED[action][role]);
    });

    it('allows nothing to someone who is not a member', () => {
      expect(can(null, action)).toBe(false);
      expect(can(undefined, action)).toBe(false);
    });
  });

  it('names the roles that may act in the refusal, from the table itself', () => {
    expect(forbidden('board.archive')).toEqual({
      code: 'forbidden',
      message: 'Only owners can archive or restore boards.',
    });
    expect(forbidden('board.create').message).toBe('Only owners and editors can create boards.');
  });

  it('gives every action a refusal sentence', () => {
    for (const action of ACTIONS) expect(forbidden(action).message).toMatch(/^Only [a-z ,]+ can [a-z ]+\.$/);
  });

  it('keeps every action allowed to at least one role', () => {
    for (const action of ACTIONS) expect(POLICY[action].length).toBeGreaterThan(0);
  });

  it("is the table README shows under 'Who may do what'", () => {
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    const section = readme.split('## Who may do what')[1]!.split('\n## ')[0]!;
    const rows = section.split('\n').filter((line) => line.startsWith('| `'));
    const documented = Object.fromEntries(
      rows.map((row) => {
        const [action, , ...answers] = row
          .split('|')
          .slice(1, -1)
          .map((cell) => cell.trim());
        return [action!.replaceAll('`', ''), Object.fromEntries(ROLES.map((role, i) => [role, answers[i] === 'yes']))];
      }),
    );
    expect(documented).toEqual(EXPECTED);
  });
});
