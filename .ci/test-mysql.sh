# Sourced by .ci/run: a MySQL-compatible server (Debian's MariaDB) for the Jdbc connector's MySQL
# tests, on 127.0.0.1:3306 with password auth. Installs mariadb-server if missing, starts it if it
# is not answering, creates the test user and database, and exports ATOLL_TEST_MYSQL_URL / _USER /
# _PASSWORD. Safe to run again: every step checks before it acts. Needs root (CI runs as root).

atoll_my_db=atoll_test
atoll_my_user=atoll_test
atoll_my_password=atoll_test

if ! command -v mysqld_safe >/dev/null; then
  echo "test-mysql: installing MariaDB from Debian's packages"
  apt-get update -q
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q mariadb-server
fi
if ! mysqladmin ping >/dev/null 2>&1; then
  echo "test-mysql: starting MariaDB"
  mkdir -p /run/mysqld
  chown mysql:mysql /run/mysqld
  (nohup mysqld_safe --user=mysql --bind-address=127.0.0.1 >/tmp/atoll-test-mysqld.log 2>&1 &)
  for _ in $(seq 1 60); do
    mysqladmin ping >/dev/null 2>&1 && break
    sleep 0.5
  done
fi
mysqladmin ping
# SUPER: MariaDB lists prepared XA transactions (XA RECOVER) only to it; the XA sink needs the list.
mysql <<SQL
CREATE DATABASE IF NOT EXISTS $atoll_my_db;
CREATE USER IF NOT EXISTS '$atoll_my_user'@'127.0.0.1' IDENTIFIED BY '$atoll_my_password';
ALTER USER '$atoll_my_user'@'127.0.0.1' IDENTIFIED BY '$atoll_my_password';
GRANT ALL ON $atoll_my_db.* TO '$atoll_my_user'@'127.0.0.1';
GRANT SUPER ON *.* TO '$atoll_my_user'@'127.0.0.1';
FLUSH PRIVILEGES;
SQL
mysql -h 127.0.0.1 -u "$atoll_my_user" -p"$atoll_my_password" -e 'SELECT 1' "$atoll_my_db" >/dev/null

export ATOLL_TEST_MYSQL_URL="jdbc:mysql://127.0.0.1:3306/$atoll_my_db"
export ATOLL_TEST_MYSQL_USER="$atoll_my_user"
export ATOLL_TEST_MYSQL_PASSWORD="$atoll_my_password"
echo "test-mysql: $(mysqladmin version 2>/dev/null | awk '/Server version/ {print $3, $4}') ready, ATOLL_TEST_MYSQL_URL=$ATOLL_TEST_MYSQL_URL"
