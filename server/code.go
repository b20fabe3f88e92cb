package server

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"strings"
	"time"

	"github.com/dyad-events/dyad"
	"github.com/dyad-events/dyad/coder"
	"github.com/dyad-events/dyad/ingest"
)

// CodeRequest is the JSON body of POST /api/code.
type CodeRequest struct {
	Text string `json:"text"`
	// Date (YYYY-MM-DD) is the publication date actors' roles and
	// relative event dates are resolved for; default today.
	Date string `json:"date,omitempty"`
}

// CodedSentence is one sentence of coded text with its actors, verbs,
// sources and targets marked.
type CodedSentence struct {
	Index    int       `json:"index"`
	Start    int       `json:"start"`
	End      int       `json:"end"`
	Text     string    `json:"text"`
	Segments []Segment `json:"segments"`
	// Events are indices into CodeResult.Events.
	Events []int `json:"events"`
}

// CodeResult is the answer of POST /api/code.
type CodeResult struct {
	Date      string          `json:"date"`
	Events    []dyad.Event    `json:"events"`
	Sentences []CodedSentence `json:"sentences"`
	// Unknown lists proper-noun phrases in subject or object position that
	// no dictionary entry covers.
	Unknown      []string    `json:"unknown"`
	StoryDiscard string      `json:"story_discard,omitempty"`
	Stats        coder.Stats `json:"stats"`
}

func (s *Server) coder() (Coder, error) {
	if s.cfg.Coder == nil {
		return nil, errNoCoder
	}
	c, err := s.cfg.Coder()
	if err != nil {
		return nil, &APIError{ErrUnavailable, fmt.Errorf("loading the coder: %w", err)}
	}
	return c, nil
}

// readCodeRequest reads a JSON CodeRequest or a text/plain body.
func readCodeRequest(r *http.Request) (CodeRequest, error) {
	var req CodeRequest
	b, err := io.ReadAll(r.Body)
	if err != nil {
		return req, err
	}
	mt, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if mt == "text/plain" {
		req.Text = string(b)
		req.Date = params{r}.str("date")
	} else {
		dec := json.NewDecoder(bytes.NewReader(b))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&req); err != nil {
			return req, badData("body: want {\"text\": \"…\", \"date\": \"YYYY-MM-DD\"} or text/plain: %w", err)
		}
	}
	if strings.TrimSpace(req.Text) == "" {
		return req, badData("no text to code")
	}
	return req, nil
}

func (s *Server) handleCode(r *http.Request) (any, error) {
	req, err := readCodeRequest(r)
	if err != nil {
		return nil, err
	}
	date := time.Now().UTC()
	if req.Date != "" {
		d, err := time.Parse("2006-01-02", req.Date)
		if err != nil {
			return nil, badData("date %q: want YYYY-MM-DD", req.Date)
		}
		date = d
	}
	c, err := s.coder()
	if err != nil {
		return nil, err
	}
	doc := &dyad.Document{ID: "pasted", Text: req.Text, Date: date}
	res, err := c.CodeDocument(doc)
	if err != nil {
		return nil, fmt.Errorf("coding: %w", err)
	}
	// Resolve each event's date from its sentence, as ingest does.
	for i := range res.Events {
		ev := &res.Events[i]
		d, prec := ingest.ResolveEventDate(ev.SentenceText, ev.Verb.Text, date)
		ev.Date, ev.DatePrecision = ingest.FormatDate(d, prec), prec
	}
	out := CodeResult{Date: date.Format("2006-01-02"), Events: res.Events, Sentences: []CodedSentence{}, Unknown: []string{},
		StoryDiscard: res.StoryDiscard, Stats: res.Stats}
	if out.Events == nil {
		out.Events = []dyad.Event{}
	}
	for _, u := range res.Unknown {
		out.Unknown = append(out.Unknown, u.Text)
	}
	for i, sent := range res.Sentences {
		sp := sent.Span
		if !sp.Valid(len(req.Text)) {
			continue
		}
		cs := CodedSentence{Index: i, Start: sp.Start, End: sp.End, Text: req.Text[sp.Start:sp.End], Events: []int{}}
		var marks []mark
		for j := range res.Events {
			ev := &res.Events[j]
			if ev.Sentence != i {
				continue
			}
			cs.Events = append(cs.Events, j)
			add := func(span [2]int, role, code string, rank int) {
				if span[1] > span[0] {
					marks = append(marks, mark{span[0] - sp.Start, span[1] - sp.Start, role, code, rank})
				}
			}
			add(ev.Verb.Span, "verb", "", 0)
			add(ev.Source.Span, "source", ev.Source.Code, 1)
			add(ev.Target.Span, "target", ev.Target.Code, 2)
		}
		if i < len(res.Mentions) {
			for _, m := range res.Mentions[i] {
				if m.Start < 0 || m.End > len(sent.Tokens) || m.Start >= m.End {
					continue
				}
				a, b := sent.Tokens[m.Start].Span.Start, sent.Tokens[m.End-1].Span.End
				marks = append(marks, mark{a - sp.Start, b - sp.Start, "actor", m.Code, 3})
			}
		}
		cs.Segments = segments(cs.Text, marks)
		out.Sentences = append(out.Sentences, cs)
	}
	return out, nil
}

