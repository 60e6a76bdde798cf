# syntax=docker/dockerfile:1
# Two images from one build:
#   docker build -t roost .                      the portal (Next.js standalone server), the default target
#   docker build -t roost-relay --target relay . the console relay (server-ws/, bundled into one file)
# Both run as the unprivileged `node` user (uid 1000). The portal keeps its data in the volume /data and
# writes nothing else but /tmp, so both run with a read-only root filesystem.
#
#   docker run -p 127.0.0.1:3000:3000 -v roost-data:/data roost   the demo, as `npm start` runs it

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
# public/ is optional in the source tree; the runtime stage copies it either way. The server's trace
# takes in what it never loads here: sharp with libvips (19 MB, next/image's optimisation, which the
# portal does not use), next/font's build-time font metrics (4 MB) and PGlite's pgcrypto extension.
RUN mkdir -p public && npm run build && npm run build:relay && npx tsx scripts/images/bundle-start.ts \
 && cd .next/standalone/node_modules \
 && rm -rf sharp @img next/dist/server/capsize-font-metrics.json @electric-sql/pglite/dist/pgcrypto.tar.gz

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
# HOST is where the one published port listens: all of the container's addresses, demo mode included
# (outside a container a demo listens on loopback only). The demo identity provider, the console relay and
# the Proxmox VE simulator listen on the container's loopback, behind that port.
ENV NODE_ENV=production \
    NEXT_TELEMETRY_DISABLED=1 \
    HOST=0.0.0.0 \
    PORT=3000 \
    ROOST_DATA_DIR=/data
COPY --from=build /app/.next/standalone ./
COPY --from=build /app/.next/static ./.next/static
COPY --from=build /app/public ./public
# db/migrate.ts applies these at start, from $ROOST_MIGRATIONS_DIR or ./db/migrations beside server.js.
COPY --from=build /app/db/migrations ./db/migrations
# What `npm start` runs beside the portal (scripts/roost.ts), bundled into one file.
COPY --from=build /app/dist/start/start.mjs ./start.mjs
# The code stays root-owned and read-only; the data volume belongs to the user the portal runs as.
RUN mkdir -p /data && chown node:node /data
VOLUME /data
USER node
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+process.env.PORT+'/api/health').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
CMD ["node", "start.mjs"]
