package main

import (
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/dyad-events/dyad"
	"github.com/dyad-events/dyad/coder"
	"github.com/dyad-events/dyad/nlp"
)

const codeUsage = `Usage: dyad code [flags] [FILE|- ...]

Codes news text into events: who did what to whom, in CAMEO and PLOVER,
with the evidence behind each event. Reads each FILE (or standard input
for "-" or no argument) as one document and writes one JSON object per
event (JSON Lines) to standard output, with the fields fixed in
docs/events.md: source and target actors with codes and byte spans, the
CAMEO code, root, quad class, Goldstein value, PLOVER type, negation,
modality, the verb, the dictionary pattern (file:line) that fired, a
confidence and the sentence text.

Actors' roles depend on the date: the Taliban are insurgents before
2021-08-15 and the government after it. --date sets the document date
(default: today).

Examples:
  dyad code --date 2022-03-28 article.txt
  echo "Russian forces attacked Ukraine." | dyad code --date 2022-02-24
  dyad code --explain --date 2021-07-28 story.txt      # why each pattern fired or not
  dyad code --format csv --dict mydicts/ news/*.txt     # your entries on top of the defaults
  dyad code --petrarch-verbs CAMEO.verbpatterns.txt --petrarch-actors Phoenix.Countries.actors.txt story.txt
  dyad code --petrarch-compat --petrarch-verbs CAMEO.verbpatterns.txt \
      --petrarch-actors Phoenix.Countries.actors.txt story.txt     # PETRARCH's readings too`

func init() {
	register(&command{name: "code", summary: "code text into CAMEO/PLOVER events (JSON Lines or CSV)", usage: codeUsage, run: runCode})
}

func runCode(ctx context.Context, e *env, args []string) error {
	fs := newFlagSet(e, "code", codeUsage)
	var df dictFlags
	df.register(fs)
	date := fs.String("date", "", "document date `YYYY-MM-DD` for resolving actors' roles (default today)")
	format := fs.String("format", "jsonl", "output `format`: jsonl or csv")
	explain := fs.Bool("explain", false, "print, per sentence, the tree, the mentions and why each pattern did or did not fire, instead of events")
	noDyad := fs.Bool("no-require-dyad", false, "also code events whose target is missing or uncoded")
	newActor := fs.Int("new-actor-length", 0, "let unknown proper-noun phrases of up to `N` tokens act as actors (0 = off)")
	unknown := fs.Bool("unknown", false, "list unknown actors (uncoded proper nouns in subject/object position) on stderr")
	hypo := fs.Bool("hypothetical", false, "also code acts that are only possible or conditional (\"could\", \"if ...\"), with modality hypothetical")
	compat := fs.Bool("petrarch-compat", false, "code as PETRARCH does (role nouns without a country stay ---ROLE, no intent codes,\npassive only with a by-phrase, one verb per verb phrase, comma clauses of 2-8 words deleted)")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if *format != "jsonl" && *format != "csv" {
		return usagef("--format must be jsonl or csv, not %q", *format)
	}
	d := time.Now().UTC().Truncate(24 * time.Hour)
	if *date != "" {
		var err error
		if d, err = time.Parse("2006-01-02", *date); err != nil {
			return usagef("--date %q: want YYYY-MM-DD", *date)
		}
	}
	dict, err := df.load()
	if err != nil {
		return err
	}
	pipe, err := nlp.Default()
	if err != nil {
		return err
	}
	opts := coder.DefaultOptions()
	if *compat {
		opts = coder.PetrarchOptions()
	}
	opts.RequireDyad = !*noDyad
	opts.Hypothetical = opts.Hypothetical || *hypo
	opts.NewActorLength = *newActor
	opts.Explain = *explain
	c := coder.New(dict, pipe, opts)

	inputs := fs.Args()
	if len(inputs) == 0 {
		inputs = []string{"-"}
	}
	out := newEventWriter(e.stdout, *format)
	failed := 0
	for _, in := range inputs {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		src, id, err := readInput(e, in)
		if err != nil {
			fmt.Fprintf(e.stderr, "dyad code: %v\n", err)
			failed++
			continue
		}
		res, err := c.CodeDocument(&dyad.Document{ID: id, Text: src, Date: d})
		if err != nil {
			fmt.Fprintf(e.stderr, "dyad code: %s: %v\n", in, err)
			failed++
			continue
		}
		if *explain {
			writeExplain(e.stdout, res)
			continue
		}
		for i := range res.Events {
			if err := out.write(&res.Events[i]); err != nil {
				return err
			}
		}
		if *unknown {
			for _, u := range res.Unknown {
				fmt.Fprintf(e.stderr, "unknown actor: %q\n", u.Text)
			}
		}
	}
	if err := out.flush(); err != nil {
		return err
	}
	if failed > 0 {
		if failed == len(inputs) {
			return fmt.Errorf("all %d inputs failed", failed)
		}
		return &partialError{fmt.Sprintf("%d of %d inputs failed", failed, len(inputs))}
	}
	return nil
}

