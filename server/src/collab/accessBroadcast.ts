import { Redis as IORedis } from 'ioredis';
import { ROLES } from '@roster/shared';
import { z } from 'zod';
import type { AccessEvents } from '../domain/accessEvents.ts';
import type { Logger } from '../log.ts';

const CHANNEL = 'roster:access-events';
const eventSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('memberRemoved'), workspaceId: z.string(), userId: z.string() }),
  z.object({ type: z.literal('roleChanged'), workspaceId: z.string(), userId: z.string(), role: z.enum(ROLES) }),
  z.object({ type: z.literal('boardArchived'), boardId: z.string() }),
  z.object({ type: z.literal('boardRenamed'), boardId: z.string() }),
  z.object({ type: z.literal('sessionsEnded'), sessionIds: z.array(z.string()).max(10_000) }),
]);

/**
 * Sends access changes to every instance through Redis, so a member removed on one instance is
 * disconnected from boards open on another. Each instance, this one included, applies what it receives.
 */
export async function createAccessBroadcast(
  redisUrl: string,
  local: AccessEvents,
  log: Logger,
): Promise<AccessEvents & { close(): Promise<void> }> {
  const publisher = new IORedis(redisUrl, { lazyConnect: true });
  const subscriber = new IORedis(redisUrl, { lazyConnect: true });
  await Promise.all([publisher.connect(), subscriber.connect()]);
  await subscriber.subscribe(CHANNEL);
  subscriber.on('message', (_channel: string, message: string) => {
    let event: z.infer<typeof eventSchema>;
    try {
      event = eventSchema.parse(JSON.parse(message));
    } catch {
      log.warn('ignored a malformed access event from Redis');
      return;
    }
    apply(event);
  });
  const apply = (event: z.infer<typeof eventSchema>) => {
    if (event.type === 'memberRemoved') local.memberRemoved(event.workspaceId, event.userId);
    else if (event.type === 'roleChanged') local.roleChanged(event.workspaceId, event.userId, event.role);
    else if (event.type === 'boardArchived') local.boardArchived(event.boardId);
    else if (event.type === 'boardRenamed') local.boardRenamed(event.boardId);
    else local.sessionsEnded(event.sessionIds);
  };
  const publish = (event: z.infer<typeof eventSchema>) => {
    publisher.publish(CHANNEL, JSON.stringify(event)).catch((error: unknown) => {
      log.error('publishing an access event failed; applying it on this instance only', { error: String(error) });
      apply(event);
    });
  };
  return {
    memberRemoved: (workspaceId, userId) => publish({ type: 'memberRemoved', workspaceId, userId }),
    roleChanged: (workspaceId, userId, role) => publish({ type: 'roleChanged', workspaceId, userId, role }),
    boardArchived: (boardId) => publish({ type: 'boardArchived', boardId }),
    boardRenamed: (boardId) => publish({ type: 'boardRenamed', boardId }),
    sessionsEnded: (sessionIds) => publish({ type: 'sessionsEnded', sessionIds }),
    async close() {
      await Promise.allSettled([publisher.quit(), subscriber.quit()]);
    },
  };
}
