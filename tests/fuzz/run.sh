#!/bin/sh
# run.sh NAME [SECONDS]: run the libFuzzer harness tests/fuzz/fuzz_NAME
# (built by `make fuzzers` in the current directory) for SECONDS (60)
# on its seeds, tests/fuzz/corpus/NAME, and the inputs that once broke
# it, tests/fuzz/regress/NAME, both under $SRCDIR (default: this
# script's tree).  New inputs go to tests/fuzz/work/NAME, a crash to
# tests/fuzz/crash-NAME-*; the exit status is libFuzzer's.
set -u
name=$1
secs=${2:-60}
src=${SRCDIR:-$(cd "$(dirname "$0")/../.." && pwd)}

# The longest input worth trying, by what the harness reads.
case $name in
reader) max=512 ;;
editor) max=1024 ;;
doc|glossary) max=8192 ;;
import) max=16384 ;;
*) max=4096 ;;
esac

work=tests/fuzz/work/$name
mkdir -p "$work"
set -- "$work"
for d in "$src/tests/fuzz/corpus/$name" "$src/tests/fuzz/regress/$name"; do
	[ -d "$d" ] && set -- "$@" "$d"
done
echo "fuzz_$name: $secs s"
exec tests/fuzz/fuzz_"$name" -max_total_time="$secs" -max_len="$max" \
    -timeout=20 -print_final_stats=1 \
    -artifact_prefix=tests/fuzz/crash-"$name"- "$@"