// coderAdapter makes a Coder an ingest.Coder.
type coderAdapter struct{ c Coder }

// Code codes doc and returns its events and sentence count.
func (a coderAdapter) Code(doc *dyad.Document) ([]dyad.Event, int, error) {
	res, err := a.c.CodeDocument(doc)
	if err != nil {
		return nil, 0, err
	}
	return res.Events, res.Stats.Sentences, nil
}

// handleIngest stores documents: a JSON object or array of
// {"id","url","title","date","source","text"} records, or JSON Lines
// (application/x-ndjson) of them.
func (s *Server) handleIngest(r *http.Request) (any, error) {
	b, err := io.ReadAll(r.Body)
	if err != nil {
		return nil, err
	}
	mt, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	var lines bytes.Buffer
	switch mt {
	case "application/x-ndjson", "application/jsonl", "application/jsonlines":
		lines.Write(b)
	case "", "application/json":
		t := bytes.TrimSpace(b)
		var recs []ingest.JSONRecord
		if len(t) > 0 && t[0] == '[' {
			if err := json.Unmarshal(t, &recs); err != nil {
				return nil, badData("body: want a JSON array of {\"id\",\"url\",\"title\",\"date\",\"source\",\"text\"}: %w", err)
			}
		} else {
			var rec ingest.JSONRecord
			if err := json.Unmarshal(t, &rec); err != nil {
				return nil, badData("body: want a JSON object {\"id\",\"url\",\"title\",\"date\",\"source\",\"text\"}: %w", err)
			}
			recs = append(recs, rec)
		}
		for _, rec := range recs {
			line, err := json.Marshal(rec)
			if err != nil {
				return nil, err
			}
			lines.Write(line)
			lines.WriteByte('\n')
		}
	default:
		return nil, badData("content type %q: want application/json or application/x-ndjson", mt)
	}
	c, err := s.coder()
	if err != nil {
		return nil, err
	}
	src := params{r}.str("source")
	rd := ingest.ReaderFunc(func(ctx2 context.Context, yield func(ingest.Item) bool) error {
		return ingest.ReadJSONL(ctx2, bytes.NewReader(lines.Bytes()), "body", time.Time{}, ingest.Options{Source: src, Now: time.Now}, yield)
	})
	sum, err := ingest.Run(r.Context(), s.st, coderAdapter{c}, rd, ingest.RunOptions{})
	s.gen.Add(1) // even a failed run may have stored batches
	if err != nil {
		if errors.Is(err, dyad.ErrInvalidInput) {
			return nil, &APIError{ErrBadData, err}
		}
		return nil, fmt.Errorf("ingest: %w", err)
	}
	if sum.Failures == nil {
		sum.Failures = []ingest.Failure{}
	}
	if sum.Duplicates == nil {
		sum.Duplicates = []ingest.Failure{}
	}
	return sum, nil
}