// readInput reads a file or standard input as one document.
func readInput(e *env, name string) (text, id string, err error) {
	var b []byte
	if name == "-" {
		b, err = io.ReadAll(e.stdin)
		id = "stdin"
	} else {
		b, err = os.ReadFile(name)
		id = filepath.Base(name)
	}
	if err != nil {
		return "", "", err
	}
	return string(b), id, nil
}

// eventWriter writes events as JSON Lines or CSV.
type eventWriter struct {
	format string
	enc    *json.Encoder
	csv    *csv.Writer
	header bool
}

func newEventWriter(w io.Writer, format string) *eventWriter {
	ew := &eventWriter{format: format}
	if format == "csv" {
		ew.csv = csv.NewWriter(w)
	} else {
		ew.enc = json.NewEncoder(w)
		ew.enc.SetEscapeHTML(false)
	}
	return ew
}

// csvHeader is the column order of "--format csv".
var csvHeader = []string{"id", "doc_id", "sentence", "date", "date_precision", "source_code", "source_country", "source_sector",
	"source_name", "source_text", "target_code", "target_country", "target_sector", "target_name", "target_text",
	"cameo", "root", "quad", "goldstein", "plover_event", "plover_mode", "plover_context", "negated", "modality",
	"verb", "verb_lemma", "pattern", "confidence", "sentence_text"}

func (ew *eventWriter) write(ev *dyad.Event) error {
	if ew.enc != nil {
		return ew.enc.Encode(ev)
	}
	if !ew.header {
		ew.header = true
		if err := ew.csv.Write(csvHeader); err != nil {
			return err
		}
	}
	f := strconv.FormatFloat
	return ew.csv.Write([]string{ev.ID, ev.DocID, strconv.Itoa(ev.Sentence), ev.Date, ev.DatePrecision,
		ev.Source.Code, ev.Source.Country, ev.Source.Sector, ev.Source.Name, ev.Source.Text,
		ev.Target.Code, ev.Target.Country, ev.Target.Sector, ev.Target.Name, ev.Target.Text,
		ev.CAMEO, ev.Root, strconv.Itoa(ev.Quad), f(ev.Goldstein, 'f', -1, 64), ev.Plover.Event, ev.Plover.Mode,
		strings.Join(ev.Plover.Context, ";"), strconv.FormatBool(ev.Negated), ev.Modality,
		ev.Verb.Text, ev.Verb.Lemma, ev.Pattern, f(ev.Confidence, 'f', -1, 64), ev.SentenceText})
}

func (ew *eventWriter) flush() error {
	if ew.csv != nil {
		ew.csv.Flush()
		return ew.csv.Error()
	}
	return nil
}

// writeExplain prints the explanation of a coding run for people.
func writeExplain(w io.Writer, res *coder.Result) {
	if res.StoryDiscard != "" {
		fmt.Fprintf(w, "story discarded by %q\n", res.StoryDiscard)
		return
	}
	for _, s := range res.Explain {
		fmt.Fprintf(w, "── sentence %d: %s\n", s.Index, s.Text)
		for _, n := range s.Notes {
			fmt.Fprintf(w, "   note: %s\n", n)
		}
		if len(s.Tree) > 0 {
			fmt.Fprintln(w, "   tree:")
			for i, t := range s.Tree {
				head := "ROOT"
				if t.Head > 0 && t.Head <= len(s.Tree) {
					head = s.Tree[t.Head-1].Text
				}
				fmt.Fprintf(w, "     %2d %-16s %-6s %-14s ← %s\n", i+1, t.Text, t.UPOS, t.Rel, head)
			}
		}
		for _, m := range s.Mentions {
			code := m.Code
			if code == "" {
				code = "(no code)"
			}
			fmt.Fprintf(w, "   mention: %-30q %-12s %-10s %s\n", m.Text, code, m.Kind, m.Source)
		}
		for _, c := range s.Candidates {
			fmt.Fprintf(w, "   predicate %q (token %d): ", c.Lemma, c.Pred+1)
			if c.Pattern != "" {
				fmt.Fprintf(w, "pattern %q [%s] at %s: ", c.Pattern, c.Code, c.Source)
			}
			fmt.Fprintln(w, c.Outcome)
		}
	}
	for _, ev := range res.Events {
		fmt.Fprintf(w, "EVENT %s → %s  %s (%s)  %q  [%s]\n", orDash(ev.Source.Code), orDash(ev.Target.Code), ev.CAMEO, ev.Modality, ev.Verb.Text, ev.Pattern)
	}
}

func orDash(s string) string {
	if s == "" {
		return "---"
	}
	return s
}
