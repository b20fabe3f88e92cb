// Package store defines where coded documents and events are kept: the Store
// interface, its query and result types, and the rules every implementation
// follows (see the contract suite in store/storetest).
//
// A store keeps documents and the events coded from them. Events are merged
// GDELT-style: every coded mention (a dyad.Event, identified by its ID) is
// linked to one event row keyed by (date, source code, target code, CAMEO
// code); the row counts its mentions, the distinct documents (articles) and
// the distinct document sources behind it.
//
// Implementations: store/sqlite (embedded, one file) and store/postgres
// (PostgreSQL, for several writers and big collections); both pass the
// contract suite. The rules they apply in the same way, whatever their SQL
// (which documents fail, how mentions are dated and encoded, how events
// are classed in the rollups, how migrations are read), are functions of
// this package for them to share.
package store

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"hash/fnv"
	"strings"
	"time"
	"unicode"

	"github.com/dyad-events/dyad"
)

// Store keeps documents with their coded events and answers queries over
// them. Implementations are safe for concurrent use.
type Store interface {
	// PutBatch stores docs in one transaction: all of the batch or nothing.
	// It returns one result per doc, in order. Duplicates (same normalised
	// content hash, same URL or same id as a stored or earlier document) are
	// reported, never stored twice. A non-nil error means nothing was stored.
	PutBatch(ctx context.Context, docs []Doc) ([]PutResult, error)
	// Known reports whether d would be a duplicate: the id of the stored
	// document it matches (by id, normalised content hash or URL) and why,
	// or "" when it is new. It computes d.Hash when empty. Ingest uses it
	// to skip coding documents already stored.
	Known(ctx context.Context, d *Doc) (dupOf, reason string, err error)
	// Events lists merged events matching f.
	Events(ctx context.Context, f EventFilter) ([]Event, error)
	// Event returns one merged event with its mentions. id is an event id or
	// the id of one of its mentions. A missing id gives dyad.ErrNotFound.
	Event(ctx context.Context, id string) (*Event, error)
	// Documents lists stored documents (without their text) matching f.
	Documents(ctx context.Context, f DocFilter) ([]DocInfo, error)
	// Document returns one document with its text and its mentions.
	Document(ctx context.Context, id string) (*Doc, error)
	// Actors lists actor codes with names and event counts.
	Actors(ctx context.Context, q ActorQuery) ([]ActorCount, error)
	// DyadCounts returns per-period event counts between two actor sets.
	DyadCounts(ctx context.Context, q CountQuery) ([]PeriodCount, error)
	// ActorTotals returns per-period event counts involving an actor set, for
	// normalising dyad counts.
	ActorTotals(ctx context.Context, q TotalsQuery) ([]PeriodTotal, error)
	// Stats counts what is stored.
	Stats(ctx context.Context) (Stats, error)
	// Close releases the store.
	Close() error
}

// Doc is a document with the events coded from it, as given to PutBatch and
// returned by Document.
type Doc struct {
	// Document holds id, URL, title, source, publication date and text.
	dyad.Document
	// Hash is the normalised content hash (see ContentHash). PutBatch
	// computes it from Text when empty; documents without text have none
	// and are deduplicated by id and URL only.
	Hash string `json:"hash,omitempty"`
	// DateSource says where Date came from: metadata, dateline, flag or
	// mtime.
	DateSource string `json:"date_source,omitempty"`
	// Events are the coded mentions of the document; each Event.ID is a
	// mention id and DocID is set to the document id when stored.
	Events []dyad.Event `json:"events,omitempty"`
	// AppendEvents makes a duplicate-by-URL document add its mentions with
	// new ids to the stored document instead of dropping them. The GDELT
	// reader sets it: several export rows cite the same article.
	AppendEvents bool `json:"-"`
}

// Status is what PutBatch did with one document.
type Status string

// Statuses reported by PutBatch.
const (
	StatusNew       Status = "new"
	StatusDuplicate Status = "duplicate"
	StatusFailed    Status = "failed"
)

