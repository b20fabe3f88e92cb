package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"net/url"
	"path/filepath"
	"strings"
	"time"

	"github.com/nats-io/nats.go/jetstream"

	"github.com/dyad-events/dyad/feed"
	"github.com/dyad-events/dyad/ingest"
	"github.com/dyad-events/dyad/queue"
)

const watchUsage = `Usage: dyad watch [flags] FEED_URL...

Polls RSS and Atom feeds every period (--every), turns their new articles
into documents, codes them into events on all cores and keeps both in the
store (see --db), like "dyad ingest" does. Flags may come before or after
the feed URLs.

Each poll sends the feed's ETag and Last-Modified back (If-None-Match,
If-Modified-Since), so an unchanged feed costs a 304 answer. Articles are
recognised by GUID and URL across polls, and the store skips documents it
already holds (same id, URL or text), so an article is stored once even
when several feeds carry it. An article's text is its full content when
the feed carries it, else its summary; --fetch-pages fetches the page of
summary-only articles and keeps its main text instead.

A failing feed (timeout, HTTP 5xx, 429, garbage) is retried within the
poll with exponential backoff (honouring Retry-After), then polled again
later and later (--every doubling, up to 6 h) until it recovers; the other
feeds go on. The state of each feed (ETag, Last-Modified, seen articles,
last poll, failures) is saved after every poll to --state, by default a
JSON file next to the database (dyad.db -> dyad.watch.json), so a
restarted watcher resumes where it stopped.

One line per poll of each feed goes to standard output:
  2026-11-29T02:30:00Z feed=https://example.org/rss status=ok http=200 items=20 new=3 duplicate=17 failed=0 next=2026-11-29T02:45:00Z
(status ok, not-modified or error, with error="..." when it failed; --json
writes the same fields as JSON). Articles that could not be stored are
listed on standard error.

With --queue nats://HOST:4222 the new articles are published to the
NATS JetStream queue instead, for "dyad worker" processes to code and
store (see "dyad worker -h"); the watcher then needs neither the
dictionaries nor the database, only its state file (--state, by default
next to the default database). The queue drops an article published twice
within its duplicate window; the workers' store drops the rest.

SIGINT or SIGTERM stops the watcher: the batch being stored is finished,
the state saved, and the exit status is 0. With --once every feed is
polled once and the command exits: status 3 when some feeds or articles
failed, 1 when all feeds failed.

Examples:
  dyad watch https://feeds.bbci.co.uk/news/world/rss.xml
  dyad watch --every 5m --fetch-pages https://example.org/world.atom https://example.com/rss
  dyad watch --once --db /tmp/news.db --state /tmp/news.watch.json https://example.org/rss
  dyad watch https://example.org/rss --json >> watch.log
  dyad watch --queue nats://127.0.0.1:4222 https://example.org/rss   # coded by "dyad worker"`

func init() {
	register(&command{name: "watch", summary: "poll RSS/Atom feeds and code and store their new articles", usage: watchUsage + "\n\n" + dbUsage, run: runWatch})
}

// newWatchCoder loads the coder for watch; tests replace it.
var newWatchCoder = loadCoder

// watchClock is the clock of watch; tests replace it with a fake.
var watchClock feed.Clock = feed.SystemClock{}

// parseInterspersed parses flags that may come before, between or after
// positional arguments; "--" ends the flags.
func parseInterspersed(fs *flag.FlagSet, args []string) ([]string, error) {
	var pos []string
	for {
		if err := parseFlags(fs, args); err != nil {
			return nil, err
		}
		rest := fs.Args()
		if len(rest) == 0 {
			return pos, nil
		}
		if used := len(args) - len(rest); used > 0 && args[used-1] == "--" {
			return append(pos, rest...), nil
		}
		pos = append(pos, rest[0])
		args = rest[1:]
	}
}

// defaultStatePath puts the state file next to the database.
func defaultStatePath(dbFlag string, getenv func(string) string) (string, error) {
	loc, err := resolveDB(dbFlag, getenv)
	if err != nil {
		return "", err
	}
	low := strings.ToLower(loc)
	if strings.HasPrefix(low, "postgres://") || strings.HasPrefix(low, "postgresql://") {
		return "", usagef("--state FILE is needed with a PostgreSQL --db")
	}
	loc = strings.TrimPrefix(loc, "sqlite://")
	return strings.TrimSuffix(loc, filepath.Ext(loc)) + ".watch.json", nil
}

