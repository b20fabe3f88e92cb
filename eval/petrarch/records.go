// Package petrarch reads PETRARCH's unit-test records (PETR.UnitTest.records.xml)
// and scores a coder against them. Each record holds a text, its date and the
// expected (source, target, code) triples, or an expectation of no events or
// of an error. <Config> elements between records change coder options for
// the records that follow, so records carry the option state in force.
package petrarch

import (
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"os"
	"sort"
	"strings"
	"time"
)

// Expected is one expected event triple. Source or Target may be a quoted
// phrase (e.g. `"INJURY TOLL"`) for an uncoded new actor.
type Expected struct {
	Source, Target, Code string
}

// Record is one <Sentence> of the records file.
type Record struct {
	ID       string
	Category string
	Date     time.Time
	// Sentence is false for records marked sentence="false" (multi-sentence
	// story text coded as a whole).
	Sentence bool
	Text     string
	Events   []Expected
	NoEvents bool   // <EventCoding noevents="True">
	Error    string // <EventCoding error="…">: dateline, sentencediscard, storydiscard, bad_input_parse
	// Parse is the record's Penn-style parse, kept only so that malformed
	// input can be detected; dyad never uses it for coding.
	Parse   string
	Options Options // coder options in force for this record
	Line    int     // line of the <Sentence> element
}

// Environment is the <Environment> block: dictionary file names relative to
// the records file.
type Environment struct {
	Verbs, Actors, Agents, Discards string
	Include                         []string
}

// Options are the PETRARCH configuration options the records change.
type Options struct {
	RequireDyad    bool
	NewActorLength int
	StopOnError    bool
	// Comma holds PETRARCH's comma-clause options (comma_min, comma_max,
	// comma_bmin, comma_bmax, comma_emin, comma_emax), which bound the length
	// of comma-delimited clauses that PETRARCH deletes before matching.
	Comma map[string]int
}

// DefaultOptions are PETRARCH's defaults for the unit tests (its
// PETR_config.ini: internal and terminal comma clauses of 2 to 8 words are
// deleted, initial ones are kept).
func DefaultOptions() Options {
	return Options{RequireDyad: true, Comma: map[string]int{"comma_min": 2, "comma_max": 8, "comma_emin": 2, "comma_emax": 8}}
}

// File is a parsed records file.
type File struct {
	Env     Environment
	Records []Record
}

type xmlCoding struct {
	Source   string `xml:"sourcecode,attr"`
	Target   string `xml:"targetcode,attr"`
	Code     string `xml:"eventcode,attr"`
	NoEvents string `xml:"noevents,attr"`
	Error    string `xml:"error,attr"`
}

type xmlSentence struct {
	Date     string      `xml:"date,attr"`
	ID       string      `xml:"id,attr"`
	Category string      `xml:"category,attr"`
	Sentence string      `xml:"sentence,attr"`
	Codings  []xmlCoding `xml:"EventCoding"`
	Text     string      `xml:"Text"`
	Parse    string      `xml:"Parse"`
}

type xmlEnv struct {
	Verbs    string `xml:"Verbfile"`
	Actors   string `xml:"Actorfile"`
	Agents   string `xml:"Agentfile"`
	Discards string `xml:"Discardfile"`
	Include  string `xml:"Include"`
}

type xmlConfig struct {
	Option string `xml:"option,attr"`
	Value  string `xml:"value,attr"`
}

// ReadFile reads a records file.
func ReadFile(path string) (*File, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("petrarch records: %w", err)
	}
	defer f.Close()
	return Read(f, path)
}

// lineCounter tracks the line number of the decoder's input offset.
type lineCounter struct {
	data []byte
}

func (l *lineCounter) line(off int64) int {
	if off > int64(len(l.data)) {
		off = int64(len(l.data))
	}
	return 1 + strings.Count(string(l.data[:off]), "\n")
}

