import { describe, expect, it } from 'vitest';
import {
  assertTestedHocuspocus,
  installedHocuspocusVersion,
  TESTED_HOCUSPOCUS_VERSION,
} from '../../server/src/collab/hocuspocusPatches.ts';
import { startTestServer } from './support/server.ts';

describe('Hocuspocus set-up', () => {
  it('reads the version of the @hocuspocus/server the server loads', () => {
    expect(installedHocuspocusVersion()).toMatch(/^\d+\.\d+\.\d+/);
  });

  it('refuses to start on a Hocuspocus version the patches were not tested with, saying which and what to do', () => {
    expect(() => assertTestedHocuspocus('3.5.0')).toThrow(
      `@hocuspocus/server 3.5.0 is installed, but Roster was tested with ${TESTED_HOCUSPOCUS_VERSION} only`,
    );
    expect(() => assertTestedHocuspocus('3.5.0')).toThrow(/Install @hocuspocus\/server 3\.4\.4/);
  });

  it('starts on the installed version, which is the tested one', async () => {
    expect(installedHocuspocusVersion()).toBe(TESTED_HOCUSPOCUS_VERSION);
    const server = await startTestServer();
    await server.stop();
  });

  it('runs the extensions in the order of their priorities, whatever the order they are listed in', async () => {
    const server = await startTestServer({ REDIS_URL: 'redis://127.0.0.1:6379' });
    try {
      const names = server.app.services.collab.hocuspocus.configuration.extensions.map(
        (extension) => extension.constructor.name,
      );
      // The last one is Hocuspocus' own, holding the hooks passed as options.
      expect(names.slice(0, -1)).toEqual([
        'ConnectionGuardExtension',
        'Redis',
        'AuthenticationExtension',
        'HocuspocusPatchesExtension',
        'BoardStatsExtension',
        'PaymentIndexExtension',
        'BoardPreviewExtension',
        'WebhookExtension',
        'SnapshotScheduler',
        'PersistenceExtension',
      ]);
    } finally {
      await server.stop();
    }
  });
});
