#!/usr/bin/env bash
# Checks, without a container engine, that Containerfile's runtime stage installs everything the static
# binary needs: debootstraps a minimal Debian root of the stage's release, runs the stage's RUN
# instructions in it (so exactly the packages it lists, read from Containerfile, get installed), copies
# the binary where the stage's COPY puts it, then, as the stage's USER in its WORKDIR, checks that `ldd`
# finds every library, that the TLS trust roots are there, and that `liner-export demo` (the fake Liner
# API on loopback) writes every output. Fails, naming what is missing, otherwise.
#
#   sudo bash scripts/check-image.sh [--binary PATH] [--keep] [--mirror URL]
#
# --binary  a static build to check (default: build one as the Containerfile does)
# --keep    leave the root in place (its path is printed) instead of deleting it
# --mirror  the Debian mirror for debootstrap and apt (default http://deb.debian.org/debian)
#
# Needs root (debootstrap, chroot, mount), a Debian mirror and a few minutes; not run by CI.
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
containerfile="$repo/Containerfile"
binary=""
keep=0
mirror="http://deb.debian.org/debian"
while [ $# -gt 0 ]; do
  case "$1" in
    --binary) binary="$(realpath "$2")"; shift 2 ;;
    --keep) keep=1; shift ;;
    --mirror) mirror="$2"; shift 2 ;;
    *) echo "check-image: unknown argument $1 (see the comment at the top of $0)" >&2; exit 2 ;;
  esac
done

fail() { echo "check-image: FAIL: $*" >&2; exit 1; }
step() { echo "check-image: $*"; }
started=$SECONDS

[ "$(id -u)" -eq 0 ] || { echo "check-image: needs root (debootstrap, chroot, mount): sudo bash $0" >&2; exit 2; }

# --- The runtime stage, as Containerfile says it -------------------------------------------------
# Instructions of the last stage, continuation lines joined, comment lines dropped (as a builder does).
instructions=()
current=""
while IFS= read -r line || [ -n "$line" ]; do
  [[ "$line" =~ ^[[:space:]]*# ]] && continue
  if [[ "$line" == *\\ ]]; then current+="${line%\\} "; continue; fi
  current+="$line"
  [[ "$current" =~ ^[[:space:]]*$ ]] || instructions+=("$(echo "$current" | sed 's/^[[:space:]]*//')")
  current=""
done < "$containerfile"
last_from=-1
for i in "${!instructions[@]}"; do [[ "${instructions[$i]}" == FROM\ * ]] && last_from=$i; done
[ "$last_from" -ge 0 ] || fail "no FROM in $containerfile"
stage=("${instructions[@]:$last_from}")

base="${stage[0]#FROM }"
case "$base" in
  debian:bookworm-slim|debian:bookworm|debian:12-slim|debian:12) suite=bookworm ;;
  *) fail "the runtime stage is FROM $base; this script knows how to make a Debian bookworm root only" ;;
esac
runs=(); user=""; workdir="/"; destination=""
for instruction in "${stage[@]:1}"; do
  case "$instruction" in
    RUN\ *) runs+=("${instruction#RUN }") ;;
    USER\ *) user="${instruction#USER }" ;;
    WORKDIR\ *) workdir="${instruction#WORKDIR }" ;;
    COPY\ --from=build\ *) destination="${instruction##* }" ;;
  esac
done
[ -n "$destination" ] || fail "no 'COPY --from=build ... DESTINATION' in the runtime stage"
[[ "$user" =~ ^[0-9]+:[0-9]+$ ]] || fail "the runtime stage's USER is '$user'; expected numeric uid:gid"
# The packages: the words after `apt-get install` up to the next `&&`, options left out.
packages=$(printf '%s\n' "${runs[@]}" | sed -n 's/.*apt-get install \([^&]*\).*/\1/p' | tr ' ' '\n' | grep -v '^-' | grep -v '^$' || true)
[ -n "$packages" ] || fail "no 'apt-get install' in the runtime stage's RUN instructions"
step "runtime stage FROM $base, USER $user, WORKDIR $workdir, binary at $destination"
step "packages it installs: $(tr '\n' ' ' <<< "$packages")"

# --- The binary ----------------------------------------------------------------------------------
if [ -z "$binary" ]; then
  step "building the static binary (swift build -c release --static-swift-stdlib --product liner-export)"
  (cd "$repo" && swift build -c release --static-swift-stdlib --product liner-export)
  binary="$(cd "$repo" && swift build -c release --show-bin-path)/liner-export"
fi
[ -x "$binary" ] || fail "$binary is not an executable"

# --- A minimal root ------------------------------------------------------------------------------
if ! command -v debootstrap >/dev/null; then
  step "installing debootstrap (apt-get)"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends debootstrap >/dev/null \
    || fail "could not install debootstrap: apt-get install debootstrap, then run this again"
fi

