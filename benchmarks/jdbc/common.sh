# Sourced by the Jdbc benchmark scripts: psql's connection settings from ATOLL_TEST_JDBC_URL / _USER /
# _PASSWORD, and whole-process timing with the shell's clock (median and spread of the runs).

# jdbc:postgresql://HOST:PORT/DB[?...] -> psql's connection settings
hostport="${ATOLL_TEST_JDBC_URL#jdbc:postgresql://}"; hostport="${hostport%%/*}"
db="${ATOLL_TEST_JDBC_URL#jdbc:postgresql://*/}"; db="${db%%\?*}"
export PGHOST="${hostport%%:*}" PGPORT="${hostport##*:}" PGDATABASE="$db" PGUSER="$ATOLL_TEST_JDBC_USER"
export PGPASSWORD="$ATOLL_TEST_JDBC_PASSWORD"

seconds() { # command... : runs it, prints its wall seconds (fails the script when it fails)
  local start end
  start=$(date +%s.%N)
  "$@"
  end=$(date +%s.%N)
  awk -v s="$start" -v e="$end" 'BEGIN { printf "%.3f\n", e - s }'
}

median() { sort -g | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else printf "%.3f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
spread() { sort -g | awk 'NR == 1 { min = $1 } { max = $1 } END { printf "%.2f-%.2f", min, max }'; }
