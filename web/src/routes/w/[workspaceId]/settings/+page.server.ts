import { can, edgesOf } from '@roster/shared';
import { services } from '$lib/server/services';
import { requireMember } from '$lib/server/guards';
import { failForm, formObject } from '$lib/server/results';

export async function load(event) {
  const { role } = await requireMember(event, event.params.workspaceId);
  const bands = await services().workspaces.aqsBands(event.params.workspaceId);
  return {
    canRename: can(role, 'workspace.rename'),
    canSetBands: can(role, 'workspace.aqsBands'),
    bands,
    edges: edgesOf(bands),
  };
}

/** A form's edge as typed: a plain number becomes one; anything else is left for the schema to refuse. */
function edge(value: string | undefined): unknown {
  const text = value?.trim() ?? '';
  if (text === '') return undefined;
  return /^-?\d+(\.\d+)?$/.test(text) ? Number(text) : text;
}

export const actions = {
  rename: async (event) => {
    const { user } = await requireMember(event, event.params.workspaceId);
    // The service asks the policy table (a viewer's forged POST is a 403 there).
    const values = await formObject(event.request);
    const result = await services().workspaces.rename(user.id, event.params.workspaceId, values);
    if (!result.ok) return failForm(result, { name: values.name ?? '' });
    return { renamed: true };
  },
  aqsBands: async (event) => {
    const { user } = await requireMember(event, event.params.workspaceId);
    const values = await formObject(event.request);
    const typed = [0, 1, 2, 3].map((i) => values[`edges.${i}`] ?? '');
    const input = { edges: typed.map(edge) };
    const result = await services().aqsBands.set(user, event.params.workspaceId, input);
    if (!result.ok) return failForm(result, { typedEdges: typed });
    return { bandsSet: { boards: result.boards, failed: result.failed } };
  },
};