rootfs="$(mktemp -d "${TMPDIR:-/var/tmp}/liner-image-root.XXXXXX")"
chmod 0755 "$rootfs"   # mktemp's 0700 would keep the stage's USER out of its own root
mounted=()
cleanup() {
  local status=$? target
  for ((i = ${#mounted[@]} - 1; i >= 0; i--)); do
    target="${mounted[$i]}"
    umount "$target" 2>/dev/null || umount -l "$target" || true
  done
  if [ "$keep" -eq 1 ]; then
    echo "check-image: root kept at $rootfs" >&2
  elif findmnt -rn -o TARGET | grep -q "^$rootfs/"; then
    # Never delete through a mount still in place (a bind-mounted /dev would take the host's with it).
    echo "check-image: $rootfs still has mounts; not deleting it" >&2
  else
    rm -rf --one-file-system "$rootfs"
  fi
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

step "debootstrap --variant=minbase $suite into $rootfs"
debootstrap --variant=minbase "$suite" "$rootfs" "$mirror" > "$rootfs.debootstrap.log" 2>&1 \
  || { tail -20 "$rootfs.debootstrap.log" >&2; rm -f "$rootfs.debootstrap.log"; fail "debootstrap failed"; }
rm -f "$rootfs.debootstrap.log"
step "minimal root: $(du -sh --one-file-system "$rootfs" | cut -f1)"

# The sources debian:$suite-slim has (the release, its updates and security), and the host's resolver.
rm -f "$rootfs/etc/apt/sources.list"
cat > "$rootfs/etc/apt/sources.list.d/debian.sources" <<EOF
Types: deb
URIs: $mirror
Suites: $suite $suite-updates
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg

Types: deb
URIs: ${mirror%/debian}/debian-security
Suites: $suite-security
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
EOF
cp -L /etc/resolv.conf "$rootfs/etc/resolv.conf"

mount -t proc proc "$rootfs/proc"; mounted+=("$rootfs/proc")
mount --bind /dev "$rootfs/dev"; mounted+=("$rootfs/dev")
mount -t sysfs -o ro sysfs "$rootfs/sys"; mounted+=("$rootfs/sys")

# A container's environment: nothing of this shell's (no /opt/swift on PATH, no LD_LIBRARY_PATH).
in_root() {
  env -i PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin HOME=/root chroot "$@"
}

for run in "${runs[@]}"; do
  step "RUN $(tr -s ' ' <<< "$run")"
  in_root "$rootfs" /bin/sh -c "$run" > "$rootfs/tmp/run.log" 2>&1 \
    || { tail -20 "$rootfs/tmp/run.log" >&2; fail "a RUN instruction of the runtime stage failed: $(tr -s " " <<< "$run")"; }
done
rm -f "$rootfs/tmp/run.log"
for package in $packages; do
  in_root "$rootfs" dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" \
    || fail "package $package is not installed in the root"
done
step "root with the packages: $(du -sh --one-file-system "$rootfs" | cut -f1)"

install -D -m 0755 "$binary" "$rootfs$destination"
strip "$rootfs$destination"   # as the build stage does
megabytes() { echo "$(( ($(stat -c %s "$1") + 500000) / 1000000 )) MB"; }
step "binary: $(megabytes "$rootfs$destination") stripped ($(megabytes "$binary") as built: $binary)"

# --- The checks ----------------------------------------------------------------------------------
# Which package of the root provides each library the binary names (readelf -d: NEEDED), then
# whether the loader finds all of them and theirs (ldd).
step "libraries $destination names, and the root's package holding each"
for library in $(readelf -d "$binary" | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p'); do
  owner="$(in_root "$rootfs" dpkg -S "*/$library" 2>/dev/null | head -1 | cut -d: -f1 || true)"
  printf '    %-22s %s\n' "$library" "${owner:-NONE}"
done
libraries="$(in_root "$rootfs" ldd "$destination")"
if missing="$(echo "$libraries" | grep 'not found')"; then
  echo "$libraries" | sed 's/^/    /' >&2
  while read -r library _; do
    owner="$(dpkg -S "*/$library" 2>/dev/null | grep -v -- '-dev' | head -1 | cut -d: -f1 || true)"
    echo "check-image: ldd: $library not found${owner:+ (on this machine it comes from the package $owner)}" >&2
  done <<< "$missing"
  fail "the runtime stage's packages leave libraries unresolved: add their packages to Containerfile"
fi
step "ldd (in the root): $(echo "$libraries" | grep -c '=>') libraries, none missing"

# NIOSSL reads the trust roots from this file (ca-certificates); the demo's http:// cannot show it.
[ -s "$rootfs/etc/ssl/certs/ca-certificates.crt" ] \
  || fail "no TLS trust roots at /etc/ssl/certs/ca-certificates.crt: an https:// baseURL cannot be verified (package ca-certificates)"

step "liner-export demo, as $user in $workdir"
# WORKDIR makes a missing folder root's: who may write in it is up to the stage's RUN instructions.
[ -d "$rootfs$workdir" ] || install -d "$rootfs$workdir"
demo_started=$SECONDS
in_root --userspec="$user" "$rootfs" /bin/sh -c 'cd "$1" && exec timeout 300 "$2" demo --quiet' sh "$workdir" "$destination" \
  > "$rootfs/tmp/demo.out" 2>&1 || { cat "$rootfs/tmp/demo.out" >&2; fail "liner-export demo failed in the root"; }
sed 's/^/    /' "$rootfs/tmp/demo.out"
step "demo took $((SECONDS - demo_started)) s"

exports="$rootfs$workdir/exports"
for name in demo-2024-01-01-2024-01-03.csv demo-2024-01-01-2024-01-03.ndjson demo-2024-01-01-2024-01-03.xlsx \
  demo-2024-01-01-2024-01-03.xml demo-2024-01-01-2024-01-03.records.xml demo-2024-01-01-2024-01-03.rejects.csv \
  demo.manifest.json demo.prom; do
  [ -s "$exports/$name" ] || fail "the demo did not write $workdir/exports/$name (or wrote it empty)"
  printf '    %9d  %s\n' "$(stat -c %s "$exports/$name")" "$workdir/exports/$name"
done

step "OK in $((SECONDS - started)) s: the runtime stage's packages are enough for $destination"
