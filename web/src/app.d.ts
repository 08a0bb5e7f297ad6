import type { SessionUser } from '@roster/server';

declare global {
  namespace App {
    interface Locals {
      user: SessionUser | null;
      sessionId: string | null;
    }
    interface Error {
      message: string;
    }
  }
}

export {};
