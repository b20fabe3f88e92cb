package feed

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"time"

	"github.com/dyad-events/dyad"
	"github.com/dyad-events/dyad/ingest"
	"github.com/dyad-events/dyad/store"
)

// DefaultEvery is the default polling period.
const DefaultEvery = 15 * time.Minute

// Poller polls feeds against a State. Set Fetcher and State; the other
// fields have defaults. A Poller is safe for concurrent polls of different
// feeds.
type Poller struct {
	Fetcher *Fetcher
	State   *State
	// Clock tells the time and waits between retries; nil means
	// SystemClock.
	Clock Clock
	// Every is the polling period; 0 means DefaultEvery.
	Every time.Duration
	// Attempts is the number of requests one poll makes when they fail
	// with a temporary error (Temporary); 0 means 3.
	Attempts int
	// RetryBackoff spaces the attempts of one poll; nil means 2 s
	// doubling up to 1 min, ±20 %.
	RetryBackoff *Backoff
	// PollBackoff delays the next poll after n failed polls; nil means
	// Every doubling up to max(Every, 6 h), ±20 %. A Retry-After header
	// is a lower bound.
	PollBackoff *Backoff
	// MaxRetryWait is the longest Retry-After honoured within a poll; a
	// longer one ends the poll and delays the next. 0 means 1 min.
	MaxRetryWait time.Duration
	// FetchPages fetches the web page of new articles that carry only a
	// summary and keeps its main text (ingest.ExtractHTML); the summary
	// stays when that fails.
	FetchPages bool
	// PageWorkers is the number of pages fetched at once; 0 means 4.
	PageWorkers int

	once sync.Once
}

func (p *Poller) init() {
	p.once.Do(func() {
		if p.Clock == nil {
			p.Clock = SystemClock{}
		}
		if p.Fetcher == nil {
			p.Fetcher = &Fetcher{}
		}
		if p.Fetcher.Now == nil {
			p.Fetcher.Now = p.Clock.Now
		}
		if p.State == nil {
			p.State = NewState()
		}
		if p.Every <= 0 {
			p.Every = DefaultEvery
		}
		if p.Attempts <= 0 {
			p.Attempts = 3
		}
		if p.RetryBackoff == nil {
			p.RetryBackoff = &Backoff{Initial: 2 * time.Second, Max: time.Minute, Jitter: 0.2}
		}
		if p.PollBackoff == nil {
			p.PollBackoff = &Backoff{Initial: p.Every, Max: max(p.Every, 6*time.Hour), Jitter: 0.2}
		}
		if p.MaxRetryWait <= 0 {
			p.MaxRetryWait = time.Minute
		}
		if p.PageWorkers <= 0 {
			p.PageWorkers = 4
		}
	})
}

// Poll statuses.
const (
	StatusOK          = "ok"
	StatusNotModified = "not-modified"
	StatusFailed      = "error"
)

// Poll is the outcome of polling one feed once. Commit records it in the
// state.
type Poll struct {
	Feed  string
	Start time.Time
	// Status is StatusOK, StatusNotModified or StatusFailed.
	Status string
	// Code is the last HTTP status received, 0 when none.
	Code int
	// Attempts is the number of requests made.
	Attempts int
	// Items is the number of articles in the feed.
	Items int
	// New are the articles not handed on before; Seen counts the others.
	New  []Article
	Seen int
	// Pages and PagesFailed count the article pages fetched (FetchPages).
	Pages, PagesFailed int
	// Err is why the poll failed.
	Err error

	validators Validators
}

// Poll fetches feed u once (retrying temporary errors Attempts times) and
// returns its articles not seen before. It does not change the state; call
// Commit once the articles are stored.
func (p *Poller) Poll(ctx context.Context, u string) *Poll {
	p.init()
	pl := &Poll{Feed: u, Start: p.Clock.Now(), Status: StatusFailed}
	st := p.State.Feed(u)
	var resp *Response
	for {
		pl.Attempts++
		r, err := p.Fetcher.Fetch(ctx, u, st.Validators)
		if err == nil {
			resp = r
			break
		}
		pl.Err, pl.Code = err, 0
		var se *StatusError
		if errors.As(err, &se) {
			pl.Code = se.Code
		}
		if ctx.Err() != nil || !Temporary(err) || pl.Attempts >= p.Attempts {
			return pl
		}
		ra := RetryAfter(err)
		if ra > p.MaxRetryWait {
			return pl
		}
		if p.Clock.Sleep(ctx, p.RetryBackoff.Delay(pl.Attempts, ra)) != nil {
			return pl
		}
	}
	pl.Err = nil
	pl.Code = resp.Code
	pl.validators = resp.Validators
	if resp.NotModified {
		pl.Status = StatusNotModified
		return pl
	}
	pl.Status = StatusOK
	pl.Items = len(resp.Feed.Articles)
	now := map[string]bool{}
	for _, a := range resp.Feed.Articles {
		k := a.Key()
		if p.State.Seen(u, k) || (a.URL != "" && p.State.Seen(u, a.URL)) || now[k] || (a.URL != "" && now[a.URL]) {
			pl.Seen++
			continue
		}
		now[k] = true
		if a.URL != "" {
			now[a.URL] = true
		}
		pl.New = append(pl.New, a)
	}
	if p.FetchPages {
		p.fetchPages(ctx, pl)
	}
	return pl
}

