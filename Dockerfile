# One image for every jobsift role; docker-compose.yml picks the command.
FROM node:20-bookworm-slim
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund --ignore-scripts --loglevel=error
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
COPY workers ./workers
COPY bin ./bin
# The dashboard's source, bundled by scripts/build-web.mjs into dist/web.
COPY web ./web
COPY scripts/build-web.mjs ./scripts/build-web.mjs
# Data read at run time: the taxonomy and role model, and the demo's sample boards.
COPY rules ./rules
COPY fixtures ./fixtures
# The example sources; docker-compose.yml mounts your own at /config/sources.yaml instead.
COPY sources.yaml ./
RUN npx tsc -p tsconfig.build.json && node scripts/build-web.mjs && npm prune --omit=dev --no-audit --no-fund --loglevel=error
ENV NODE_ENV=production
ENTRYPOINT ["node", "bin/jobsift.js"]
CMD ["--help"]
