import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
export default {
  preprocess: vitePreprocess(),
  kit: {
    adapter: adapter({ out: 'build' }),
    // WebSocket upgrades never reach SvelteKit: the Roster server checks their Origin itself
    // (server/src/collab/identifyUpgrade.ts). SvelteKit keeps its own CSRF check for forms.
  },
};
