# The CPU worker image (ND4J's native backend), from the jar the Maven build made:
#   ./mvnw -DskipTests package && docker compose build
# BASE_IMAGE as in service.Dockerfile: eclipse-temurin:17-jre, or fairtune/jre:bookworm from docker/base-images.sh.
ARG BASE_IMAGE=eclipse-temurin:17-jre
FROM ${BASE_IMAGE}
RUN mkdir -p /app /home/fairtune && chown 10001:10001 /home/fairtune
COPY worker/target/fairtune-worker.jar /app/fairtune-worker.jar
COPY docker/worker-entrypoint /app/worker-entrypoint
USER 10001:10001
# ND4J reads the OpenMP settings once, when its native library loads (OMP_NUM_THREADS comes from compose).
ENV HOME=/home/fairtune OMP_WAIT_POLICY=PASSIVE OPENBLAS_THREAD_TIMEOUT=22
WORKDIR /home/fairtune
ENTRYPOINT ["/app/worker-entrypoint"]
