package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"golang.org/x/term"

	"github.com/dyad-events/dyad/store"
	"github.com/dyad-events/dyad/store/postgres"
	"github.com/dyad-events/dyad/store/sqlite"
)

// dbUsage documents how the store is chosen; subcommands append it to -h.
const dbUsage = `The store: --db PATH names an SQLite file (created when missing); --db
postgres://USER@HOST/DB (or postgresql://) a PostgreSQL database, which
must exist (the tables are created; see docs/store.md). Without --db,
$DYAD_DB is used, else $XDG_DATA_HOME/dyad/dyad.db, else
~/.local/share/dyad/dyad.db.`

// addDBFlag registers --db on fs.
func addDBFlag(fs *flag.FlagSet) *string {
	return fs.String("db", "", "store: SQLite file `PATH` or postgres:// URL (default $DYAD_DB, else $XDG_DATA_HOME/dyad/dyad.db or ~/.local/share/dyad/dyad.db)")
}

// isPostgresURL reports whether a store location is a PostgreSQL URL.
func isPostgresURL(loc string) bool {
	low := strings.ToLower(loc)
	return strings.HasPrefix(low, "postgres://") || strings.HasPrefix(low, "postgresql://")
}

// defaultDBPath resolves the database path when --db is not given:
// $DYAD_DB, then $XDG_DATA_HOME/dyad/dyad.db, then ~/.local/share/dyad/dyad.db.
func defaultDBPath(getenv func(string) string) (string, error) {
	if p := getenv("DYAD_DB"); p != "" {
		return p, nil
	}
	if x := getenv("XDG_DATA_HOME"); x != "" && filepath.IsAbs(x) {
		return filepath.Join(x, "dyad", "dyad.db"), nil
	}
	home := getenv("HOME")
	if home == "" {
		h, err := os.UserHomeDir()
		if err != nil {
			return "", fmt.Errorf("no --db given and no home directory: %w", err)
		}
		home = h
	}
	return filepath.Join(home, ".local", "share", "dyad", "dyad.db"), nil
}

// resolveDB returns the store location for a --db value.
func resolveDB(dbFlag string, getenv func(string) string) (string, error) {
	if dbFlag == "" {
		return defaultDBPath(getenv)
	}
	return dbFlag, nil
}

// openStore opens the store named by dbFlag (see dbUsage), using the
// process environment.
func openStore(dbFlag string) (store.Store, error) {
	return openStoreEnv(dbFlag, os.Getenv)
}

// openStoreEnv is openStore with a substitute environment.
func openStoreEnv(dbFlag string, getenv func(string) string) (store.Store, error) {
	loc, err := resolveDB(dbFlag, getenv)
	if err != nil {
		return nil, err
	}
	if isPostgresURL(loc) {
		// Connecting and migrating should not take long; a server that
		// does not answer is an error rather than a hang.
		ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
		defer cancel()
		s, err := postgres.Open(ctx, loc)
		if err != nil {
			return nil, fmt.Errorf("store: %w", err)
		}
		return s, nil
	}
	loc = strings.TrimPrefix(loc, "sqlite://")
	s, err := sqlite.Open(loc)
	if err != nil {
		return nil, fmt.Errorf("store %s: %w", loc, err)
	}
	return s, nil
}

// splitGlobalDB removes a leading global "--db PATH" (or --db=PATH) from the
// command line, so that "dyad --db x.db events" works like
// "dyad events --db x.db". main.go calls it before dispatch; the value is
// passed on through $DYAD_DB.
func splitGlobalDB(args []string) (db string, rest []string) {
	if len(args) == 0 {
		return "", args
	}
	a := args[0]
	switch {
	case (a == "--db" || a == "-db") && len(args) > 1:
		return args[1], args[2:]
	case strings.HasPrefix(a, "--db="):
		return strings.TrimPrefix(a, "--db="), args[1:]
	case strings.HasPrefix(a, "-db="):
		return strings.TrimPrefix(a, "-db="), args[1:]
	}
	return "", args
}

// isTTY reports whether w is a terminal.
func isTTY(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}
