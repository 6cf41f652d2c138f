# The Sealpost gateway (REST API, XMPP component, key directory) serving the web client.
# Runs the same command as `npm start` runs natively: node --import tsx gateway/src/main.ts
FROM node:20-bookworm-slim
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends python3 make g++ \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /opt/sealpost
COPY package.json package-lock.json ./
COPY protocol/package.json protocol/
COPY gateway/package.json gateway/
COPY webclient/package.json webclient/
COPY tests/package.json tests/
COPY bench/package.json bench/
RUN npm ci --no-audit --no-fund
COPY . .
RUN if [ -f webclient/vite.config.ts ]; then npm run build -w webclient; fi \
 && mkdir -p /var/lib/sealpost && chown node:node /var/lib/sealpost
ENV SEALPOST_DATA_DIR=/var/lib/sealpost \
    SEALPOST_HTTP_LISTEN=0.0.0.0 \
    NODE_ENV=production
USER node
EXPOSE 8080
HEALTHCHECK --interval=10s --timeout=3s --retries=5 CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.SEALPOST_HTTP_PORT||8080)+'/api/health').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
CMD ["node", "--import", "tsx", "gateway/src/main.ts"]
