import { can, templateInputSchema, unknownVariables, type Action } from '@roster/shared';
import type { Sql } from '../db/client.ts';
import type { Workspaces } from '../domain/workspaces.ts';
import { isId, newId } from '../ids.ts';
import { denied, fail, parseInput, type Result } from '../validation.ts';

export const MAX_TEMPLATES_PER_WORKSPACE = 100;

export interface Template {
  id: string;
  name: string;
  subject: string;
  body: string;
  updatedAt: Date;
}

const LABELS = { name: 'Name', subject: 'Subject', body: 'Message' };

/** A workspace's message templates: every member reads them, owners and editors change them. */
export class Templates {
  constructor(
    private readonly sql: Sql,
    private readonly workspaces: Workspaces,
  ) {}

  private async check(actorId: string, workspaceId: string, action: Action | null): Promise<Result<object>> {
    if (!isId(workspaceId)) return fail(404, 'workspace_not_found', 'Workspace not found.');
    const role = await this.workspaces.roleOf(workspaceId, actorId);
    if (!role) return fail(404, 'workspace_not_found', 'Workspace not found.');
    if (action && !can(role, action)) return denied(action);
    return { ok: true };
  }

  async list(actorId: string, workspaceId: string): Promise<Result<{ templates: Template[] }>> {
    const allowed = await this.check(actorId, workspaceId, null);
    if (!allowed.ok) return allowed;
    const templates = await this.sql<Template[]>`
      select id, name, subject, body, updated_at as "updatedAt" from outreach_templates
      where workspace_id = ${workspaceId} order by lower(name), id`;
    return { ok: true, templates };
  }

  /** Creates a template (no `templateId`) or changes one. Unknown {{variables}} are refused here already. */
  async save(
    actorId: string,
    workspaceId: string,
    input: unknown,
    templateId?: string,
  ): Promise<Result<{ template: Template }>> {
    const allowed = await this.check(actorId, workspaceId, 'outreach.templates');
    if (!allowed.ok) return allowed;
    const parsed = parseInput(templateInputSchema, input, LABELS);
    if (!parsed.ok) return parsed;
    const { name, subject, body } = parsed.value;
    for (const [field, text] of [
      ['subject', subject],
      ['body', body],
    ] as const) {
      const unknown = unknownVariables(text);
      if (unknown.length)
        return fail(
          400,
          'unknown_variable',
          `${LABELS[field]} uses ${unknown.map((v) => `{{${v}}}`).join(', ')}, which Roster does not know. Pick a variable from the list.`,
          field,
        );
    }
    if (templateId !== undefined) {
      if (!isId(templateId)) return fail(404, 'template_not_found', 'This template does not exist.');
      const [row] = await this.sql<Template[]>`
        update outreach_templates set name = ${name}, subject = ${subject}, body = ${body}, updated_at = now()
        where id = ${templateId} and workspace_id = ${workspaceId}
        returning id, name, subject, body, updated_at as "updatedAt"`;
      return row ? { ok: true, template: row } : fail(404, 'template_not_found', 'This template does not exist.');
    }
    const [count] = await this.sql<{ count: number }[]>`
      select count(*)::int as count from outreach_templates where workspace_id = ${workspaceId}`;
    if (count!.count >= MAX_TEMPLATES_PER_WORKSPACE)
      return fail(409, 'too_many_templates', `A workspace can have at most ${MAX_TEMPLATES_PER_WORKSPACE} templates.`);
    const [row] = await this.sql<Template[]>`
      insert into outreach_templates (id, workspace_id, name, subject, body, created_by)
      values (${newId()}, ${workspaceId}, ${name}, ${subject}, ${body}, ${actorId})
      returning id, name, subject, body, updated_at as "updatedAt"`;
    return { ok: true, template: row! };
  }

  async remove(actorId: string, workspaceId: string, templateId: string): Promise<Result<object>> {
    const allowed = await this.check(actorId, workspaceId, 'outreach.templates');
    if (!allowed.ok) return allowed;
    if (!isId(templateId)) return fail(404, 'template_not_found', 'This template does not exist.');
    const deleted = await this.sql`
      delete from outreach_templates where id = ${templateId} and workspace_id = ${workspaceId} returning id`;
    return deleted.length ? { ok: true } : fail(404, 'template_not_found', 'This template does not exist.');
  }
}
