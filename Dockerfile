# One image for every jobsift role; docker-compose.yml picks the command.
FROM node:20-bookworm-slim
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund --ignore-scripts
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
COPY workers ./workers
COPY bin ./bin
COPY rules ./rules
COPY fixtures ./fixtures
RUN npx tsc -p tsconfig.build.json && npm prune --omit=dev
ENV NODE_ENV=production
ENTRYPOINT ["node", "bin/jobsift.js"]
