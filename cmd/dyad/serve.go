package main

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/dyad-events/dyad/coder"
	"github.com/dyad-events/dyad/nlp"
	"github.com/dyad-events/dyad/server"
)

const serveUsage = `Usage: dyad serve [flags]

Serves the JSON API (/api/…, described at /api/openapi.json), Prometheus
metrics (/metrics), a health check (/healthz) and the dashboard (/) over
the store. Everything is embedded: no internet access is needed.

Security: the server binds 127.0.0.1 by default. POST /api/ingest writes
to the store and needs --token (clients send "Authorization: Bearer T")
unless the server is bound to loopback; binding another address without
a token is refused. Request bodies are limited by --max-body. No CORS
headers are sent unless --cors names an origin. SIGTERM or Ctrl-C stops
the server after the requests in flight finish.

Examples:
  dyad serve
  dyad serve --db news.db --addr 127.0.0.1:9000
  dyad serve --addr 0.0.0.0:8080 --token "$(openssl rand -hex 16)"
  curl -s 'localhost:8080/api/dyad/series?a=CHN&b=AFG' | jq .data.overall`

func init() {
	register(&command{name: "serve", summary: "serve the JSON API and the dashboard", usage: serveUsage + "\n\n" + dbUsage, run: runServe})
}

// serveFlags are the flags shared by serve and demo.
type serveFlags struct {
	addr, token, maxBody, cors string
	cacheTTL                   time.Duration
	grace                      time.Duration
	df                         dictFlags
}

func (f *serveFlags) register(fs interface {
	StringVar(*string, string, string, string)
	DurationVar(*time.Duration, string, time.Duration, string)
}) {
	fs.StringVar(&f.addr, "addr", server.DefaultAddr, "listen `HOST:PORT`")
	fs.StringVar(&f.token, "token", "", "Bearer `TOKEN` required by writing endpoints (required for a non-loopback --addr)")
	fs.StringVar(&f.maxBody, "max-body", "10MB", "request body `LIMIT` (bytes, or with KB, MB, GB)")
	fs.StringVar(&f.cors, "cors", "", "allow cross-origin requests from `ORIGIN` (default: none)")
	fs.DurationVar(&f.cacheTTL, "cache-ttl", 60*time.Second, "how long analysis answers are cached (`DURATION`, 0 = default, negative = off)")
	fs.DurationVar(&f.grace, "grace", 30*time.Second, "time in-flight requests get to finish on shutdown")
}

// parseSize reads 10MB, 512KB, 1GB or a byte count.
func parseSize(s string) (int64, error) {
	t := strings.ToUpper(strings.TrimSpace(s))
	mult := int64(1)
	for _, u := range []struct {
		suf string
		m   int64
	}{{"GB", 1 << 30}, {"MB", 1 << 20}, {"KB", 1 << 10}, {"G", 1 << 30}, {"M", 1 << 20}, {"K", 1 << 10}, {"B", 1}} {
		if strings.HasSuffix(t, u.suf) {
			t, mult = strings.TrimSpace(strings.TrimSuffix(t, u.suf)), u.m
			break
		}
	}
	n, err := strconv.ParseInt(t, 10, 64)
	if err != nil || n <= 0 {
		return 0, usagef("--max-body %q: want a size such as 10MB", s)
	}
	return n * mult, nil
}

// config builds the server configuration; the coder loads on first use.
func (f *serveFlags) config(e *env) (server.Config, error) {
	mb, err := parseSize(f.maxBody)
	if err != nil {
		return server.Config{}, err
	}
	var once sync.Once
	var cod server.Coder
	var codErr error
	load := func() (server.Coder, error) {
		once.Do(func() {
			dict, err := f.df.load()
			if err != nil {
				codErr = err
				return
			}
			pipe, err := nlp.Default()
			if err != nil {
				codErr = err
				return
			}
			cod = coder.New(dict, pipe, coder.DefaultOptions())
		})
		return cod, codErr
	}
	cfg := server.Config{Addr: f.addr, Token: f.token, MaxBody: mb, CORSOrigin: f.cors, Coder: load, CacheTTL: f.cacheTTL, Version: version, Log: e.stderr}
	if err := server.Check(cfg); err != nil {
		return cfg, usagef("%v", err)
	}
	return cfg, nil
}

func runServe(ctx context.Context, e *env, args []string) error {
	fs := newFlagSet(e, "serve", serveUsage+"\n\n"+dbUsage)
	db := addDBFlag(fs)
	var sf serveFlags
	sf.register(fs)
	sf.df.register(fs)
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usagef("unexpected argument %q", fs.Arg(0))
	}
	cfg, err := sf.config(e)
	if err != nil {
		return err
	}
	st, err := openStoreEnv(*db, e.getenv)
	if err != nil {
		return err
	}
	defer st.Close()
	srv, err := server.New(st, cfg)
	if err != nil {
		return err
	}
	return srv.ListenAndServe(ctx, sf.grace, func(addr string) {
		fmt.Fprintf(e.stdout, "dyad serve: listening on http://%s/ (API: /api/openapi.json, metrics: /metrics)\n", addr)
	})
}
