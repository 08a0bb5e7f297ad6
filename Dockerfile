# Roster app image: one Node process serving the web app and the board WebSocket on $PORT.
FROM node:20-bookworm-slim
WORKDIR /app
RUN npm install -g pnpm@10.34.9
COPY package.json pnpm-lock.yaml pnpm-workspace.yaml .npmrc tsconfig.base.json ./
COPY shared/package.json shared/
COPY server/package.json server/
COPY web/package.json web/
RUN pnpm install --frozen-lockfile
COPY . .
RUN pnpm build
ENV HOST=0.0.0.0 PORT=3000
EXPOSE 3000
# Uploaded files live under DATA_DIR/files; a volume mounted here starts owned by node.
RUN mkdir -p /data && chown node:node /data
USER node
# The V8 flags of scripts/serverNodeArgs.mjs (why: see there).
CMD ["node", "--initial-old-space-size=256", "--import", "tsx", "server/src/main.ts"]
