# syntax=docker/dockerfile:1
# Two images from one build:
#   docker build -t roost .                      the portal (Next.js standalone server), the default target
#   docker build -t roost-relay --target relay . the console relay (server-ws/, bundled into one file)
# Both run as the unprivileged `node` user (uid 1000) and need nothing writable but /tmp and, for the
# portal, /app/.next/cache.

ARG NODE_IMAGE=node:20-bookworm-slim

# --- every dependency, dev ones included: the build needs TypeScript, Tailwind and esbuild --------------
FROM ${NODE_IMAGE} AS deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund

# --- the standalone portal and the bundled relay ------------------------------------------------------
FROM ${NODE_IMAGE} AS build
WORKDIR /app
ENV NEXT_TELEMETRY_DISABLED=1
COPY --from=deps /app/node_modules ./node_modules
COPY . .
# public/ is optional in the source tree; the runtime stage copies it either way.
RUN mkdir -p public && npm run build && npm run build:relay

# --- the console relay: one file, no node_modules --------------------------------------------------------
FROM ${NODE_IMAGE} AS relay
WORKDIR /app
ENV NODE_ENV=production \
    ROOST_RELAY_HOST=0.0.0.0 \
    ROOST_RELAY_PORT=3002
COPY --from=build /app/dist/relay/main.mjs ./main.mjs
USER node
EXPOSE 3002
HEALTHCHECK --interval=30s --timeout=3s \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+process.env.ROOST_RELAY_PORT+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
CMD ["node", "main.mjs"]

# --- the portal (last, so a plain `docker build .` makes it) --------------------------------------------
FROM ${NODE_IMAGE} AS portal
WORKDIR /app
# HOSTNAME is what Next's standalone server binds to; Docker sets it to the container id otherwise.
ENV NODE_ENV=production \
    NEXT_TELEMETRY_DISABLED=1 \
    HOSTNAME=0.0.0.0 \
    PORT=3000
COPY --from=build /app/.next/standalone ./
COPY --from=build /app/.next/static ./.next/static
COPY --from=build /app/public ./public
# db/migrate.ts applies these at start, from $ROOST_MIGRATIONS_DIR or ./db/migrations beside server.js.
COPY --from=build /app/db/migrations ./db/migrations
# The only place the server writes (image optimisation); the code itself stays root-owned and read-only.
RUN mkdir -p .next/cache && chown node:node .next/cache
USER node
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+process.env.PORT+'/api/health').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
CMD ["node", "server.js"]
