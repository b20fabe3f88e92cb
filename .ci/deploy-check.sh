#!/usr/bin/env bash
# deploy-check.sh: syntax checks of the deployment files in deploy/ with
# the tools this machine has. A check whose tool is missing is reported as
# "not run" and does not fail the script; a check that runs and finds a
# problem does (exit 1).
#
#   systemd units   systemd-analyze verify (with ExecStart pointed at a
#                   freshly built dyad, since /usr/local/bin/dyad is absent
#                   here); any warning about the unit fails the check
#   compose.yaml    docker compose config -q if the compose plugin exists;
#                   else a YAML parse with Python's yaml module that also
#                   refuses duplicate keys and checks the services' shape
#   nats.conf       nats-server -t (nats-server from PATH, else built from
#                   the nats-server module in go.mod)
#   Caddyfile       caddy adapt
#   shell scripts   bash -n / sh -n
set -uo pipefail
cd "$(dirname "$0")/.."

fail=0
ran=()
notrun=()
ok() { ran+=("$1"); echo "ok:      $1"; }
bad() { fail=1; ran+=("$1 (FAILED)"); echo "FAILED:  $1"; }
skip() { notrun+=("$1: $2"); echo "not run: $1 ($2)"; }

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# The dyad binary the units start.
dyad=""
if command -v go >/dev/null 2>&1 && CGO_ENABLED=0 go build -o "$tmp/dyad" ./cmd/dyad 2>"$tmp/build.err"; then
  dyad="$tmp/dyad"
fi

# systemd units.
if command -v systemd-analyze >/dev/null 2>&1; then
  if [ -z "$dyad" ]; then
    skip "systemd units" "dyad did not build: $(head -c 200 "$tmp/build.err")"
  else
    mkdir -p "$tmp/units"
    for f in deploy/systemd/*.service; do
      sed "s#/usr/local/bin/dyad#$dyad#g" "$f" > "$tmp/units/$(basename "$f")"
    done
    # A template is verified through an instance of it.
    cp "$tmp/units/dyad-worker@.service" "$tmp/units/dyad-worker@1.service"
    for u in "$tmp/units/dyad-worker@1.service" "$tmp/units/dyad-serve.service"; do
      name=$(basename "$u")
      out=$(systemd-analyze verify "$u" 2>&1)
      rc=$?
      # Only complaints about our unit count (not about the host's own).
      mine=$(printf '%s\n' "$out" | grep -F "${name%%@*}" || true)
      if [ $rc -ne 0 ] || [ -n "$mine" ]; then
        printf '%s\n' "$out" | sed 's/^/  /'
        bad "systemd-analyze verify $name"
      else
        ok "systemd-analyze verify $name"
      fi
    done
  fi
else
  skip "systemd units" "systemd-analyze not found"
fi

# compose.yaml.
export DYAD_TOKEN=check PGPASSWORD_DYAD=check
if docker compose version >/dev/null 2>&1; then
  if docker compose -f deploy/compose.yaml config -q; then ok "docker compose config deploy/compose.yaml"; else bad "docker compose config deploy/compose.yaml"; fi
else
  skip "docker compose config" "no docker compose plugin"
fi
if command -v python3 >/dev/null 2>&1 && python3 -c 'import yaml' 2>/dev/null; then
  if python3 - deploy/compose.yaml <<'EOF'
import sys, yaml

class Strict(yaml.SafeLoader):
    pass

def mapping(loader, node, deep=False):
    loader.flatten_mapping(node)
    seen = set()
    for k, _ in node.value:
        key = loader.construct_object(k, deep=deep)
        if key in seen:
            raise yaml.constructor.ConstructorError(None, None, "duplicate key %r" % key, k.start_mark)
        seen.add(key)
    return loader.construct_mapping(node, deep)

Strict.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, mapping)
doc = yaml.load(open(sys.argv[1]), Loader=Strict)
services = doc.get("services") or {}
assert services, "no services"
for name, s in services.items():
    assert isinstance(s, dict), "service %s is not a mapping" % name
    assert "image" in s or "build" in s, "service %s has no image" % name
for want in ("worker", "serve", "postgres", "postgres-replica", "nats1", "nats2", "nats3"):
    assert want in services, "service %s missing" % want
print("  %d services: %s" % (len(services), ", ".join(sorted(services))))
EOF
  then ok "YAML parse of deploy/compose.yaml"; else bad "YAML parse of deploy/compose.yaml"; fi
else
  skip "YAML parse of deploy/compose.yaml" "no python3 with the yaml module"
fi

# nats.conf.
nats=""
if command -v nats-server >/dev/null 2>&1; then
  nats=$(command -v nats-server)
elif command -v go >/dev/null 2>&1 && CGO_ENABLED=0 go build -o "$tmp/nats-server" github.com/nats-io/nats-server/v2 2>"$tmp/nats.err"; then
  nats="$tmp/nats-server"
fi
if [ -n "$nats" ]; then
  if NATS_NAME=nats1 "$nats" -t -c deploy/nats/nats.conf; then ok "nats-server -t deploy/nats/nats.conf"; else bad "nats-server -t deploy/nats/nats.conf"; fi
else
  skip "nats-server -t" "no nats-server and it could not be built"
fi

# Caddyfile.
if command -v caddy >/dev/null 2>&1; then
  if DYAD_SITE=localhost caddy adapt --config deploy/caddy/Caddyfile >/dev/null; then ok "caddy adapt deploy/caddy/Caddyfile"; else bad "caddy adapt deploy/caddy/Caddyfile"; fi
else
  skip "caddy adapt deploy/caddy/Caddyfile" "caddy not found"
fi

# Shell scripts.
for f in deploy/postgres/*.sh scripts/bench-workers.sh; do
  [ -e "$f" ] || continue
  if sh -n "$f" 2>/dev/null || bash -n "$f"; then ok "syntax of $f"; else bad "syntax of $f"; fi
done

echo
echo "deploy-check: ${#ran[@]} checks run, ${#notrun[@]} not run"
for n in "${notrun[@]}"; do echo "  not run: $n"; done
exit $fail
