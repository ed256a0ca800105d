# The GPU worker image: the worker built on ND4J's CUDA 11.6 backend, on NVIDIA's CUDA 11.6 runtime.
#   ./mvnw -Pcuda -DskipTests package      (makes worker/target/fairtune-worker-cuda.jar)
#   docker compose --profile gpu build worker-gpu
# CUDA_BASE_IMAGE must carry the CUDA 11.6 runtime libraries (cudart, cublas, cusolver, cusparse, curand) and apt.
ARG CUDA_BASE_IMAGE=nvidia/cuda:11.6.2-runtime-ubuntu20.04
FROM ${CUDA_BASE_IMAGE}
RUN apt-get update \
    && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends openjdk-17-jre-headless \
    && rm -rf /var/lib/apt/lists/* \
    && mkdir -p /app /home/fairtune && chown 10001:10001 /home/fairtune
COPY worker/target/fairtune-worker-cuda.jar /app/fairtune-worker.jar
COPY docker/worker-entrypoint /app/worker-entrypoint
USER 10001:10001
ENV HOME=/home/fairtune OMP_WAIT_POLICY=PASSIVE OPENBLAS_THREAD_TIMEOUT=22
WORKDIR /home/fairtune
ENTRYPOINT ["/app/worker-entrypoint"]
