#!/bin/sh
# Static checks of deploy/ on this machine, without installing anything system-wide:
#   1. deploy/env.example names every variable the production settings and gunicorn read;
#   2. `nginx -t` on deploy/nginx/* in a throw-away prefix (self-signed certificate);
#   3. `systemd-analyze verify` on deploy/systemd/* (paths pointed at this checkout).
# With --smoke DATABASE_URL it also runs gunicorn (production settings, unix socket) behind
# that nginx on 127.0.0.1:8080/8443 and checks redirects, headers and the blocked media paths.
# Needs nginx (apt-get install nginx-light) and systemd-analyze for steps 2 and 3; a step
# whose tool is missing is reported as SKIPPED. Exit status 1 if any check failed.
set -u
cd "$(dirname "$0")/.."
ROOT=$(pwd)
WORK=$(mktemp -d /tmp/sevottam-deploy-check.XXXXXX)
status=0
fail() { echo "FAIL: $*"; status=1; }

echo "== 1. env.example covers every variable read by the settings and gunicorn.conf.py"
read_vars=$( (grep -ohE 'env(\.[a-z_]+)?\(\s*"[A-Z_0-9]+"' lms/settings/base.py lms/settings/production.py;
  grep -ohE 'environ\.get\("[A-Z_0-9]+"' gunicorn.conf.py) | sed -E 's/.*"([A-Z_0-9]+)"/\1/' | sort -u)
listed=$(sed -nE 's/^#?([A-Z_0-9]+)=.*/\1/p' deploy/env.example | sort -u)
missing=$(printf '%s\n' "$read_vars" | while read -r name; do
  printf '%s\n' "$listed" | grep -qx "$name" || printf '%s ' "$name"; done)
if [ -n "$missing" ]; then fail "deploy/env.example lacks: $missing"; else
  echo "ok: $(printf '%s\n' "$read_vars" | wc -l) variables, all in deploy/env.example"; fi

echo "== 2. nginx -t (prefix $WORK/nginx)"
if command -v nginx >/dev/null 2>&1; then
  P="$WORK/nginx"; mkdir -p "$P/logs" "$P/ssl" "$P/static" "$P/media"
  openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=lms.example.gov.in" \
    -keyout "$P/ssl/privkey.pem" -out "$P/ssl/fullchain.pem" >/dev/null 2>&1
  sed -e "s|/etc/nginx/snippets/sevottam-proxy.conf|$P/sevottam-proxy.conf|" \
      -e "s|/etc/ssl/sevottam/|$P/ssl/|" -e "s|/var/log/nginx/|$P/logs/|" \
      -e "s|/var/www/letsencrypt|$P/acme|" \
      -e "s|/srv/sevottam/static/|${SMOKE_STATIC:-$P/static}/|" \
      -e "s|/srv/sevottam/media/|$P/media/|" \
      -e "s|unix:/run/sevottam/gunicorn.sock|unix:$P/gunicorn.sock|" \
      -e "s|listen 80;|listen 127.0.0.1:8080;|" -e "s|listen 443 ssl|listen 127.0.0.1:8443 ssl|" \
      -e "/listen \[::\]/d" deploy/nginx/sevottam.conf > "$P/site.conf"
  cp deploy/nginx/sevottam-proxy.conf "$P/sevottam-proxy.conf"
  # Run by root, the test nginx's workers would be "nobody", who may not open the test
  # socket and media (in production: www-data in the sevottam group, see README).
  [ "$(id -u)" = 0 ] && user_line="user root;" || user_line=""
  cat > "$P/nginx.conf" <<EOF
$user_line
pid $P/nginx.pid;
error_log $P/logs/error.log;
events { worker_connections 256; }
http {
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    client_body_temp_path $P/body; proxy_temp_path $P/proxy;
    fastcgi_temp_path $P/fcgi; uwsgi_temp_path $P/uwsgi; scgi_temp_path $P/scgi;
    access_log $P/logs/access.log;
    include $P/site.conf;
}
EOF
  if nginx -t -p "$P" -c "$P/nginx.conf" 2>&1; then echo "ok: nginx -t"; else fail "nginx -t"; fi
else
  echo "SKIPPED: nginx is not installed (apt-get install nginx-light)"
fi

