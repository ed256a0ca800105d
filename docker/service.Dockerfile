# The service image (the schedule-only jar: no worker node, no DL4J), from the jar the Maven build made:
#   ./mvnw -DskipTests package && docker compose build
# BASE_IMAGE is any image with a Java 17+ runtime and bash on PATH: eclipse-temurin:17-jre from a registry, or
# fairtune/jre:bookworm made offline by docker/base-images.sh (debootstrap + docker import).
ARG BASE_IMAGE=eclipse-temurin:17-jre
FROM ${BASE_IMAGE}
# A fixed non-root uid owns /data, so the named volume the service writes its tokens to is readable by workers.
RUN mkdir -p /app /data /home/fairtune && chown 10001:10001 /data /home/fairtune
COPY service/target/fairtune-service-schedule-only.jar /app/fairtune-service.jar
# Scripts keep their executable bit from git (COPY --chmod needs BuildKit, which docker-compose 1.29 lacks).
COPY docker/healthcheck /app/healthcheck
USER 10001:10001
ENV HOME=/home/fairtune SERVER_PORT=8080
WORKDIR /home/fairtune
HEALTHCHECK --interval=5s --timeout=3s --start-period=90s --retries=3 CMD ["/app/healthcheck"]
# user.home: uid 10001 has no passwd entry. Compose's command adds the rest (datasource, timeouts).
ENTRYPOINT ["java", "-Duser.home=/home/fairtune", "-jar", "/app/fairtune-service.jar", "--fairtune.data-dir=/data"]
