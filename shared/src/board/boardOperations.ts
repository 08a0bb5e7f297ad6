import type { AnyOperation } from '../operations/operation.ts';
import {
  addCreators,
  assignCreators,
  moveCreator,
  removeCreators,
  restoreCreators,
  setFee,
  setStatus,
  tagCreators,
  updateProfile,
} from './creators/operations.ts';
import { importCreators } from './csv/importCreators.ts';
import { commentOnDraft, decideDraft, removeDraft, submitDraft } from './content/operations.ts';
import {
  addDeliverable,
  moveContract,
  removeDeliverable,
  setDealTerms,
  updateDeliverable,
} from './deals/operations.ts';
import {
  createPaymentSchedule,
  deletePayment,
  markPaymentPaid,
  recordPayment,
  setPaymentOverride,
  setPaymentTerms,
  updatePayment,
} from './payments/operations.ts';
import { setAqsBands } from './screening/aqs.ts';
import { restoreStatuses } from './screening/screen.ts';
import { deleteView, renameView, saveView } from './screening/views.ts';
import { setBudget } from './screening/budget.ts';
import { setTargetAudience } from './screening/targetAudience.ts';
import { addPost, importPosts, removePost, updatePost } from './results/posts.ts';
import { recordStandup } from './standup/standups.ts';
import {
  logConversation,
  recordOutreachSent,
  removeConversationEntry,
  setFollowUpDays,
} from './outreach/conversation.ts';
import { archiveStatus, createStatus, moveStatus, restoreStatus, updateStatus } from './statuses/operations.ts';

/**
 * Every operation people can apply to a board, by name: the server's `applyOperation` and the
 * HTTP API look an operation up here from the name a request carries. A new feature adds its
 * operations here (and its policy actions to POLICY).
 */
export const boardOperations = {
  addCreators,
  updateProfile,
  setStatus,
  moveCreator,
  assignCreators,
  tagCreators,
  setFee,
  removeCreators,
  restoreCreators,
  createStatus,
  updateStatus,
  moveStatus,
  archiveStatus,
  restoreStatus,
  setAqsBands,
  restoreStatuses,
  saveView,
  renameView,
  deleteView,
  importCreators,
  setTargetAudience,
  setBudget,
  recordStandup,
  // acceptDeal is not here: only the server applies it, for an acceptance link.
  addDeliverable,
  updateDeliverable,
  removeDeliverable,
  setDealTerms,
  moveContract,
  setPaymentTerms,
  recordPayment,
  updatePayment,
  markPaymentPaid,
  deletePayment,
  createPaymentSchedule,
  setPaymentOverride,
  addPost,
  updatePost,
  removePost,
  importPosts,
  submitDraft,
  decideDraft,
  commentOnDraft,
  removeDraft,
  logConversation,
  removeConversationEntry,
  recordOutreachSent,
  setFollowUpDays,
} as const satisfies Record<string, AnyOperation>;

export type BoardOperationName = keyof typeof boardOperations;
export type BoardOperation = (typeof boardOperations)[BoardOperationName];

/** The operation of a name from outside (a request, a job), or null when there is none. */
export function boardOperation(name: string): BoardOperation | null {
  return Object.hasOwn(boardOperations, name) ? boardOperations[name as BoardOperationName] : null;
}
