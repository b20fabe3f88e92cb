// Package pgtest gives tests a fresh PostgreSQL database: a server named by
// $DYAD_TEST_POSTGRES (a URL of a role that may create databases; .ci/postgres.sh
// starts a throwaway cluster and sets it), one new database per test, dropped
// when the test ends. Without $DYAD_TEST_POSTGRES the test is skipped, except
// under CI=true, where it fails.
package pgtest

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"net/url"
	"os"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
)

// EnvVar names the variable holding the server URL.
const EnvVar = "DYAD_TEST_POSTGRES"

// ServerURL returns $DYAD_TEST_POSTGRES, skipping the test when it is not
// set (failing it when $CI is "true").
func ServerURL(t testing.TB) string {
	t.Helper()
	u := os.Getenv(EnvVar)
	if u == "" {
		if os.Getenv("CI") == "true" {
			t.Fatalf("CI requires %s: the URL of a PostgreSQL server where tests may create databases (source .ci/postgres.sh)", EnvVar)
		}
		t.Skipf("%s is not set: no PostgreSQL server to test against (source .ci/postgres.sh to start a throwaway one)", EnvVar)
	}
	return u
}

// NewDB creates an empty database on the test server and returns its URL;
// the database is dropped (connections closed by force) when the test and
// its subtests end.
func NewDB(t testing.TB) string {
	t.Helper()
	admin := ServerURL(t)
	var b [6]byte
	if _, err := rand.Read(b[:]); err != nil {
		t.Fatal(err)
	}
	name := fmt.Sprintf("dyadtest_%d_%s", os.Getpid(), hex.EncodeToString(b[:]))
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	if err := exec(ctx, admin, `CREATE DATABASE `+name); err != nil {
		t.Fatalf("pgtest: create database: %v", err)
	}
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
		defer cancel()
		if err := exec(ctx, admin, `DROP DATABASE IF EXISTS `+name+` WITH (FORCE)`); err != nil {
			t.Errorf("pgtest: drop database %s: %v", name, err)
		}
	})
	u, err := url.Parse(admin)
	if err != nil {
		t.Fatalf("pgtest: %s: %v", EnvVar, err)
	}
	u.Path = "/" + name
	return u.String()
}

func exec(ctx context.Context, u, sql string) error {
	c, err := pgx.Connect(ctx, u)
	if err != nil {
		return err
	}
	defer c.Close(context.Background())
	_, err = c.Exec(ctx, sql)
	return err
}
