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
COPY --from=build /app/package.json ./package.json
USER node
CMD ["node", "dist/apps/api/src/main.js"]
