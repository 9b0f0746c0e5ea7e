# Quotewire: the HTTP API with its seeded archive.
#   docker build -t quotewire .
#   docker run -p 3000:3000 quotewire
#   docker run -p 3000:3000 -v quotewire-data:/data quotewire    # keep the database in a volume
#
# Two stages: the build stage has the compilers better-sqlite3 may need (node:20-bookworm) and
# the dev dependencies (TypeScript); the runtime stage gets only the compiled code, production
# node_modules, the migrations, the sample pages, the entity model and the ready database.

FROM node:20-bookworm AS build
WORKDIR /app
# Spectral's telemetry dependency would phone home from its install script.
ENV SCARF_ANALYTICS=false
COPY package.json package-lock.json ./
# postinstall prepares the test runner (scripts/prepare-tap.mjs).
COPY scripts/prepare-tap.mjs ./scripts/prepare-tap.mjs
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
COPY scripts/bundle.ts ./scripts/bundle.ts
RUN npm run build
COPY migrations ./migrations
COPY seeds ./seeds
COPY models ./models
# The archive ships migrated and seeded, so the first start serves at once.
RUN mkdir -p /data \
 && node dist/quotewire.js migrate --database /data/quotewire.db \
 && node dist/quotewire.js load --quiet --database /data/quotewire.db seeds/ \
 && node -e "const D=require('better-sqlite3');const db=new D('/data/quotewire.db');db.pragma('wal_checkpoint(TRUNCATE)');db.pragma('journal_mode=DELETE');db.close()"
RUN npm prune --omit=dev --no-audit --no-fund

FROM node:20-bookworm-slim AS runtime
ENV NODE_ENV=production \
    PORT=3000 \
    HOST=0.0.0.0 \
    DATABASE_PATH=/data/quotewire.db \
    LOG_LEVEL=info
WORKDIR /app
COPY --from=build /app/package.json ./package.json
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY --from=build /app/migrations ./migrations
COPY --from=build /app/seeds ./seeds
COPY --from=build /app/models ./models
# The database folder belongs to the runtime user: SQLite writes its WAL and lock files beside the file.
COPY --from=build --chown=node:node /data /data
USER node
VOLUME ["/data"]
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["node", "dist/quotewire.js", "serve"]
