package feed

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"sync"
	"time"
)

// StateVersion is the version of the state file format.
const StateVersion = 1

// DefaultSeenWindow is the number of article keys remembered per feed.
const DefaultSeenWindow = 2000

// FeedState is what is remembered of one feed between polls.
type FeedState struct {
	Validators
	// LastPoll is when the feed was last polled; NextPoll when it is due.
	LastPoll time.Time `json:"last_poll,omitzero"`
	NextPoll time.Time `json:"next_poll,omitzero"`
	// LastSuccess is the last poll that fetched the feed or got a 304.
	LastSuccess time.Time `json:"last_success,omitzero"`
	// Failures counts consecutive failed polls; 0 after a success.
	Failures  int    `json:"failures"`
	LastError string `json:"last_error,omitempty"`
	// Seen holds the keys (GUIDs and URLs) of the articles already
	// handed on, oldest first, at most the state's window.
	Seen []string `json:"seen,omitempty"`

	seen map[string]bool
}

func (fs *FeedState) has(key string) bool {
	if key == "" {
		return false
	}
	if fs.seen == nil {
		fs.seen = make(map[string]bool, len(fs.Seen))
		for _, k := range fs.Seen {
			fs.seen[k] = true
		}
	}
	return fs.seen[key]
}

// remember adds keys to the seen window and drops the oldest beyond
// window.
func (fs *FeedState) remember(window int, keys ...string) {
	for _, k := range keys {
		if k == "" || fs.has(k) {
			continue
		}
		fs.Seen = append(fs.Seen, k)
		fs.seen[k] = true
	}
	if over := len(fs.Seen) - window; window > 0 && over > 0 {
		for _, k := range fs.Seen[:over] {
			delete(fs.seen, k)
		}
		fs.Seen = append([]string(nil), fs.Seen[over:]...)
	}
}

// State is the per-feed state of a watcher, kept in a JSON file. It is
// safe for concurrent use.
type State struct {
	mu    sync.Mutex
	feeds map[string]*FeedState
	// Window bounds the seen keys per feed; 0 means DefaultSeenWindow.
	Window int
}

// stateFile is the JSON form of State.
type stateFile struct {
	Version int                   `json:"version"`
	Saved   time.Time             `json:"saved"`
	Feeds   map[string]*FeedState `json:"feeds"`
}

// NewState returns an empty state.
func NewState() *State { return &State{feeds: map[string]*FeedState{}} }

// LoadState reads a state file. A missing file gives an empty state; a
// corrupt one an error with the byte offset of the problem.
func LoadState(path string) (*State, error) {
	b, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return NewState(), nil
	}
	if err != nil {
		return nil, fmt.Errorf("feed state: %w", err)
	}
	var sf stateFile
	if err := json.Unmarshal(b, &sf); err != nil {
		var se *json.SyntaxError
		var te *json.UnmarshalTypeError
		switch {
		case errors.As(err, &se):
			return nil, fmt.Errorf("feed state %s: byte %d: %w", path, se.Offset, err)
		case errors.As(err, &te):
			return nil, fmt.Errorf("feed state %s: byte %d: %w", path, te.Offset, err)
		}
		return nil, fmt.Errorf("feed state %s: %w", path, err)
	}
	if sf.Version > StateVersion {
		return nil, fmt.Errorf("feed state %s: version %d is newer than this dyad understands (%d)", path, sf.Version, StateVersion)
	}
	s := NewState()
	for u, f := range sf.Feeds {
		if f != nil {
			s.feeds[u] = f
		}
	}
	return s, nil
}

// Save writes the state to path atomically: a temporary file in the same
// directory, synced, then renamed over path.
func (s *State) Save(path string, now time.Time) error {
	s.mu.Lock()
	b, err := json.MarshalIndent(stateFile{Version: StateVersion, Saved: now.UTC(), Feeds: s.feeds}, "", "  ")
	s.mu.Unlock()
	if err != nil {
		return fmt.Errorf("feed state: %w", err)
	}
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("feed state: %w", err)
	}
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(path)+".tmp*")
	if err != nil {
		return fmt.Errorf("feed state: %w", err)
	}
	defer os.Remove(tmp.Name()) // fails harmlessly after the rename
	_, err = tmp.Write(append(b, '\n'))
	if err == nil {
		err = tmp.Sync()
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp.Name(), path)
	}
	if err != nil {
		return fmt.Errorf("feed state %s: %w", path, err)
	}
	if d, err := os.Open(dir); err == nil {
		d.Sync()
		d.Close()
	}
	return nil
}

// Feed returns a copy of the state of feed u (the zero state when u is
// unknown).
func (s *State) Feed(u string) FeedState {
	s.mu.Lock()
	defer s.mu.Unlock()
	f := s.feeds[u]
	if f == nil {
		return FeedState{}
	}
	c := *f
	c.Seen = append([]string(nil), f.Seen...)
	c.seen = nil
	return c
}

// URLs lists the feeds in the state, sorted.
func (s *State) URLs() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]string, 0, len(s.feeds))
	for u := range s.feeds {
		out = append(out, u)
	}
	sort.Strings(out)
	return out
}

// update runs fn on the state of feed u, creating it when missing.
func (s *State) update(u string, fn func(*FeedState)) {
	s.mu.Lock()
	defer s.mu.Unlock()
	f := s.feeds[u]
	if f == nil {
		f = &FeedState{}
		s.feeds[u] = f
	}
	fn(f)
}

// Seen reports whether feed u has handed on an article with key k.
func (s *State) Seen(u, k string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	f := s.feeds[u]
	return f != nil && f.has(k)
}

func (s *State) window(items int) int {
	w := s.Window
	if w <= 0 {
		w = DefaultSeenWindow
	}
	// Never forget what the feed still lists, or it would come back.
	return max(w, 4*items)
}
