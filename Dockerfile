# syntax=docker/dockerfile:1
# One production image for every Brewline service; the command picks the role:
#   web:      (default) node --max-semi-space-size=64 server.js   (port 3000)
#   worker:   node --import tsx worker/main.ts                    (health on WORKER_HEALTH_PORT)
#   migrate:  node --import tsx scripts/migrate.ts                (run once before a rollout)
# Configuration is environment only (lib/config.ts): DATABASE_URL, ORDERS_QUEUE_URL,
# NOTIFICATIONS_QUEUE_URL, ORDER_EVENTS_TOPIC_ARN, AWS_REGION, SMTP_URL, SMS_MODE=sns, ...

ARG NODE_VERSION=22

FROM node:${NODE_VERSION}-bookworm-slim AS deps
WORKDIR /app
# The postinstall step generates the Prisma client from the schema.
COPY package.json package-lock.json prisma.config.ts ./
COPY prisma ./prisma
COPY scripts/prisma-generate.ts ./scripts/
RUN npm ci --no-audit --no-fund

FROM deps AS build
COPY . .
ENV NEXT_TELEMETRY_DISABLED=1
# Standalone output: a self-contained server.js with only the files the web app needs.
RUN BREWLINE_STANDALONE=1 npm run build && npm prune --omit=dev --no-audit --no-fund

FROM node:${NODE_VERSION}-bookworm-slim AS runtime
ENV NODE_ENV=production NEXT_TELEMETRY_DISABLED=1 PORT=3000 HOSTNAME=0.0.0.0
WORKDIR /app
RUN groupadd --system --gid 1001 brewline && useradd --system --uid 1001 --gid brewline --no-create-home brewline
# The web server (standalone build) ...
COPY --from=build --chown=brewline:brewline /app/.next/standalone ./
COPY --from=build --chown=brewline:brewline /app/.next/static ./.next/static
COPY --from=build --chown=brewline:brewline /app/public ./public
# ... and the worker and migrations, which run the TypeScript sources with tsx, need the
# production dependencies and the sources next to it.
COPY --from=build --chown=brewline:brewline /app/node_modules ./node_modules
COPY --from=build --chown=brewline:brewline /app/package.json /app/tsconfig.json ./
COPY --from=build --chown=brewline:brewline /app/lib ./lib
COPY --from=build --chown=brewline:brewline /app/worker ./worker
COPY --from=build --chown=brewline:brewline /app/prisma ./prisma
COPY --from=build --chown=brewline:brewline /app/scripts/migrate.ts /app/scripts/staff.ts ./scripts/
USER brewline
EXPOSE 3000
CMD ["node", "--max-semi-space-size=64", "server.js"]
