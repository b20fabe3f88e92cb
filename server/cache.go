package server

import (
	"container/list"
	"context"
	"encoding/json"
	"sync"
	"time"
)

// marshalEnvelope encodes a success envelope around v.
func marshalEnvelope(v any) ([]byte, error) {
	b, err := json.Marshal(envelope{Status: "success", Data: v})
	if err != nil {
		return nil, err
	}
	return append(b, '\n'), nil
}

// cache keeps encoded answers of read-only routes, keyed by path and
// query. An answer is fresh for ttl; after that it is stale: it is still
// served at once while one background refresh recomputes it (at most
// maxRefresh refreshes run at a time), so that a popular answer never makes
// a client wait. A change of the store generation (an ingest through the
// API) drops answers: they are recomputed while the caller waits. At most
// max entries and maxBytes of answers are kept (least recently used
// dropped). Concurrent misses on one key compute it once.
type cache struct {
	mu         sync.Mutex
	max        int
	maxBytes   int
	bytes      int
	ttl        time.Duration
	ll         *list.List
	items      map[string]*list.Element
	inflight   map[string]*flight
	refreshing int
	maxRefresh int
	hits       uint64
	stale      uint64
	misses     uint64
}

type cacheEntry struct {
	key     string
	gen     uint64
	expires time.Time
	body    []byte
	code    int
}

type flight struct {
	done chan struct{}
	body []byte
	code int
	err  error
}

// fillFunc computes an answer under ctx.
type fillFunc func(ctx context.Context) ([]byte, int, error)

func newCache(max int, ttl time.Duration) *cache {
	return &cache{max: max, maxBytes: 64 << 20, ttl: ttl, maxRefresh: 1, ll: list.New(), items: map[string]*list.Element{}, inflight: map[string]*flight{}}
}

// get returns the cached answer for key at generation gen, or computes it
// with fn (once for concurrent callers). Errors are not cached.
func (c *cache) get(ctx context.Context, key string, gen uint64, fn fillFunc) ([]byte, int, error) {
	c.mu.Lock()
	if el, ok := c.items[key]; ok {
		e := el.Value.(*cacheEntry)
		if e.gen == gen {
			c.ll.MoveToFront(el)
			if time.Now().Before(e.expires) {
				c.hits++
			} else {
				c.stale++
				if _, busy := c.inflight[key]; !busy && c.refreshing < c.maxRefresh {
					f := &flight{done: make(chan struct{})}
					c.inflight[key] = f
					c.refreshing++
					bg, cancel := context.WithTimeout(context.WithoutCancel(ctx), 2*time.Minute)
					go func() {
						defer cancel()
						c.fill(bg, key, gen, f, fn, true)
					}()
				}
			}
			c.mu.Unlock()
			return e.body, e.code, nil
		}
		c.remove(el)
	}
	c.misses++
	if f, ok := c.inflight[key]; ok {
		c.mu.Unlock()
		select {
		case <-f.done:
			return f.body, f.code, f.err
		case <-ctx.Done():
			return nil, 0, classify(ctx.Err())
		}
	}
	f := &flight{done: make(chan struct{})}
	c.inflight[key] = f
	c.mu.Unlock()
	c.fill(ctx, key, gen, f, fn, false)
	return f.body, f.code, f.err
}

// fill computes f with fn and stores a successful answer.
func (c *cache) fill(ctx context.Context, key string, gen uint64, f *flight, fn fillFunc, background bool) {
	func() {
		defer func() {
			if p := recover(); p != nil {
				f.err = &APIError{ErrInternal, errPanic(p)}
			}
		}()
		f.body, f.code, f.err = fn(ctx)
	}()
	c.mu.Lock()
	delete(c.inflight, key)
	if background {
		c.refreshing--
	}
	if f.err == nil && len(f.body) <= c.maxBytes/4 {
		if el, ok := c.items[key]; ok {
			c.remove(el)
		}
		c.items[key] = c.ll.PushFront(&cacheEntry{key: key, gen: gen, expires: time.Now().Add(c.ttl), body: f.body, code: f.code})
		c.bytes += len(f.body)
		for c.ll.Len() > c.max || c.bytes > c.maxBytes {
			c.remove(c.ll.Back())
		}
	}
	c.mu.Unlock()
	close(f.done)
}

// remove drops an entry; c.mu is held.
func (c *cache) remove(el *list.Element) {
	e := el.Value.(*cacheEntry)
	c.ll.Remove(el)
	delete(c.items, e.key)
	c.bytes -= len(e.body)
}

// stats returns fresh and stale hits, misses and the number of entries.
func (c *cache) stats() (hits, stale, misses uint64, entries int) {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.hits, c.stale, c.misses, c.ll.Len()
}
