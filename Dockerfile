# serverless-fit: `serve` in a small image.
#
# Three stages. `deps` installs the production dependencies (the native
# modules better-sqlite3, compiled here with the toolchain it needs when no
# prebuilt binary matches, and resvg; discord.js and HashiCorp's HCL parser),
# then drops what compiling left behind. `build` compiles src/ into dist/ with
# the development dependencies. The runtime stage gets node_modules from the
# first and dist/ from the second, and no TypeScript at all.
# test/e2e/ops-docker-recipe.test.ts performs these same steps without Docker:
# keep the two in step.

ARG NODE_VERSION=22
FROM node:${NODE_VERSION}-bookworm-slim AS deps
WORKDIR /app
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ \
 && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
# Scripts off (the package's own `prepare` would build dist/, which is the next stage's job), then the native module's own build.
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund
RUN npm rebuild better-sqlite3
COPY scripts/slim-native-modules.js scripts/
RUN node scripts/slim-native-modules.js

FROM node:${NODE_VERSION}-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --ignore-scripts --no-audit --no-fund
COPY . .
RUN npm run build

FROM node:${NODE_VERSION}-bookworm-slim AS runtime
# Fonts for the text in cost-chart PNGs (resvg renders with system fonts).
RUN apt-get update \
 && apt-get install -y --no-install-recommends fonts-dejavu-core \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
ENV NODE_ENV=production SERVERLESS_FIT_DB=/data/serverless-fit.db PORT=3000
COPY --from=deps /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY package.json ./
COPY bin ./bin
COPY data/pricing ./data/pricing
RUN mkdir -p /data && chown node:node /data
USER node
VOLUME ["/data"]
EXPOSE 3000
# No curl in slim images: Node's fetch asks /healthz (Slack's HTTP port, or PORT when only Discord or Socket Mode runs).
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
# serve stops taking events, finishes what is running and closes SQLite on SIGTERM, within Docker's 10 s.
STOPSIGNAL SIGTERM
CMD ["node", "bin/serverless-fit.js", "serve"]
