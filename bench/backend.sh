# backend.sh: sourced by the benchmarks: where the record of a run lives.
# BACKEND=sqlite (the default): a file in $RUN. BACKEND=postgresql: a
# database in a PostgreSQL 15 cluster of the run's own
# (tests/pg/cluster.sh, in $RUN/pg), destroyed when the script exits.
#
# bench_db NAME: prints the --db of a new, empty record named NAME.
BACKEND=${BACKEND:-sqlite}
case $BACKEND in
sqlite | postgresql) ;;
*) echo "BACKEND must be sqlite or postgresql, not $BACKEND" >&2; exit 2 ;;
esac
if [ "$BACKEND" = postgresql ]; then
    . tests/pg/cluster.sh
    pg_start "$RUN/pg" >/dev/null
    pg_cleanup_on_exit "$RUN/pg"
    # Keys live beside no file: the run's own.
    export VIGIL_MASTER_KEY=$RUN/master.key VIGIL_SIGNING_KEY=$RUN/signing.key
fi

bench_db() {
    if [ "$BACKEND" = postgresql ]; then
        pg_newdb "$RUN/pg" "$1"
    else
        echo "$RUN/$1.db"
    fi
}
