# Starts a throwaway PostgreSQL cluster on 127.0.0.1 for the database tests and exports
# the connection string that @backstage/backend-test-utils' TestDatabases reads.
# Source it, then call start_postgres; stop_postgres removes the cluster.

free_port() {
  node -e "const s = require('net').createServer().listen(0, '127.0.0.1', () => { console.log(s.address().port); s.close(); })"
}

pg_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1; }

start_postgres() {
  local bin port
  bin=$(pg_bin)
  if [ -z "$bin" ]; then
    echo "PostgreSQL is not installed: the database tests run on SQLite only" >&2
    return 0
  fi
  # A port the system has free now, unless one is given: a fixed one may be taken.
  port=${PGTEST_PORT:-$(free_port)}
  PGTEST_DIR=$(mktemp -d)
  export PGTEST_BIN=$bin PGTEST_DIR
  chown postgres "$PGTEST_DIR" 2>/dev/null || true
  local run=()
  [ "$(id -u)" -eq 0 ] && run=(runuser -u postgres --)
  "${run[@]}" "$bin/initdb" -D "$PGTEST_DIR/data" -U postgres --auth=trust >/dev/null
  "${run[@]}" "$bin/pg_ctl" -D "$PGTEST_DIR/data" -l "$PGTEST_DIR/log" -w \
    -o "-c listen_addresses=127.0.0.1 -p $port -k $PGTEST_DIR" start >/dev/null ||
    { tail -n 5 "$PGTEST_DIR/log" >&2; return 1; }
  local version
  version=$("$bin/postgres" --version | sed -E 's/.* ([0-9]+)\..*/\1/')
  export "BACKSTAGE_TEST_DATABASE_POSTGRES${version}_CONNECTION_STRING=postgresql://postgres@127.0.0.1:${port}"
  echo "PostgreSQL ${version} on 127.0.0.1:${port}"
}

stop_postgres() {
  [ -n "${PGTEST_DIR:-}" ] || return 0
  local run=()
  [ "$(id -u)" -eq 0 ] && run=(runuser -u postgres --)
  "${run[@]}" "$PGTEST_BIN/pg_ctl" -D "$PGTEST_DIR/data" -m fast stop >/dev/null 2>&1 || true
  rm -rf "$PGTEST_DIR"
}