// PutResult reports the fate of one document of a batch.
type PutResult struct {
	ID     string `json:"id"`
	Status Status `json:"status"`
	// Reason explains a duplicate ("same content as doc X", "same url as
	// doc X", "same id") or a failure.
	Reason string `json:"reason,omitempty"`
	// DuplicateOf is the id of the stored document a duplicate matches.
	DuplicateOf string `json:"duplicate_of,omitempty"`
	// Mentions is the number of mentions stored for this document.
	Mentions int `json:"mentions"`
	// NewEvents is the number of merged event rows this document created.
	NewEvents int `json:"new_events"`
}

// Event is a merged event: every mention sharing (Date, Source, Target,
// CAMEO).
type Event struct {
	ID            string     `json:"id"`
	Date          string     `json:"date"`
	DatePrecision string     `json:"date_precision"`
	Source        dyad.Actor `json:"source"`
	Target        dyad.Actor `json:"target"`
	CAMEO         string     `json:"cameo"`
	Root          string     `json:"root"`
	Quad          int        `json:"quad"`
	Goldstein     float64    `json:"goldstein"`
	NumMentions   int        `json:"num_mentions"`
	NumSources    int        `json:"num_sources"`
	NumArticles   int        `json:"num_articles"`
	// Place is the place of the first mention that has one.
	Place *dyad.Place `json:"place,omitempty"`
	// First is the first stored mention (the evidence of list queries).
	First *dyad.Event `json:"first,omitempty"`
	// FirstURL is the URL of the first mention's document, when known.
	FirstURL string `json:"first_url,omitempty"`
	// Added is when the event was first stored.
	Added time.Time `json:"added"`
	// Mentions is filled by Store.Event only.
	Mentions []Mention `json:"mentions,omitempty"`
}

// Mention is one coded mention of an event with its document.
type Mention struct {
	dyad.Event
	DocURL    string    `json:"doc_url,omitempty"`
	DocSource string    `json:"doc_source,omitempty"`
	DocTitle  string    `json:"doc_title,omitempty"`
	DocDate   time.Time `json:"doc_date"`
}

// Order names an ordering of Events results.
type Order string

// Orders accepted by EventFilter.Order.
const (
	OrderDateDesc     Order = "date_desc" // newest first (default)
	OrderDateAsc      Order = "date_asc"
	OrderMentionsDesc Order = "mentions_desc"
	OrderAdded        Order = "added" // storage order
)

// EventFilter selects merged events. Zero fields do not filter. Actor code
// filters are exact codes or prefixes ending in "*" ("CHN*").
type EventFilter struct {
	Actor   []string // either side
	Source  []string
	Target  []string
	Country []string // ISO3 of either side
	// CAMEO lists codes; a code ending in "*" or of two digits ("19") is a
	// prefix that matches its whole branch.
	CAMEO []string
	Root  []string
	Quad  []int
	From  time.Time // inclusive, event date
	To    time.Time // inclusive, event date
	// Place matches a place name or country, case-insensitively.
	Place string
	// Text is a full-text query over mention sentence text (FTS5 syntax in
	// SQLite: words, "phrases", AND/OR/NOT, prefix*).
	Text   string
	DocID  string
	Order  Order
	Limit  int // 0 means DefaultLimit
	Offset int
}

// DefaultLimit is the number of rows a query returns when no limit is set.
const DefaultLimit = 100

// DocFilter selects documents.
type DocFilter struct {
	Source string
	From   time.Time
	To     time.Time
	// Text matches title or URL substrings.
	Text   string
	Limit  int
	Offset int
}

// DocInfo describes a stored document without its text.
type DocInfo struct {
	ID         string    `json:"id"`
	URL        string    `json:"url,omitempty"`
	Title      string    `json:"title,omitempty"`
	Source     string    `json:"source,omitempty"`
	Date       time.Time `json:"date"`
	DateSource string    `json:"date_source,omitempty"`
	Hash       string    `json:"hash,omitempty"`
	Bytes      int       `json:"bytes"`
	Mentions   int       `json:"mentions"`
	Added      time.Time `json:"added"`
}

