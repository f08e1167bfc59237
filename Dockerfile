# The console's image for compose.yaml. Node 22 LTS; the console also runs on Node 20.19+.
FROM node:22-bookworm-slim AS build
WORKDIR /app
ENV NEXT_TELEMETRY_DISABLED=1 PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
COPY package.json package-lock.json ./
RUN npm install --no-audit --no-fund
COPY . .
RUN npx next build

# The storefront services (accounts, orders, fulfillment, loadgen) run from source with tsx;
# compose.yaml picks the service with `command`.
FROM build AS storefront
ENV NODE_ENV=production
USER node
CMD ["node", "--import", "tsx", "services/accounts/main.ts"]

FROM node:22-bookworm-slim AS console
WORKDIR /app
ENV NODE_ENV=production NEXT_TELEMETRY_DISABLED=1 PORT=3000
COPY --from=build /app/package.json /app/package-lock.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/.next ./.next
COPY --from=build /app/public ./public
COPY --from=build /app/next.config.js ./
USER node
EXPOSE 3000
CMD ["npx", "next", "start"]
