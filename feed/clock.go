package feed

import (
	"context"
	"math/rand/v2"
	"sync"
	"time"
)

// Clock tells the time and waits. Tests use a fake that advances at once.
type Clock interface {
	Now() time.Time
	// Sleep waits for d or until ctx is done, returning ctx.Err() then.
	Sleep(ctx context.Context, d time.Duration) error
}

// SystemClock is the real clock.
type SystemClock struct{}

// Now returns time.Now().
func (SystemClock) Now() time.Time { return time.Now() }

// Sleep waits for d or until ctx is done.
func (SystemClock) Sleep(ctx context.Context, d time.Duration) error {
	if d <= 0 {
		return ctx.Err()
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// Backoff computes exponential delays with proportional jitter: the n-th
// delay (n from 1) is Initial·2^(n-1), capped at Max, multiplied by a
// random factor in [1-Jitter, 1+Jitter]. It is safe for concurrent use.
type Backoff struct {
	Initial time.Duration
	Max     time.Duration
	// Jitter is the relative spread, 0 to 1; 0 means none.
	Jitter float64
	// Rand draws the jitter; nil means a generator seeded from the clock.
	// Seed it for reproducible delays.
	Rand *rand.Rand

	mu sync.Mutex
}

// Delay returns the delay before attempt n+1 after n consecutive failures
// (n ≥ 1), never less than floor (a server's Retry-After).
func (b *Backoff) Delay(n int, floor time.Duration) time.Duration {
	if n < 1 {
		n = 1
	}
	d := b.Initial
	if d <= 0 {
		d = time.Second
	}
	for i := 1; i < n && (b.Max <= 0 || d < b.Max); i++ {
		d *= 2
	}
	if b.Max > 0 && d > b.Max {
		d = b.Max
	}
	if j := min(max(b.Jitter, 0), 1); j > 0 {
		b.mu.Lock()
		if b.Rand == nil {
			b.Rand = rand.New(rand.NewPCG(uint64(time.Now().UnixNano()), 0x9e3779b97f4a7c15))
		}
		r := b.Rand.Float64()
		b.mu.Unlock()
		d = time.Duration(float64(d) * (1 - j + 2*j*r))
	}
	return max(d, floor)
}