// ActorQuery selects actor codes: by code prefix or by a case-insensitive
// name substring (Query matches either).
type ActorQuery struct {
	Query string
	Limit int
}

// ActorCount is an actor code with its name and how often it occurs.
type ActorCount struct {
	Code     string `json:"code"`
	Name     string `json:"name"`
	Country  string `json:"country"`
	AsSource int    `json:"as_source"`
	AsTarget int    `json:"as_target"`
}

// CountQuery asks for dyad counts between actor sets Source and Target
// (exact codes or "PFX*" prefixes). With Directed false both directions are
// counted. By is "day", "week" (ISO weeks, starting Monday) or "month"
// (default).
type CountQuery struct {
	Source   []string
	Target   []string
	Directed bool
	From, To time.Time
	By       string
}

// PeriodCount holds one period of a dyad series. Index 1..4 of the arrays is
// the quad class (index 0 counts events with no quad class).
type PeriodCount struct {
	Period time.Time `json:"period"` // first day of the period, UTC
	// Events is the number of distinct merged events per quad class.
	// Only analysable events count in classes 1–4: an event whose first
	// mention is negated ("did not condemn") is stored and listed but
	// counts in Events[0], with the events that have no quad class.
	Events [5]int `json:"events"`
	// Mentions is the number of mentions per quad class, classed like
	// Events.
	Mentions [5]int `json:"mentions"`
	// Goldstein is the sum of the Goldstein values of the analysable
	// events (classes 1–4).
	Goldstein float64 `json:"goldstein"`
	// Total is the number of distinct events of all classes.
	Total int `json:"total"`
}

// Add adds counts read from a store, indexed by class as Events and
// Mentions, to p: events and mentions per class, Total with the events of
// every class, and goldstein, the Goldstein sum of the analysable events.
func (p *PeriodCount) Add(events, mentions [5]int64, goldstein float64) {
	for q := range events {
		p.Events[q] += int(events[q])
		p.Mentions[q] += int(mentions[q])
		p.Total += int(events[q])
	}
	p.Goldstein += goldstein
}

// TotalsQuery asks for per-period totals of events involving Actor.
type TotalsQuery struct {
	Actor    []string
	From, To time.Time
	By       string
}

// PeriodTotal is the number of analysable events (quad class 1–4, not
// negated; see PeriodCount) in a period where the actor set is the
// source, the target, and either (an event with the set on both sides
// counts once in Total).
type PeriodTotal struct {
	Period   time.Time `json:"period"`
	AsSource int       `json:"as_source"`
	AsTarget int       `json:"as_target"`
	Total    int       `json:"total"`
}

// Add adds counts read from a store to p.
func (p *PeriodTotal) Add(asSource, asTarget, total int64) {
	p.AsSource += int(asSource)
	p.AsTarget += int(asTarget)
	p.Total += int(total)
}

// Stats counts stored rows.
type Stats struct {
	Documents int `json:"documents"`
	Events    int `json:"events"`
	Mentions  int `json:"mentions"`
}

// NormalizeText folds text for duplicate detection: lower case, every run
// of white space as one space, no leading or trailing space.
func NormalizeText(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for _, r := range s {
		if unicode.IsSpace(r) {
			space = b.Len() > 0
			continue
		}
		if space {
			b.WriteByte(' ')
			space = false
		}
		b.WriteRune(unicode.ToLower(r))
	}
	return b.String()
}

// ContentHash returns the hex SHA-256 of NormalizeText(s), or "" when s has
// no visible text.
func ContentHash(s string) string {
	n := NormalizeText(s)
	if n == "" {
		return ""
	}
	h := sha256.Sum256([]byte(n))
	return hex.EncodeToString(h[:16])
}

// EventKey returns the merged-event id for a mention: a stable hash of
// (date, source code, target code, CAMEO code), written as 16 hex digits.
// Any store gives the same event the same id.
func EventKey(date, source, target, cameo string) int64 {
	h := fnv.New64a()
	for _, s := range [...]string{date, source, target, cameo} {
		h.Write([]byte(s))
		h.Write([]byte{0})
	}
	return int64(h.Sum64() >> 1) // positive: SQLite INTEGER PRIMARY KEY friendly
}

