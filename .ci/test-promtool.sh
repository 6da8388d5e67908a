# Sourced by .ci/run: promtool, for the test that runs `promtool check metrics` on GET /metrics
# (MetricsRouteTest; with CI=true it fails rather than skips when promtool is missing). promtool
# ships in Debian's prometheus package; the Prometheus server it also installs is not started here.
# Safe to run again. Needs root (CI runs as root).

if ! command -v promtool >/dev/null; then
  echo "test-promtool: installing promtool from Debian's prometheus package"
  apt-get update -q
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends prometheus
fi
promtool --version 2>&1 | sed -n 1p