echo "== 3. systemd-analyze verify"
if command -v systemd-analyze >/dev/null 2>&1; then
  U="$WORK/systemd"; mkdir -p "$U"
  for unit in deploy/systemd/*; do
    sed -e "s|/srv/sevottam/app|$ROOT|g" "$unit" > "$U/$(basename "$unit")"
  done
  out=$(cd "$U" && SYSTEMD_LOG_LEVEL=notice systemd-analyze verify --man=no ./*.service ./*.timer 2>&1)
  # Without a running systemd (containers, CI) verify cannot resolve the units' dependencies
  # on postgresql/redis/network targets; those lines are not about these files.
  problems=$(printf '%s\n' "$out" | grep -v -e "^$" -e "Failed to .* bus" -e "postgresql.service" \
    -e "redis-server.service" -e "network-online.target" -e "Unit is bound to inactive" || true)
  printf '%s\n' "$out" | sed 's/^/  /'
  if [ -n "$problems" ]; then fail "systemd-analyze verify reported problems (above)"; else
    echo "ok: systemd-analyze verify ($(ls "$U" | wc -l) units)"; fi
else
  echo "SKIPPED: systemd-analyze is not available"
fi

if [ "${1:-}" = "--smoke" ] && [ -n "${2:-}" ] && command -v nginx >/dev/null 2>&1; then
  echo "== 4. smoke: nginx (TLS) -> gunicorn (unix socket), production settings, $2"
  P="$WORK/nginx"
  mkdir -p "$P/media/certificates/2026" "$P/media/documents" "$P/media/images"
  echo '%PDF-secret' > "$P/media/certificates/2026/x.pdf"
  echo 'doc' > "$P/media/documents/x.txt"
  printf 'GIF89a' > "$P/media/images/x.gif"
  DJANGO_SETTINGS_MODULE=lms.settings.production SECRET_KEY=smoke-only-$(date +%s)-0123456789abcdefghijklmnopqrstuvwxyz \
  ALLOWED_HOSTS=lms.example.gov.in DATABASE_URL="$2" REDIS_URL= STATIC_ROOT="${SMOKE_STATIC:-$P/static}" \
  MEDIA_ROOT="$P/media" GUNICORN_BIND="unix:$P/gunicorn.sock" GUNICORN_WORKERS=2 \
    .venv/bin/gunicorn lms.wsgi -c gunicorn.conf.py --umask 0007 --daemon --pid "$P/gunicorn.pid" \
    --error-logfile "$P/logs/gunicorn.log" --access-logfile "$P/logs/gunicorn-access.log"
  nginx -p "$P" -c "$P/nginx.conf"
  for _ in $(seq 60); do [ -S "$P/gunicorn.sock" ] && break; sleep 1; done
  sleep 3
  C="curl -sk -o /dev/null --resolve lms.example.gov.in:8443:127.0.0.1 --resolve lms.example.gov.in:8080:127.0.0.1"
  check() { got=$($C -w '%{http_code}' "$2"); [ "$got" = "$1" ] && echo "ok: $1 $2" || fail "$2 answered $got, expected $1"; }
  check 301 http://lms.example.gov.in:8080/courses/
  check 200 https://lms.example.gov.in:8443/courses/
  check 200 https://lms.example.gov.in:8443/healthz
  check 404 https://lms.example.gov.in:8443/media/certificates/2026/x.pdf
  check 404 https://lms.example.gov.in:8443/media/documents/x.txt
  check 200 https://lms.example.gov.in:8443/media/images/x.gif
  static=$(ls "${SMOKE_STATIC:-$P/static}"/css/site.*.css 2>/dev/null | grep -v '\.gz$' | head -1)
  if [ -n "$static" ]; then
    url="https://lms.example.gov.in:8443/static/css/$(basename "$static")"
    check 200 "$url"
    headers=$(curl -sk -D - -o /dev/null -H 'Accept-Encoding: gzip' --resolve lms.example.gov.in:8443:127.0.0.1 "$url")
    echo "$headers" | grep -qi "cache-control: public, max-age=31536000, immutable" && echo "ok: static cached a year" || fail "static Cache-Control"
    echo "$headers" | grep -qi "content-encoding: gzip" && echo "ok: static gzip_static" || fail "static gzip"
  fi
  hsts=$(curl -sk -D - -o /dev/null --resolve lms.example.gov.in:8443:127.0.0.1 https://lms.example.gov.in:8443/courses/ | grep -ci "strict-transport-security")
  [ "$hsts" -ge 1 ] && echo "ok: HSTS on application pages" || fail "no HSTS"
  codes=$(for _ in $(seq 15); do $C -w '%{http_code} ' https://lms.example.gov.in:8443/verify/no-such-serial/; done)
  echo "$codes" | grep -q 429 && echo "ok: /verify/ limited by nginx ($codes)" || fail "/verify/ not rate-limited: $codes"
  big=$(head -c 11000000 /dev/zero | curl -sk -o /dev/null -w '%{http_code}' --resolve lms.example.gov.in:8443:127.0.0.1 \
    -X POST --data-binary @- https://lms.example.gov.in:8443/accounts/login/)
  [ "$big" = "413" ] && echo "ok: 11 MB body refused (413)" || fail "11 MB body answered $big"
  kill "$(cat "$P/nginx.pid")" "$(cat "$P/gunicorn.pid")" 2>/dev/null
fi

rm -rf "$WORK"
[ $status -eq 0 ] && echo "deploy/check.sh: all checks passed" || echo "deploy/check.sh: FAILED"
exit $status
