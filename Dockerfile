# One image for every Switchboard app; docker-compose.yml picks the entry point per service.
FROM node:20-bookworm AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build && npm prune --omit=dev

FROM node:20-bookworm-slim
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
