# A first simple image: production dependencies only, non-root, SQLite on /data.
FROM node:22-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production SERVERLESS_FIT_DB=/data/serverless-fit.db
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ fonts-dejavu-core && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund
COPY . .
RUN mkdir -p /data && chown node:node /data
USER node
VOLUME ["/data"]
CMD ["node", "bin/serverless-fit.js", "serve"]
