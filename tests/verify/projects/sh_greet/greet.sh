#!/bin/sh
# Prints a greeting for the name given.
echo "hello, $1"