func runWatch(ctx context.Context, e *env, args []string) error {
	fs := newFlagSet(e, "watch", watchUsage+"\n\n"+dbUsage)
	db := addDBFlag(fs)
	var df dictFlags
	df.register(fs)
	every := fs.Duration("every", feed.DefaultEvery, "polling period `DURATION` (e.g. 5m, 1h)")
	statePath := fs.String("state", "", "state `FILE` (default: next to the database, NAME.watch.json)")
	once := fs.Bool("once", false, "poll every feed once and exit (status 3 if some failed)")
	fetchPages := fs.Bool("fetch-pages", false, "fetch the web page of articles that have only a summary and keep its main text")
	timeout := fs.Duration("timeout", feed.DefaultTimeout, "timeout `DURATION` of one HTTP request, body included")
	maxBytes := fs.Int64("max-bytes", feed.DefaultMaxBytes, "largest feed or page body in `BYTES`")
	asJSON := fs.Bool("json", false, "log one JSON object per poll instead of a text line")
	workers := fs.Int("workers", 0, "coding goroutines (default: all cores)")
	batch := fs.Int("batch", 64, "documents per store transaction")
	queueAddr := fs.String("queue", "", "publish new articles to the NATS `URL` for \"dyad worker\" instead of coding and storing them here")
	urls, err := parseInterspersed(fs, args)
	if err != nil {
		return err
	}
	if len(urls) == 0 {
		return usagef("no feed: give one or more RSS or Atom feed URLs")
	}
	var feeds []string
	seen := map[string]bool{}
	for _, u := range urls {
		pu, err := url.Parse(u)
		if err != nil || (pu.Scheme != "http" && pu.Scheme != "https") || pu.Host == "" {
			return usagef("%q is not an http or https URL", u)
		}
		if !seen[u] {
			seen[u] = true
			feeds = append(feeds, u)
		}
	}
	if *every < time.Second {
		return usagef("--every must be at least 1s, not %s", *every)
	}
	if *timeout <= 0 {
		return usagef("--timeout must be positive")
	}
	if *maxBytes < 1 {
		return usagef("--max-bytes must be at least 1")
	}
	if *batch < 1 {
		return usagef("--batch must be at least 1")
	}
	if *statePath == "" {
		p, err := defaultStatePath(*db, e.getenv)
		if err != nil {
			return err
		}
		*statePath = p
	}
	state, err := feed.LoadState(*statePath)
	if err != nil {
		return err
	}
	var sink feed.Sink
	if *queueAddr != "" {
		nc, js, cfg, err := openQueue(*queueAddr, stderrLog(e.stderr), false)
		if err != nil {
			return err
		}
		defer nc.Close()
		sink = feed.SinkFunc(func(ctx context.Context, items []ingest.Item) (feed.SinkResult, error) {
			return publishItems(ctx, js, cfg, items)
		})
	} else {
		st, err := openStoreEnv(*db, e.getenv)
		if err != nil {
			return err
		}
		defer st.Close()
		cod, err := newWatchCoder(&df)
		if err != nil {
			return err
		}
		sink = &feed.IngestSink{DB: st, Coder: cod, Options: ingest.RunOptions{Workers: *workers, BatchSize: *batch}}
	}

	clock := watchClock
	poller := &feed.Poller{
		Fetcher:    &feed.Fetcher{Timeout: *timeout, MaxBytes: *maxBytes, Now: clock.Now},
		State:      state,
		Clock:      clock,
		Every:      *every,
		FetchPages: *fetchPages,
	}
	w := &feed.Watcher{
		Poller:    poller,
		Sink:      sink,
		Feeds:     feeds,
		StatePath: *statePath,
		Log: func(l feed.LogLine) {
			if *asJSON {
				b, _ := json.Marshal(l)
				fmt.Fprintf(e.stdout, "%s\n", b)
			} else {
				fmt.Fprintln(e.stdout, l.String())
			}
			for _, f := range l.Failures {
				fmt.Fprintf(e.stderr, "failed: %s: %s\n", f.Pos, f.Reason)
			}
		},
	}
	if *once {
		rd, err := w.Once(ctx)
		if err != nil {
			return err
		}
		switch {
		case ctx.Err() != nil:
			return nil
		case len(rd.FailedFeeds) == len(feeds):
			return fmt.Errorf("all %d feeds failed", len(feeds))
		case len(rd.FailedFeeds) > 0 || rd.FailedItems > 0:
			return &partialError{fmt.Sprintf("%d of %d feeds failed, %d articles not stored", len(rd.FailedFeeds), len(feeds), rd.FailedItems)}
		}
		return nil
	}
	fmt.Fprintf(e.stderr, "dyad watch: %d feeds every %s; state %s\n", len(feeds), *every, *statePath)
	if err := w.Run(ctx); err != nil {
		return err
	}
	fmt.Fprintf(e.stderr, "dyad watch: stopped; state saved to %s\n", *statePath)
	return nil
}

// publishItems publishes a poll's new articles to the document stream:
// published ones count as new, those the stream already held as
// duplicates.
func publishItems(ctx context.Context, js jetstream.JetStream, cfg queue.Config, items []ingest.Item) (feed.SinkResult, error) {
	if len(items) == 0 {
		return feed.SinkResult{}, nil
	}
	r := ingest.Items(items)
	sum, err := queue.Publish(ctx, js, cfg, r, queue.PublishOptions{Total: len(items)})
	var res feed.SinkResult
	if sum != nil {
		res = feed.SinkResult{New: sum.Published, Duplicate: sum.Duplicate, Failed: sum.Failed, Failures: sum.Failures}
	}
	if err != nil {
		return res, fmt.Errorf("publishing: %w", err)
	}
	return res, nil
}
