package ingest

import (
	"context"
	"fmt"
	"runtime"
	"sync"
	"time"

	"github.com/dyad-events/dyad"
	"github.com/dyad-events/dyad/store"
)

// Coder codes one document into events. The command wraps *coder.Coder;
// tests use fakes. Implementations must be safe for concurrent use.
type Coder interface {
	// Code returns the document's events and the number of sentences read.
	Code(doc *dyad.Document) (events []dyad.Event, sentences int, err error)
}

// CoderFunc adapts a function to Coder.
type CoderFunc func(doc *dyad.Document) ([]dyad.Event, int, error)

// Code calls f.
func (f CoderFunc) Code(doc *dyad.Document) ([]dyad.Event, int, error) { return f(doc) }

// RunOptions configure Run.
type RunOptions struct {
	// Workers is the number of coding goroutines; 0 means GOMAXPROCS.
	Workers int
	// BatchSize is the number of documents per store transaction; 0 means
	// 64. GDELT rows count as documents.
	BatchSize int
	// Total is the expected number of items, for the ETA; 0 if unknown.
	Total int
	// Progress, when set, is called at most every ProgressEvery (default
	// 500 ms) and once at the end, from one goroutine at a time.
	Progress      func(Progress)
	ProgressEvery time.Duration
	// KeepEventDates keeps the dates the coder set instead of resolving
	// them from each sentence (ResolveDate relative to the document date).
	KeepEventDates bool
	// Enrich, when set, is called on every document the coder coded before it is
	// stored, from the worker goroutines: the gazetteer sets Event.Place
	// here. It must be safe for concurrent use.
	Enrich func(doc *store.Doc)
	// SkipKnown asks the store, before coding, whether a document is
	// already stored (by id, content or URL) and skips coding it. It is on
	// unless NoSkipKnown is set.
	NoSkipKnown bool
}

// Progress is a snapshot of a running ingest.
type Progress struct {
	Items     int `json:"items"` // items read (documents, GDELT rows, errors)
	Done      int `json:"done"`  // items finished (stored, duplicate or failed)
	Total     int `json:"total"` // expected items, 0 if unknown
	New       int `json:"new"`
	Duplicate int `json:"duplicate"`
	// Merged counts coded items (GDELT rows) whose events joined a stored
	// document with the same URL.
	Merged    int           `json:"merged"`
	Failed    int           `json:"failed"`
	Sentences int           `json:"sentences"`
	Events    int           `json:"events"`   // events coded (or imported)
	Mentions  int           `json:"mentions"` // mentions stored
	Elapsed   time.Duration `json:"elapsed"`
	// SentencesPerSec and ItemsPerSec are averages since the start.
	SentencesPerSec float64 `json:"sentences_per_sec"`
	ItemsPerSec     float64 `json:"items_per_sec"`
	// ETA is the estimated time left; 0 when Total is unknown.
	ETA time.Duration `json:"eta"`
}

// Failure is one item that was not stored.
type Failure struct {
	Pos    string `json:"pos"`
	ID     string `json:"id,omitempty"`
	Reason string `json:"reason"`
}

// Summary is the outcome of Run.
type Summary struct {
	Progress
	NewEvents  int       `json:"new_events"`
	Failures   []Failure `json:"failures"`
	Duplicates []Failure `json:"duplicates"`
	Batches    int       `json:"batches"`
}

// coded is a worker's output for one item.
type coded struct {
	item      Item
	sentences int
	err       error
	known     string // duplicate reason found before coding
}

