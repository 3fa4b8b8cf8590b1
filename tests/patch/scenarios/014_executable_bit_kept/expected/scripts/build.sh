#!/bin/sh
set -e
echo building >&2