// Read parses records from r; name is used in error messages.
func Read(r io.Reader, name string) (*File, error) {
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	lc := &lineCounter{data: data}
	dec := xml.NewDecoder(strings.NewReader(string(data)))
	dec.Strict = false
	out := &File{}
	opts := DefaultOptions()
	for {
		off := dec.InputOffset()
		tok, err := dec.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return out, fmt.Errorf("%s:%d: %w", name, lc.line(dec.InputOffset()), err)
		}
		se, ok := tok.(xml.StartElement)
		if !ok {
			continue
		}
		switch se.Name.Local {
		case "Environment":
			var e xmlEnv
			if err := dec.DecodeElement(&e, &se); err != nil {
				return out, fmt.Errorf("%s:%d: Environment: %w", name, lc.line(off), err)
			}
			out.Env = Environment{Verbs: strings.TrimSpace(e.Verbs), Actors: strings.TrimSpace(e.Actors),
				Agents: strings.TrimSpace(e.Agents), Discards: strings.TrimSpace(e.Discards), Include: strings.Fields(e.Include)}
		case "Config":
			var c xmlConfig
			if err := dec.DecodeElement(&c, &se); err != nil {
				return out, fmt.Errorf("%s:%d: Config: %w", name, lc.line(off), err)
			}
			if err := applyConfig(&opts, c.Option, c.Value); err != nil {
				return out, fmt.Errorf("%s:%d: %w", name, lc.line(off), err)
			}
		case "Sentence":
			var s xmlSentence
			line := lc.line(off)
			if err := dec.DecodeElement(&s, &se); err != nil {
				return out, fmt.Errorf("%s:%d: Sentence: %w", name, line, err)
			}
			rec, err := toRecord(s, opts, line)
			if err != nil {
				return out, fmt.Errorf("%s:%d: %w", name, line, err)
			}
			out.Records = append(out.Records, rec)
		}
	}
	return out, nil
}

func applyConfig(o *Options, option, value string) error {
	v := strings.ToLower(strings.TrimSpace(value))
	switch strings.TrimSpace(option) {
	case "require_dyad":
		o.RequireDyad = v == "true"
	case "stop_on_error":
		o.StopOnError = v == "true"
	case "new_actor_length":
		n, err := atoi(v)
		if err != nil {
			return fmt.Errorf("Config new_actor_length: %w", err)
		}
		o.NewActorLength = n
	case "comma_min", "comma_max", "comma_bmin", "comma_bmax", "comma_emin", "comma_emax":
		n, err := atoi(v)
		if err != nil {
			return fmt.Errorf("Config %s: %w", option, err)
		}
		c := make(map[string]int, len(o.Comma)+1)
		for k, x := range o.Comma {
			c[k] = x
		}
		c[strings.TrimSpace(option)] = n
		o.Comma = c
	default:
		return fmt.Errorf("unknown Config option %q", option)
	}
	return nil
}

func atoi(s string) (int, error) {
	n := 0
	if s == "" {
		return 0, fmt.Errorf("empty number")
	}
	for _, c := range s {
		if c < '0' || c > '9' {
			return 0, fmt.Errorf("bad number %q", s)
		}
		n = n*10 + int(c-'0')
	}
	return n, nil
}

func toRecord(s xmlSentence, opts Options, line int) (Record, error) {
	d, err := time.Parse("20060102", strings.TrimSpace(s.Date))
	if err != nil {
		return Record{}, fmt.Errorf("record %s: bad date %q (want YYYYMMDD)", s.ID, s.Date)
	}
	rec := Record{ID: strings.TrimSpace(s.ID), Category: strings.TrimSpace(s.Category), Date: d,
		Sentence: !strings.EqualFold(strings.TrimSpace(s.Sentence), "false"),
		Text:     strings.Join(strings.Fields(s.Text), " "), Parse: s.Parse, Options: opts, Line: line}
	for _, c := range s.Codings {
		switch {
		case strings.EqualFold(strings.TrimSpace(c.NoEvents), "true"):
			rec.NoEvents = true
		case c.Error != "":
			rec.Error = strings.TrimSpace(c.Error)
		default:
			rec.Events = append(rec.Events, Expected{Source: strings.TrimSpace(c.Source), Target: strings.TrimSpace(c.Target), Code: strings.TrimSpace(c.Code)})
		}
	}
	if len(s.Codings) == 0 {
		// A record without any <EventCoding> (PATTERN-06) expects nothing.
		rec.NoEvents = true
	}
	return rec, nil
}

// Triples returns the expected triples as sorted "SRC TGT CODE" strings.
func (r *Record) Triples() []string {
	out := make([]string, 0, len(r.Events))
	for _, e := range r.Events {
		out = append(out, e.Source+" "+e.Target+" "+e.Code)
	}
	sort.Strings(out)
	return out
}

// ParseBalanced reports whether the record's supplied parse has balanced
// brackets. PETRARCH's ERROR records with error="bad_input_parse" carry an
// unbalanced parse; dyad ignores parses for coding, but it validates input.
func (r *Record) ParseBalanced() bool {
	depth := 0
	for _, c := range r.Parse {
		switch c {
		case '(':
			depth++
		case ')':
			depth--
			if depth < 0 {
				return false
			}
		}
	}
	return depth == 0
}