// fetchPages replaces the summary of summary-only articles by the main
// text of their page.
func (p *Poller) fetchPages(ctx context.Context, pl *Poll) {
	var mu sync.Mutex
	sem := make(chan struct{}, p.PageWorkers)
	var wg sync.WaitGroup
	for i := range pl.New {
		a := &pl.New[i]
		if strings.TrimSpace(a.Content) != "" || !looksLikeURL(a.URL) {
			continue
		}
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer wg.Done()
			defer func() { <-sem }()
			ok := false
			if b, err := p.Fetcher.FetchPage(ctx, a.URL); err == nil {
				if art, err := ingest.ExtractHTML(b, a.URL); err == nil && len(art.Text) > len(a.Summary) {
					a.Content = art.Text
					if a.Published.IsZero() {
						a.Published = art.Published
					}
					ok = true
				}
			}
			mu.Lock()
			if ok {
				pl.Pages++
			} else {
				pl.PagesFailed++
			}
			mu.Unlock()
		}()
	}
	wg.Wait()
}

// Commit records a poll in the state: after a successful poll whose
// articles were stored (storeErr nil) it keeps the new validators, adds
// the articles to the seen window and schedules the next poll Every from
// now; otherwise it counts a failure, keeps the old validators and seen
// keys (so the articles come again) and backs off. It returns when the
// feed is due next.
func (p *Poller) Commit(pl *Poll, storeErr error) time.Time {
	p.init()
	now := p.Clock.Now()
	var next time.Time
	p.State.update(pl.Feed, func(fs *FeedState) {
		fs.LastPoll = pl.Start
		err := pl.Err
		if err == nil {
			err = storeErr
		}
		if err == nil {
			fs.Failures = 0
			fs.LastError = ""
			fs.LastSuccess = now
			fs.Validators = pl.validators
			keys := make([]string, 0, 2*len(pl.New))
			for i := range pl.New {
				keys = append(keys, pl.New[i].Key())
				if pl.New[i].URL != "" {
					keys = append(keys, pl.New[i].URL)
				}
			}
			if pl.Status == StatusOK {
				// A 304 carries no items: the window stays as it was.
				fs.remember(p.State.window(pl.Items), keys...)
			}
			next = now.Add(p.Every)
		} else {
			fs.Failures++
			fs.LastError = err.Error()
			next = now.Add(p.PollBackoff.Delay(fs.Failures, RetryAfter(err)))
		}
		fs.NextPoll = next
	})
	return next
}

// Due returns when feed u should be polled next: now for a feed never
// polled, its backoff time after failures, else its last poll plus Every
// (or the stored time, when earlier).
func (p *Poller) Due(u string) time.Time {
	p.init()
	fs := p.State.Feed(u)
	if fs.LastPoll.IsZero() || fs.NextPoll.IsZero() {
		return time.Time{}
	}
	if fs.Failures > 0 {
		return fs.NextPoll
	}
	if t := fs.LastPoll.Add(p.Every); t.Before(fs.NextPoll) {
		return t
	}
	return fs.NextPoll
}

// Doc turns an article of feed feedURL into a document to code and store.
// The id is the article URL (as "dyad ingest URL" does), else a hash of the
// feed and the article key. The date is the article's, else a wire
// dateline in its text, else fetched. An article without text gives an
// error naming its line and byte offset in the feed.
func (a *Article) Doc(feedURL string, fetched time.Time) (store.Doc, error) {
	id := a.URL
	if id == "" {
		id = "feed:" + shortHash(feedURL+"\x00"+a.Key())
	}
	d := store.Doc{Document: dyad.Document{ID: id, URL: a.URL, Title: a.Title, Source: a.Source, Text: a.Text()}}
	if strings.TrimSpace(d.Text) == "" {
		return d, fmt.Errorf("%s: line %d (byte %d): item has no title, summary or content: %w", feedURL, a.Line, a.Offset, ingest.ErrNoText)
	}
	switch {
	case !a.Published.IsZero():
		d.Date, d.DateSource = a.Published.UTC(), "metadata"
	default:
		if t, ok := ingest.DatelineDate(d.Text, fetched); ok {
			d.Date, d.DateSource = t, "dateline"
		} else {
			d.Date, d.DateSource = fetched.UTC(), "mtime"
		}
	}
	return d, nil
}

// Docs turns the new articles of a poll into ingest items, one per
// article, in feed order. Pos names the feed, the item's line and its byte
// offset; an article without text is an item with Err.
func (pl *Poll) Docs() []ingest.Item {
	out := make([]ingest.Item, 0, len(pl.New))
	for i := range pl.New {
		a := &pl.New[i]
		pos := fmt.Sprintf("%s:%d (byte %d)", pl.Feed, a.Line, a.Offset)
		d, err := a.Doc(pl.Feed, pl.Start)
		out = append(out, ingest.Item{Doc: d, Err: err, Pos: pos})
	}
	return out
}
