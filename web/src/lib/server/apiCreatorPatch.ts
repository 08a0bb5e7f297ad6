import { z } from 'zod';
import { feeSchema, STATUS_GROUPS, type ProfilePatchInput } from '@roster/shared';

const statusId = z.string().min(1).max(64);

/**
 * The body of PATCH /api/v1/boards/:boardId/creators/:creatorId: profile fields to change (`null`
 * clears one; checked field by field by the updateProfile operation), statuses by group (status
 * ids, as GET /boards/:boardId lists them) and the fee (`null` clears it).
 */
export const creatorPatchSchema = z
  .object({
    fields: z.record(z.string().max(64), z.unknown()).optional(),
    statuses: z.partialRecord(z.enum(STATUS_GROUPS), statusId).optional(),
    fee: feeSchema.nullable().optional(),
  })
  .strict()
  .refine((patch) => patch.fields || patch.statuses || patch.fee !== undefined, {
    message: 'must change fields, statuses or fee',
  });

export type CreatorPatch = z.output<typeof creatorPatchSchema> & { fields?: ProfilePatchInput };