// Run reads items from r, codes documents on Workers goroutines, and
// stores them in batches of BatchSize documents, one transaction each.
// Items that fail to read, code or store are listed in Summary.Failures and
// the rest goes on; a document is stored with all its events or not at
// all. The error is for the run as a whole: a store that cannot commit, a
// reader failure, or ctx ending (the documents of finished batches stay
// stored; a re-run adds the rest).
func Run(ctx context.Context, st store.Store, c Coder, r Reader, opts RunOptions) (*Summary, error) {
	workers := opts.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	batchSize := opts.BatchSize
	if batchSize <= 0 {
		batchSize = 64
	}
	every := opts.ProgressEvery
	if every <= 0 {
		every = 500 * time.Millisecond
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()

	items := make(chan Item, workers*4)
	out := make(chan coded, workers*4)
	var readErr error
	var readN int
	var mu sync.Mutex
	go func() {
		defer close(items)
		err := r.Read(ctx, func(it Item) bool {
			mu.Lock()
			readN++
			mu.Unlock()
			select {
			case items <- it:
				return true
			case <-ctx.Done():
				return false
			}
		})
		if err != nil && ctx.Err() == nil {
			mu.Lock()
			readErr = err
			mu.Unlock()
		}
	}()
	kn := st
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for it := range items {
				cd := codeItem(ctx, it, c, kn, &opts)
				select {
				case out <- cd:
				case <-ctx.Done():
					return
				}
			}
		}()
	}
	go func() {
		wg.Wait()
		close(out)
	}()

	sum := &Summary{}
	sum.Total = opts.Total
	start := time.Now()
	lastReport := start
	report := func(final bool) {
		if opts.Progress == nil {
			return
		}
		now := time.Now()
		if !final && now.Sub(lastReport) < every {
			return
		}
		lastReport = now
		mu.Lock()
		sum.Items = readN
		sum.Elapsed = now.Sub(start)
		if s := sum.Elapsed.Seconds(); s > 0 {
			sum.SentencesPerSec = float64(sum.Sentences) / s
			sum.ItemsPerSec = float64(sum.Done) / s
		}
		sum.ETA = 0
		if sum.Total > 0 && sum.ItemsPerSec > 0 && sum.Done < sum.Total {
			sum.ETA = time.Duration(float64(sum.Total-sum.Done) / sum.ItemsPerSec * float64(time.Second))
		}
		p := sum.Progress
		mu.Unlock()
		opts.Progress(p)
	}

	// The storer writes batches while the workers code the next ones.
	storeCh := make(chan []coded, 1)
	storerDone := make(chan struct{})
	var storeErr error
	go func() {
		defer close(storerDone)
		for b := range storeCh {
			mu.Lock()
			failed := storeErr != nil
			mu.Unlock()
			if failed {
				continue
			}
			var d Summary
			err := putBatch(ctx, st, b, &d)
			mu.Lock()
			sum.add(&d)
			if err != nil && storeErr == nil {
				storeErr = err
				cancel()
			}
			mu.Unlock()
		}
	}()
	var batch []coded
	flush := func() {
		if len(batch) == 0 {
			return
		}
		storeCh <- batch
		batch = nil
	}
	ticker := time.NewTicker(every)
	defer ticker.Stop()
loop:
	for {
		select {
		case cd, ok := <-out:
			if !ok {
				break loop
			}
			mu.Lock()
			sum.Sentences += cd.sentences
			switch {
			case cd.err != nil:
				sum.Done++
				sum.Failed++
				sum.Failures = append(sum.Failures, Failure{Pos: cd.item.Pos, ID: cd.item.Doc.ID, Reason: cd.err.Error()})
			case cd.known != "":
				sum.Done++
				sum.Duplicate++
				sum.Duplicates = append(sum.Duplicates, Failure{Pos: cd.item.Pos, ID: cd.item.Doc.ID, Reason: cd.known})
			default:
				sum.Events += len(cd.item.Doc.Events)
				batch = append(batch, cd)
			}
			mu.Unlock()
			if len(batch) >= batchSize {
				flush()
			}
			report(false)
		case <-ticker.C:
			report(false)
		}
	}
	if ctx.Err() == nil {
		flush()
	}
	close(storeCh)
	<-storerDone
	report(true)
	mu.Lock()
	rerr := readErr
	serr := storeErr
	mu.Unlock()
	switch {
	case serr != nil:
		return sum, serr
	case rerr != nil:
		return sum, fmt.Errorf("ingest: %w", rerr)
	}
	return sum, ctx.Err()
}

