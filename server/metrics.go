package server

import (
	"context"
	"fmt"
	"math"
	"net/http"
	"os"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"
)

// latencyBuckets are the upper bounds (seconds) of the request latency
// histograms.
var latencyBuckets = []float64{0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10}

// metrics holds per-route request counters and latency histograms.
type metrics struct {
	mu     sync.Mutex
	routes map[string]*routeMetrics
}

type routeMetrics struct {
	mu      sync.Mutex
	codes   map[int]uint64
	buckets []uint64 // cumulative counts are computed when written
	count   uint64
	sum     float64
}

func newMetrics() *metrics { return &metrics{routes: map[string]*routeMetrics{}} }

// route returns the metrics of route name, creating them.
func (m *metrics) route(name string) *routeMetrics {
	m.mu.Lock()
	defer m.mu.Unlock()
	r := m.routes[name]
	if r == nil {
		r = &routeMetrics{codes: map[int]uint64{}, buckets: make([]uint64, len(latencyBuckets))}
		m.routes[name] = r
	}
	return r
}

// observe records one request.
func (r *routeMetrics) observe(code int, d time.Duration) {
	if code == 0 {
		code = http.StatusOK
	}
	sec := d.Seconds()
	i := sort.SearchFloat64s(latencyBuckets, sec)
	r.mu.Lock()
	r.codes[code]++
	if i < len(r.buckets) {
		r.buckets[i]++
	}
	r.count++
	r.sum += sec
	r.mu.Unlock()
}

func fmtFloat(f float64) string {
	if math.IsInf(f, 1) {
		return "+Inf"
	}
	return strconv.FormatFloat(f, 'g', -1, 64)
}

// handleMetrics writes the Prometheus text exposition format (0.0.4).
func (s *Server) handleMetrics(w http.ResponseWriter, r *http.Request) {
	var b strings.Builder
	s.metrics.mu.Lock()
	names := make([]string, 0, len(s.metrics.routes))
	for n := range s.metrics.routes {
		names = append(names, n)
	}
	s.metrics.mu.Unlock()
	sort.Strings(names)

	b.WriteString("# HELP dyad_http_requests_total HTTP requests by route and status code.\n# TYPE dyad_http_requests_total counter\n")
	for _, n := range names {
		rm := s.metrics.route(n)
		rm.mu.Lock()
		codes := make([]int, 0, len(rm.codes))
		for c := range rm.codes {
			codes = append(codes, c)
		}
		sort.Ints(codes)
		for _, c := range codes {
			fmt.Fprintf(&b, "dyad_http_requests_total{route=%q,code=\"%d\"} %d\n", n, c, rm.codes[c])
		}
		rm.mu.Unlock()
	}
	b.WriteString("# HELP dyad_http_request_duration_seconds HTTP request latency by route.\n# TYPE dyad_http_request_duration_seconds histogram\n")
	for _, n := range names {
		rm := s.metrics.route(n)
		rm.mu.Lock()
		var cum uint64
		for i, le := range latencyBuckets {
			cum += rm.buckets[i]
			fmt.Fprintf(&b, "dyad_http_request_duration_seconds_bucket{route=%q,le=%q} %d\n", n, fmtFloat(le), cum)
		}
		fmt.Fprintf(&b, "dyad_http_request_duration_seconds_bucket{route=%q,le=\"+Inf\"} %d\n", n, rm.count)
		fmt.Fprintf(&b, "dyad_http_request_duration_seconds_sum{route=%q} %s\n", n, fmtFloat(rm.sum))
		fmt.Fprintf(&b, "dyad_http_request_duration_seconds_count{route=%q} %d\n", n, rm.count)
		rm.mu.Unlock()
	}
	ctx, cancel := context.WithTimeout(r.Context(), 5*time.Second)
	defer cancel()
	if st, err := s.st.Stats(ctx); err == nil {
		b.WriteString("# HELP dyad_store_documents Documents in the store.\n# TYPE dyad_store_documents gauge\n")
		fmt.Fprintf(&b, "dyad_store_documents %d\n", st.Documents)
		b.WriteString("# HELP dyad_store_events Merged events in the store.\n# TYPE dyad_store_events gauge\n")
		fmt.Fprintf(&b, "dyad_store_events %d\n", st.Events)
		b.WriteString("# HELP dyad_store_mentions Event mentions in the store.\n# TYPE dyad_store_mentions gauge\n")
		fmt.Fprintf(&b, "dyad_store_mentions %d\n", st.Mentions)
		b.WriteString("# HELP dyad_store_up Whether the last store query for metrics succeeded.\n# TYPE dyad_store_up gauge\ndyad_store_up 1\n")
	} else {
		b.WriteString("# HELP dyad_store_up Whether the last store query for metrics succeeded.\n# TYPE dyad_store_up gauge\ndyad_store_up 0\n")
	}
	if s.cache != nil {
		h, st, m, e := s.cache.stats()
		b.WriteString("# HELP dyad_cache_hits_total Answers served fresh from the cache.\n# TYPE dyad_cache_hits_total counter\n")
		fmt.Fprintf(&b, "dyad_cache_hits_total %d\n", h)
		b.WriteString("# HELP dyad_cache_stale_total Stale answers served while a background refresh recomputed them.\n# TYPE dyad_cache_stale_total counter\n")
		fmt.Fprintf(&b, "dyad_cache_stale_total %d\n", st)
		b.WriteString("# HELP dyad_cache_misses_total Analysis answers computed.\n# TYPE dyad_cache_misses_total counter\n")
		fmt.Fprintf(&b, "dyad_cache_misses_total %d\n", m)
		b.WriteString("# HELP dyad_cache_entries Answers in the cache.\n# TYPE dyad_cache_entries gauge\n")
		fmt.Fprintf(&b, "dyad_cache_entries %d\n", e)
	}
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	b.WriteString("# HELP go_goroutines Number of goroutines.\n# TYPE go_goroutines gauge\n")
	fmt.Fprintf(&b, "go_goroutines %d\n", runtime.NumGoroutine())
	b.WriteString("# HELP go_memstats_heap_alloc_bytes Heap bytes allocated and in use.\n# TYPE go_memstats_heap_alloc_bytes gauge\n")
	fmt.Fprintf(&b, "go_memstats_heap_alloc_bytes %d\n", ms.HeapAlloc)
	if rss := residentBytes(); rss > 0 {
		b.WriteString("# HELP process_resident_memory_bytes Resident memory size in bytes.\n# TYPE process_resident_memory_bytes gauge\n")
		fmt.Fprintf(&b, "process_resident_memory_bytes %d\n", rss)
	}
	b.WriteString("# HELP process_start_time_seconds Start time of the process since the Unix epoch.\n# TYPE process_start_time_seconds gauge\n")
	fmt.Fprintf(&b, "process_start_time_seconds %d\n", s.started.Unix())
	w.Header().Set("Content-Type", "text/plain; version=0.0.4; charset=utf-8")
	w.Write([]byte(b.String()))
}

// residentBytes reads the resident set size from /proc (0 elsewhere).
func residentBytes() int64 {
	b, err := os.ReadFile("/proc/self/statm")
	if err != nil {
		return 0
	}
	f := strings.Fields(string(b))
	if len(f) < 2 {
		return 0
	}
	pages, err := strconv.ParseInt(f[1], 10, 64)
	if err != nil {
		return 0
	}
	return pages * int64(os.Getpagesize())
}
