# Sourced by .ci/run: a PostgreSQL for the JDBC journal tests, on 127.0.0.1 with password auth.
# Installs Debian's postgresql if missing, starts its cluster, creates the test role and database
# (CREATEDB, so a test can make a database of its own and drop it), and exports
# ATOLL_TEST_JDBC_URL / _USER / _PASSWORD. Safe to run again: every step checks before it acts.
# Needs root (CI runs as root) or an already running cluster that sudo -u postgres can reach.

atoll_db_name=atoll_test
atoll_db_user=atoll_test
atoll_db_password=atoll_test

as_postgres() { # command... : run as the postgres OS user, from a directory it can read
  if [[ "$(id -u)" == 0 ]]; then
    (cd / && runuser -u postgres -- "$@")
  else
    (cd / && sudo -n -u postgres -- "$@")
  fi
}

pg_version() { ls /usr/lib/postgresql 2>/dev/null | sort -V | tail -n 1; }

if [[ -z "$(pg_version)" ]] || ! command -v pg_ctlcluster >/dev/null; then
  echo "test-db: installing PostgreSQL from Debian's packages"
  apt-get update -q
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q postgresql
fi
pg_ver="$(pg_version)"
if [[ -z "$(pg_lsclusters -h | awk -v v="$pg_ver" '$1 == v')" ]]; then
  echo "test-db: creating PostgreSQL $pg_ver cluster 'main'"
  pg_createcluster "$pg_ver" main
fi
read -r pg_cluster pg_port pg_status < <(pg_lsclusters -h | awk -v v="$pg_ver" '$1 == v { print $2, $3, $4; exit }')
if [[ "$pg_status" != online* ]]; then
  echo "test-db: starting PostgreSQL $pg_ver/$pg_cluster on port $pg_port"
  pg_ctlcluster "$pg_ver" "$pg_cluster" start
fi
for _ in $(seq 1 60); do
  pg_isready -q -h 127.0.0.1 -p "$pg_port" && break
  sleep 0.5
done
pg_isready -h 127.0.0.1 -p "$pg_port"

# The Jdbc sink's is_exactly_once prepares XA transactions (PREPARE TRANSACTION): PostgreSQL
# refuses them while max_prepared_transactions is 0 (its default). Set it once, and restart only then.
if [[ "$(as_postgres psql -tA -p "$pg_port" -d postgres -c 'SHOW max_prepared_transactions')" == 0 ]]; then
  echo "test-db: setting max_prepared_transactions = 64 (for XA) and restarting PostgreSQL"
  as_postgres psql -q -p "$pg_port" -d postgres -c 'ALTER SYSTEM SET max_prepared_transactions = 64'
  pg_ctlcluster "$pg_ver" "$pg_cluster" restart
  for _ in $(seq 1 60); do
    pg_isready -q -h 127.0.0.1 -p "$pg_port" && break
    sleep 0.5
  done
  pg_isready -h 127.0.0.1 -p "$pg_port"
fi

as_postgres psql -q -v ON_ERROR_STOP=1 -p "$pg_port" -d postgres <<SQL
DO \$\$ BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '$atoll_db_user') THEN
    CREATE ROLE $atoll_db_user LOGIN CREATEDB PASSWORD '$atoll_db_password';
  ELSE
    ALTER ROLE $atoll_db_user LOGIN CREATEDB PASSWORD '$atoll_db_password';
  END IF;
END \$\$;
SQL
if [[ "$(as_postgres psql -tA -p "$pg_port" -d postgres -c "SELECT 1 FROM pg_database WHERE datname = '$atoll_db_name'")" != 1 ]]; then
  as_postgres createdb -p "$pg_port" -O "$atoll_db_user" "$atoll_db_name"
fi
# The tests log in over TCP with the password, as a node does: check that works here too.
PGPASSWORD="$atoll_db_password" psql -q -h 127.0.0.1 -p "$pg_port" -U "$atoll_db_user" -d "$atoll_db_name" \
  -c 'SELECT 1' >/dev/null

export ATOLL_TEST_JDBC_URL="jdbc:postgresql://127.0.0.1:$pg_port/$atoll_db_name"
export ATOLL_TEST_JDBC_USER="$atoll_db_user"
export ATOLL_TEST_JDBC_PASSWORD="$atoll_db_password"
echo "test-db: PostgreSQL $pg_ver ready, ATOLL_TEST_JDBC_URL=$ATOLL_TEST_JDBC_URL"