// codeItem codes one item (or finds it already stored).
func codeItem(ctx context.Context, it Item, c Coder, kn store.Store, opts *RunOptions) coded {
	cd := coded{item: it}
	if it.Err != nil {
		cd.err = it.Err
		return cd
	}
	if ctx.Err() != nil {
		cd.err = ctx.Err()
		return cd
	}
	if !opts.NoSkipKnown && !it.Doc.AppendEvents {
		if it.Doc.Hash == "" {
			it.Doc.Hash = store.ContentHash(it.Doc.Text)
			cd.item.Doc.Hash = it.Doc.Hash
		}
		if dup, why, err := kn.Known(ctx, &it.Doc); err == nil && dup != "" {
			cd.known = why
			return cd
		}
	}
	if it.Coded {
		return cd
	}
	doc := it.Doc.Document
	evs, n, err := safeCode(c, &doc)
	cd.sentences = n
	if err != nil {
		cd.err = fmt.Errorf("%s: coding: %w", it.Pos, err)
		return cd
	}
	if !opts.KeepEventDates {
		for i := range evs {
			t, p := ResolveEventDate(evs[i].SentenceText, evs[i].Verb.Text, it.Doc.Date)
			if t.IsZero() {
				continue
			}
			evs[i].Date, evs[i].DatePrecision = FormatDate(t, p), p
		}
	}
	for i := range evs {
		evs[i].DocID = it.Doc.ID
	}
	cd.item.Doc.Events = evs
	if opts.Enrich != nil {
		opts.Enrich(&cd.item.Doc)
	}
	return cd
}

// safeCode calls the coder and turns a panic into an error.
func safeCode(c Coder, doc *dyad.Document) (evs []dyad.Event, n int, err error) {
	defer func() {
		if r := recover(); r != nil {
			evs, n, err = nil, 0, fmt.Errorf("coder panicked: %v", r)
		}
	}()
	return c.Code(doc)
}

// add adds the counts and lists of d to s.
func (s *Summary) add(d *Summary) {
	s.Done += d.Done
	s.New += d.New
	s.Duplicate += d.Duplicate
	s.Merged += d.Merged
	s.Failed += d.Failed
	s.Mentions += d.Mentions
	s.NewEvents += d.NewEvents
	s.Batches += d.Batches
	s.Failures = append(s.Failures, d.Failures...)
	s.Duplicates = append(s.Duplicates, d.Duplicates...)
}

// putBatch stores a batch and counts the outcome in sum; when the transaction fails it retries the
// documents one by one so that one bad document does not sink the others.
func putBatch(ctx context.Context, st store.Store, batch []coded, sum *Summary) error {
	docs := make([]store.Doc, len(batch))
	for i := range batch {
		docs[i] = batch[i].item.Doc
	}
	res, err := st.PutBatch(ctx, docs)
	if err != nil {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		if len(batch) == 1 {
			sum.Done++
			sum.Failed++
			sum.Failures = append(sum.Failures, Failure{Pos: batch[0].item.Pos, ID: docs[0].ID, Reason: err.Error()})
			return nil
		}
		for i := range batch {
			if err := putBatch(ctx, st, batch[i:i+1], sum); err != nil {
				return err
			}
		}
		return nil
	}
	sum.Batches++
	for i, r := range res {
		sum.Done++
		sum.Mentions += r.Mentions
		sum.NewEvents += r.NewEvents
		switch r.Status {
		case store.StatusNew:
			sum.New++
		case store.StatusDuplicate:
			if r.Mentions > 0 || docs[i].AppendEvents {
				// A GDELT row citing an article already stored: its
				// event joined that document.
				sum.Merged++
				continue
			}
			sum.Duplicate++
			sum.Duplicates = append(sum.Duplicates, Failure{Pos: batch[i].item.Pos, ID: r.ID, Reason: r.Reason})
		default:
			sum.Failed++
			sum.Failures = append(sum.Failures, Failure{Pos: batch[i].item.Pos, ID: r.ID, Reason: r.Reason})
		}
	}
	return nil
}
