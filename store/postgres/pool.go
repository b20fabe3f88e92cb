package postgres

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"time"

	"github.com/jackc/pgx/v5"
)

// errClosed is returned by operations on a closed store.
var errClosed = errors.New("postgres: store is closed")

// pool is a small connection pool over pgx.Conn: at most cap(slots)
// connections open at once, idle ones reused last-in first-out. (pgxpool
// would need two more modules in go.mod; this is all the store needs.)
type pool struct {
	cfg   *pgx.ConnConfig
	slots chan struct{} // one token per connection in use

	mu     sync.Mutex
	idle   []*conn
	closed bool
}

// conn is a pooled connection.
type conn struct {
	*pgx.Conn
	lastUse time.Time
	staged  bool // the staging tables of PutBatch exist
}

// idleCheck is how long a connection may sit idle before it is pinged
// before use: the server or a proxy may have dropped it meanwhile.
const idleCheck = 30 * time.Second

func newPool(cfg *pgx.ConnConfig, max int) *pool {
	return &pool{cfg: cfg, slots: make(chan struct{}, max)}
}

// acquire returns an idle connection or a new one, waiting for a free
// slot when max connections are in use.
func (p *pool) acquire(ctx context.Context) (*conn, error) {
	select {
	case p.slots <- struct{}{}:
	case <-ctx.Done():
		return nil, fmt.Errorf("postgres: waiting for a connection: %w", ctx.Err())
	}
	for {
		p.mu.Lock()
		if p.closed {
			p.mu.Unlock()
			<-p.slots
			return nil, errClosed
		}
		n := len(p.idle)
		if n == 0 {
			p.mu.Unlock()
			break
		}
		c := p.idle[n-1]
		p.idle = p.idle[:n-1]
		p.mu.Unlock()
		if !c.IsClosed() && (time.Since(c.lastUse) < idleCheck || c.Ping(ctx) == nil) {
			return c, nil
		}
		p.discard(c)
	}
	pc, err := pgx.ConnectConfig(ctx, p.cfg)
	if err != nil {
		<-p.slots
		return nil, fmt.Errorf("postgres: connect: %w", err)
	}
	return &conn{Conn: pc}, nil
}

// release returns c to the pool. A connection that is closed, busy or
// left inside a transaction (after an error) is closed instead.
func (p *pool) release(c *conn) {
	reuse := !c.IsClosed() && !c.PgConn().IsBusy() && c.PgConn().TxStatus() == 'I'
	p.mu.Lock()
	if reuse && !p.closed {
		c.lastUse = time.Now()
		p.idle = append(p.idle, c)
		p.mu.Unlock()
	} else {
		p.mu.Unlock()
		p.discard(c)
	}
	<-p.slots
}

// discard closes a connection taken out of the pool.
func (p *pool) discard(c *conn) {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	c.Close(ctx)
}

// close closes the idle connections; connections in use are closed when
// released.
func (p *pool) close() {
	p.mu.Lock()
	idle := p.idle
	p.idle, p.closed = nil, true
	p.mu.Unlock()
	for _, c := range idle {
		p.discard(c)
	}
}

// with runs fn on a pooled connection.
func (p *pool) with(ctx context.Context, fn func(c *conn) error) error {
	c, err := p.acquire(ctx)
	if err != nil {
		return err
	}
	defer p.release(c)
	return fn(c)
}
