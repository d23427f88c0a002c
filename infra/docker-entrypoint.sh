#!/bin/sh
# Entrypoint of the MCPist image: runs the command it is given (by default
# `node core/dist/cli/main.js serve ...`), after one optional step.
#
# Hosts with an ephemeral disk (Koyeb) cannot keep <dataDir>/keys.json between
# deploys, and MCPist has no setting that takes the key ring itself from the
# environment. If KEY_RING_JSON holds the contents of a key file (from a
# platform secret), this script writes it to a private file, points
# MCPIST_KEY_FILE at it, and removes KEY_RING_JSON from the environment before
# MCPist starts. The name deliberately does not start with MCPIST_: MCPist
# refuses unknown MCPIST_* variables.
set -eu

if [ -n "${KEY_RING_JSON:-}" ]; then
  if [ -n "${MCPIST_KEY_FILE:-}" ]; then
    echo "docker-entrypoint: set KEY_RING_JSON or MCPIST_KEY_FILE, not both" >&2
    exit 2
  fi
  umask 077
  MCPIST_KEY_FILE="${TMPDIR:-/tmp}/mcpist-keys.json"
  printf '%s\n' "$KEY_RING_JSON" > "$MCPIST_KEY_FILE"
  export MCPIST_KEY_FILE
  unset KEY_RING_JSON
fi

exec "$@"
