#!/bin/sh
# The whole test suite: compares greet.sh's output with what is expected.
out=$(sh ./greet.sh world)
if [ "$out" != "hello, world" ]; then
    echo "FAILED greeting: got '$out'"
    exit 1
fi
echo "ok"
