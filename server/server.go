// Package server is dyad's HTTP API and embedded dashboard: JSON over the
// store and the analyses, an OpenAPI 3 document, Prometheus metrics and the
// offline single-page dashboard under /.
//
// Every API handler returns a result or a typed error (APIError); one
// wrapper writes the envelope {"status":"success","data":…} or
// {"status":"error","errorType":…,"error":…}, counts the request and, for
// read-only analysis routes, caches the encoded answer until the store
// changes or the cache entry expires.
package server

import (
	"context"
	"crypto/subtle"
	"errors"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"strings"
	"sync/atomic"
	"time"

	"github.com/dyad-events/dyad"
	"github.com/dyad-events/dyad/analysis"
	"github.com/dyad-events/dyad/coder"
	"github.com/dyad-events/dyad/store"
)

// Coder codes one document; *coder.Coder implements it.
type Coder interface {
	CodeDocument(doc *dyad.Document) (*coder.Result, error)
}

// Config configures a Server.
type Config struct {
	// Addr is the listen address (default 127.0.0.1:8080).
	Addr string
	// Token, when set, is the Bearer token writing endpoints require.
	// Without it writing endpoints are open only when Addr is loopback,
	// and a non-loopback Addr refuses to start.
	Token string
	// MaxBody bounds request bodies in bytes (default 10 MiB).
	MaxBody int64
	// CORSOrigin, when set, is the one origin allowed cross-origin
	// requests; no CORS headers are sent otherwise.
	CORSOrigin string
	// Coder codes pasted text (POST /api/code) and ingested documents
	// (POST /api/ingest). Nil makes both answer "unavailable"; a function
	// lets the coder load lazily on first use.
	Coder func() (Coder, error)
	// CacheTTL is how long analysis answers are cached (default 60 s;
	// negative disables the cache). Ingesting through the API clears it.
	CacheTTL time.Duration
	// CacheEntries bounds the cache (default 1024 answers).
	CacheEntries int
	// Version is reported by /api/stats.
	Version string
	// Log receives server errors; nil means io.Discard.
	Log io.Writer
}

// DefaultAddr is the address dyad serve binds by default.
const DefaultAddr = "127.0.0.1:8080"

// DefaultMaxBody is the default request body limit (10 MiB).
const DefaultMaxBody = 10 << 20

// Server serves the API and the dashboard over one store.
type Server struct {
	st      store.Store
	src     analysis.Source
	cfg     Config
	mux     *http.ServeMux
	routes  []*route
	metrics *metrics
	cache   *cache
	gen     atomic.Uint64 // bumped when the server writes to the store
	logger  *log.Logger
	started time.Time
}

// ErrInsecure is returned by Check for a non-loopback address without a
// token.
var ErrInsecure = errors.New("refusing to serve writing endpoints on a non-loopback address without --token")

// New returns a Server over st. It does not listen; use Handler or
// ListenAndServe.
func New(st store.Store, cfg Config) (*Server, error) {
	if st == nil {
		return nil, fmt.Errorf("server: nil store: %w", dyad.ErrInvalidInput)
	}
	if cfg.Addr == "" {
		cfg.Addr = DefaultAddr
	}
	if cfg.MaxBody <= 0 {
		cfg.MaxBody = DefaultMaxBody
	}
	if cfg.CacheTTL == 0 {
		cfg.CacheTTL = 60 * time.Second
	}
	if cfg.CacheEntries <= 0 {
		cfg.CacheEntries = 1024
	}
	if cfg.Log == nil {
		cfg.Log = io.Discard
	}
	s := &Server{st: st, src: NewSource(st), cfg: cfg, mux: http.NewServeMux(), metrics: newMetrics(),
		logger: log.New(cfg.Log, "dyad serve: ", log.LstdFlags), started: time.Now()}
	if cfg.CacheTTL > 0 {
		s.cache = newCache(cfg.CacheEntries, cfg.CacheTTL)
	}
	s.registerRoutes()
	return s, nil
}

// Check validates the security configuration for cfg.Addr: a non-loopback
// address needs a token.
func Check(cfg Config) error {
	addr := cfg.Addr
	if addr == "" {
		addr = DefaultAddr
	}
	if cfg.Token == "" && !IsLoopback(addr) {
		return fmt.Errorf("%w: %s is reachable from other machines; pass --token T (clients send \"Authorization: Bearer T\") or bind 127.0.0.1", ErrInsecure, addr)
	}
	return nil
}

// IsLoopback reports whether the host of addr (host:port) is a loopback
// address or "localhost". An empty host (all interfaces) is not.
func IsLoopback(addr string) bool {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		host = addr
	}
	host = strings.Trim(host, "[]")
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// Handler returns the server's http.Handler.
func (s *Server) Handler() http.Handler { return s.mux }

// ListenAndServe listens on cfg.Addr and serves until ctx ends, then shuts
// down gracefully: it stops accepting connections and waits up to grace
// for in-flight requests to finish. ready, when not nil, is called with the
// bound address once listening.
func (s *Server) ListenAndServe(ctx context.Context, grace time.Duration, ready func(addr string)) error {
	if err := Check(s.cfg); err != nil {
		return err
	}
	ln, err := net.Listen("tcp", s.cfg.Addr)
	if err != nil {
		return fmt.Errorf("server: listen: %w", err)
	}
	return s.Serve(ctx, ln, grace, ready)
}