// FormatEventID writes an EventKey as the public event id.
func FormatEventID(k int64) string {
	const hexd = "0123456789abcdef"
	var b [16]byte
	u := uint64(k)
	for i := 15; i >= 0; i-- {
		b[i] = hexd[u&15]
		u >>= 4
	}
	return string(b[:])
}

// ParseEventID parses a public event id; ok is false when id is not one.
func ParseEventID(id string) (int64, bool) {
	if len(id) != 16 {
		return 0, false
	}
	var u uint64
	for i := 0; i < 16; i++ {
		c := id[i]
		var d byte
		switch {
		case c >= '0' && c <= '9':
			d = c - '0'
		case c >= 'a' && c <= 'f':
			d = c - 'a' + 10
		default:
			return 0, false
		}
		u = u<<4 | uint64(d)
	}
	if u>>63 != 0 {
		return 0, false
	}
	return int64(u), true
}

// EventDay parses an event date (YYYY-MM-DD, YYYY-MM or YYYY) to the first
// day it covers, UTC. ok is false for anything else.
func EventDay(date string) (time.Time, bool) {
	for _, layout := range [...]string{"2006-01-02", "2006-01", "2006"} {
		if len(date) == len(layout) {
			t, err := time.Parse(layout, date)
			return t, err == nil
		}
	}
	return time.Time{}, false
}

// PeriodStart truncates t to the start of its period ("day", "week" with
// weeks starting on Monday, "month"; anything else means month).
func PeriodStart(t time.Time, by string) time.Time {
	t = t.UTC()
	y, m, d := t.Date()
	switch by {
	case "day":
		return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
	case "week":
		day := time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
		wd := (int(day.Weekday()) + 6) % 7 // Monday = 0
		return day.AddDate(0, 0, -wd)
	default:
		return time.Date(y, m, 1, 0, 0, 0, 0, time.UTC)
	}
}

// MaxExpand is the most codes ExpandPatterns replaces a prefix pattern
// with.
const MaxExpand = 500

// ExpandPatterns replaces the prefix patterns among pats ("CHN*") by the
// actor codes stored under them, so that a store's indexes on (source,
// target, …) are searched for each code rather than scanned along the
// whole prefix. lookup returns the stored codes matching a pattern, at
// most MaxExpand+1 of them. A pattern matching more than MaxExpand codes
// stays a prefix; one matching none becomes none, a code that matches
// nothing, so that the filter stays. Exact codes and "*" are kept.
func ExpandPatterns(pats []string, none string, lookup func(pattern string) ([]string, error)) ([]string, error) {
	var out []string
	for _, p := range pats {
		stem, prefix := SplitPattern(p)
		if !prefix || stem == "" {
			out = append(out, p)
			continue
		}
		codes, err := lookup(p)
		if err != nil {
			return nil, err
		}
		switch {
		case len(codes) > MaxExpand:
			out = append(out, p)
		case len(codes) == 0:
			out = append(out, none)
		default:
			out = append(out, codes...)
		}
	}
	return out, nil
}

// CAMEOPatterns returns the CAMEO values of an EventFilter as code
// patterns: a two-digit root ("19") becomes the prefix "19*", which
// matches its whole branch; codes and "*" prefixes are kept.
func CAMEOPatterns(codes []string) []string {
	var pats []string
	for _, c := range codes {
		if len(c) == 2 && !strings.HasSuffix(c, "*") {
			c += "*"
		}
		pats = append(pats, c)
	}
	return pats
}

// SplitPattern splits an actor filter value into its stem and whether it
// is a prefix ("CHN*" → "CHN", true).
func SplitPattern(p string) (stem string, prefix bool) {
	p = strings.ToUpper(strings.TrimSpace(p))
	if strings.HasSuffix(p, "*") {
		return strings.TrimRight(p, "*"), true
	}
	return p, false
}
