#!/usr/bin/env bash
# Base images for hosts that reach no container registry, from Debian's packages:
#   fairtune/jre:bookworm       Debian bookworm (minbase) with OpenJDK 17's headless JRE: the BASE_IMAGE of docker/Dockerfile
#   fairtune/postgres:bookworm  Debian bookworm with PostgreSQL 15, taking the official postgres image's POSTGRES_* settings
# Then: FAIRTUNE_BASE_IMAGE=fairtune/jre:bookworm FAIRTUNE_POSTGRES_IMAGE=fairtune/postgres:bookworm docker compose build
# Needs root, debootstrap and a reachable Debian mirror (MIRROR, default deb.debian.org). Images that exist are kept
# (--rebuild makes them again). Exit codes: 0 done, 1 a step failed, 2 bad usage.
set -euo pipefail
MIRROR="${MIRROR:-http://deb.debian.org/debian}"
SUITE=bookworm
rebuild=false
case "${1:-}" in
  "") ;;
  --rebuild) rebuild=true ;;
  *) echo "usage: $0 [--rebuild]" >&2; exit 2 ;;
esac
here="$(cd "$(dirname "$0")" && pwd)"
command -v debootstrap >/dev/null || { echo "debootstrap is missing (apt-get install debootstrap)" >&2; exit 1; }

# make_image TAG PACKAGES CHANGES...: debootstrap a minimal root with PACKAGES, then docker import it as TAG.
make_image() {
  local tag=$1 packages=$2 root
  shift 2
  if ! $rebuild && docker image inspect "$tag" >/dev/null 2>&1; then
    echo "$tag exists"
    return
  fi
  root=$(mktemp -d)
  chmod 755 "$root" # it becomes the image's /, which every user must be able to enter
  trap 'rm -rf "$root"' RETURN
  echo "debootstrap $SUITE with $packages"
  debootstrap --variant=minbase --include="$packages" "$SUITE" "$root" "$MIRROR" >/dev/null
  # Package caches and lists are of no use in an image.
  rm -rf "$root"/var/cache/apt/archives/*.deb "$root"/var/lib/apt/lists/*
  if [[ -n "${POSTGRES_ENTRYPOINT:-}" ]]; then
    # The package's own cluster (/var/lib/postgresql/15/main) is not the one the entrypoint makes in PGDATA.
    rm -rf "$root/var/lib/postgresql/15" "$root/etc/postgresql/15"
    install -m 755 "$POSTGRES_ENTRYPOINT" "$root/usr/local/bin/postgres-entrypoint"
    install -d -o "$(chroot "$root" id -u postgres)" -g "$(chroot "$root" id -g postgres)" \
      "$root/var/lib/postgresql/data"
  fi
  local args=()
  for change in "$@"; do args+=(--change "$change"); done
  tar -C "$root" -c . | docker import "${args[@]}" - "$tag" >/dev/null
  echo "$tag: $(docker image inspect -f '{{.Size}}' "$tag" | awk '{printf "%.0f MB", $1/1e6}')"
}

make_image fairtune/jre:$SUITE openjdk-17-jre-headless \
  'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' 'CMD ["java", "-version"]'
POSTGRES_ENTRYPOINT="$here/postgres/entrypoint" make_image fairtune/postgres:$SUITE postgresql-15 \
  'ENV PATH=/usr/lib/postgresql/15/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
  'ENV PGDATA=/var/lib/postgresql/data' 'USER postgres' 'VOLUME /var/lib/postgresql/data' \
  'ENTRYPOINT ["/usr/local/bin/postgres-entrypoint"]' 'CMD ["postgres"]'