// Serve serves on ln until ctx ends (see ListenAndServe).
func (s *Server) Serve(ctx context.Context, ln net.Listener, grace time.Duration, ready func(addr string)) error {
	srv := &http.Server{
		Handler:           s.mux,
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       60 * time.Second,
		WriteTimeout:      5 * time.Minute, // ingest of a large body codes it all
		IdleTimeout:       120 * time.Second,
		MaxHeaderBytes:    64 << 10,
		ErrorLog:          s.logger,
		BaseContext:       func(net.Listener) context.Context { return context.WithoutCancel(ctx) },
	}
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	if ready != nil {
		ready(ln.Addr().String())
	}
	select {
	case err := <-errc:
		return fmt.Errorf("server: %w", err)
	case <-ctx.Done():
	}
	if grace <= 0 {
		grace = 30 * time.Second
	}
	sctx, cancel := context.WithTimeout(context.Background(), grace)
	defer cancel()
	if err := srv.Shutdown(sctx); err != nil {
		return fmt.Errorf("server: shutdown: %w", err)
	}
	if err := <-errc; err != nil && !errors.Is(err, http.ErrServerClosed) {
		return fmt.Errorf("server: %w", err)
	}
	return nil
}

// authorized checks the Bearer token of a writing request.
func (s *Server) authorized(r *http.Request) error {
	if s.cfg.Token == "" {
		if IsLoopback(s.cfg.Addr) {
			return nil
		}
		return &APIError{ErrUnauthorized, errors.New("writing endpoints are disabled: the server has no token and is not bound to loopback")}
	}
	h := r.Header.Get("Authorization")
	tok, ok := strings.CutPrefix(h, "Bearer ")
	if !ok || subtle.ConstantTimeCompare([]byte(strings.TrimSpace(tok)), []byte(s.cfg.Token)) != 1 {
		return &APIError{ErrUnauthorized, errors.New("missing or wrong token: send \"Authorization: Bearer TOKEN\"")}
	}
	return nil
}

// cors sets the CORS headers for the configured origin; it reports whether
// the request was a preflight that is now answered.
func (s *Server) cors(w http.ResponseWriter, r *http.Request) bool {
	if s.cfg.CORSOrigin == "" {
		return false
	}
	origin := r.Header.Get("Origin")
	if origin == "" || (s.cfg.CORSOrigin != "*" && origin != s.cfg.CORSOrigin) {
		return false
	}
	h := w.Header()
	h.Set("Access-Control-Allow-Origin", s.cfg.CORSOrigin)
	h.Add("Vary", "Origin")
	if r.Method == http.MethodOptions && r.Header.Get("Access-Control-Request-Method") != "" {
		h.Set("Access-Control-Allow-Methods", "GET, POST, OPTIONS")
		h.Set("Access-Control-Allow-Headers", "Authorization, Content-Type")
		h.Set("Access-Control-Max-Age", "600")
		w.WriteHeader(http.StatusNoContent)
		return true
	}
	return false
}

// statusWriter records the status code written.
type statusWriter struct {
	http.ResponseWriter
	code int
}

// WriteHeader records and writes the status code.
func (w *statusWriter) WriteHeader(code int) {
	if w.code == 0 {
		w.code = code
	}
	w.ResponseWriter.WriteHeader(code)
}

// Write writes b, recording 200 when no status was written.
func (w *statusWriter) Write(b []byte) (int, error) {
	if w.code == 0 {
		w.code = http.StatusOK
	}
	return w.ResponseWriter.Write(b)
}

// Flush lets streaming handlers flush.
func (w *statusWriter) Flush() {
	if f, ok := w.ResponseWriter.(http.Flusher); ok {
		f.Flush()
	}
}

// wrap turns a route's apiFunc into an http.Handler: metrics, CORS, auth
// for writing routes, body limit, cache for cacheable routes, envelope.
func (s *Server) wrap(rt *route) http.Handler {
	m := s.metrics.route(rt.name)
	return http.HandlerFunc(func(rw http.ResponseWriter, r *http.Request) {
		start := time.Now()
		w := &statusWriter{ResponseWriter: rw}
		defer func() {
			if p := recover(); p != nil {
				s.logger.Printf("panic in %s: %v", rt.name, p)
				if w.code == 0 {
					writeError(w, &APIError{ErrInternal, fmt.Errorf("internal error in %s", rt.name)})
				}
			}
			m.observe(w.code, time.Since(start))
		}()
		if s.cors(w, r) {
			return
		}
		if rt.write {
			if err := s.authorized(r); err != nil {
				writeError(w, err)
				return
			}
		}
		if r.Body != nil {
			r.Body = http.MaxBytesReader(w, r.Body, s.cfg.MaxBody)
		}
		if rt.cache && s.cache != nil {
			key := r.URL.Path + "?" + r.URL.Query().Encode()
			body, code, err := s.cache.get(r.Context(), key, s.gen.Load(), func(ctx context.Context) ([]byte, int, error) {
				return s.answer(rt, r.WithContext(ctx))
			})
			if err != nil {
				writeError(w, err)
				return
			}
			writeRaw(w, code, body)
			return
		}
		body, code, err := s.answer(rt, r)
		if err != nil {
			writeError(w, err)
			return
		}
		writeRaw(w, code, body)
	})
}

// answer runs the handler and encodes its result or its error.
func (s *Server) answer(rt *route, r *http.Request) ([]byte, int, error) {
	v, err := rt.h(r)
	if err != nil {
		ae := classify(err)
		if ae.Type == ErrInternal {
			s.logger.Printf("%s %s: %v", r.Method, r.URL.Path, err)
		}
		return nil, 0, ae
	}
	b, err := marshalEnvelope(v)
	if err != nil {
		return nil, 0, &APIError{ErrInternal, fmt.Errorf("encoding the answer: %w", err)}
	}
	return b, http.StatusOK, nil
}

func writeRaw(w http.ResponseWriter, code int, body []byte) {
	h := w.Header()
	h.Set("Content-Type", "application/json; charset=utf-8")
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Cache-Control", "no-store")
	w.WriteHeader(code)
	w.Write(body)
}
