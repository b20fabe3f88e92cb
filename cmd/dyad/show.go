package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/dyad-events/dyad"
	"github.com/dyad-events/dyad/store"
)

const showUsage = `Usage: dyad show [flags] EVENT_ID

Shows one stored event - its date, actors, CAMEO and PLOVER codes, quad
class, Goldstein value and counts - with every sentence that reports it
(its evidence): the source actor, the verb and the target are marked
[source] {verb} <target>, or in colour on a terminal. EVENT_ID is an
event id from "dyad events" or the id of one of its mentions.

Examples:
  dyad events --source CHN --limit 1
  dyad show 28cba71a22180018
  dyad show --json 28cba71a22180018 | jq .mentions[].sentence_text`

func init() {
	register(&command{name: "show", summary: "show one event with its evidence sentences", usage: showUsage + "\n\n" + dbUsage, run: runShow})
}

func runShow(ctx context.Context, e *env, args []string) error {
	fs := newFlagSet(e, "show", showUsage+"\n\n"+dbUsage)
	db := addDBFlag(fs)
	asJSON := fs.Bool("json", false, "write the event with its mentions as JSON")
	color := fs.String("color", "auto", "mark actors and verb with ANSI colours: auto (on a terminal), always or never")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		return usagef("want one EVENT_ID, got %d arguments", fs.NArg())
	}
	ansi := false
	switch *color {
	case "auto":
		ansi = isTTY(e.stdout)
	case "always":
		ansi = true
	case "never":
	default:
		return usagef("--color must be auto, always or never, not %q", *color)
	}
	st, err := openStoreEnv(*db, e.getenv)
	if err != nil {
		return err
	}
	defer st.Close()
	ev, err := st.Event(ctx, fs.Arg(0))
	if errors.Is(err, dyad.ErrNotFound) {
		return fmt.Errorf("no event or mention with id %q (list ids with \"dyad events\")", fs.Arg(0))
	}
	if err != nil {
		return err
	}
	if *asJSON {
		enc := json.NewEncoder(e.stdout)
		enc.SetEscapeHTML(false)
		enc.SetIndent("", "  ")
		return enc.Encode(ev)
	}
	writeShow(e.stdout, ev, ansi)
	return nil
}

func actorLabel(a dyad.Actor) string {
	s := orDash(a.Code)
	if a.Name != "" {
		s += " (" + a.Name + ")"
	}
	return s
}

func writeShow(w io.Writer, ev *store.Event, ansi bool) {
	fmt.Fprintf(w, "event %s  %s (%s)\n", ev.ID, ev.Date, ev.DatePrecision)
	fmt.Fprintf(w, "  %s → %s\n", actorLabel(ev.Source), actorLabel(ev.Target))
	pl := ""
	if ev.First != nil && ev.First.Plover.Event != "" {
		pl = "  PLOVER " + ev.First.Plover.Event
		if ev.First.Plover.Mode != "" {
			pl += "/" + ev.First.Plover.Mode
		}
	}
	fmt.Fprintf(w, "  CAMEO %s (root %s)  quad %d  Goldstein %g%s\n", ev.CAMEO, ev.Root, ev.Quad, ev.Goldstein, pl)
	if ev.Place != nil && (ev.Place.Name != "" || ev.Place.Country != "") {
		fmt.Fprintf(w, "  place %s %s\n", ev.Place.Name, ev.Place.Country)
	}
	fmt.Fprintf(w, "  %d mentions in %d articles from %d sources\n", ev.NumMentions, ev.NumArticles, ev.NumSources)
	for i, m := range ev.Mentions {
		fmt.Fprintf(w, "\n[%d] %s", i+1, m.DocID)
		if !m.DocDate.IsZero() {
			fmt.Fprintf(w, "  %s", m.DocDate.Format("2006-01-02"))
		}
		if m.DocSource != "" {
			fmt.Fprintf(w, "  %s", m.DocSource)
		}
		fmt.Fprintln(w)
		if m.DocURL != "" {
			fmt.Fprintf(w, "    %s\n", m.DocURL)
		}
		var notes []string
		if m.Negated {
			notes = append(notes, "negated")
		}
		if m.Modality != "" && m.Modality != dyad.ModalityAsserted {
			notes = append(notes, m.Modality)
		}
		if m.Pattern != "" {
			notes = append(notes, "pattern "+m.Pattern)
		}
		if len(notes) > 0 {
			fmt.Fprintf(w, "    %s\n", strings.Join(notes, ", "))
		}
		text := m.SentenceText
		if text == "" {
			text = "(no sentence text stored)"
		}
		fmt.Fprintf(w, "    %s\n", highlight(text, m.Event, ansi))
	}
}

// highlight marks the source, verb and target of ev in its sentence:
// [source] {verb} <target>, or bold colours with ansi.
func highlight(sentence string, ev dyad.Event, ansi bool) string {
	type mark struct {
		start, end int
		open, shut string
	}
	var marks []mark
	add := func(text, open, shut, aOpen string) {
		if text == "" {
			return
		}
		i := strings.Index(sentence, text)
		if i < 0 {
			return
		}
		for _, m := range marks {
			if i < m.end && m.start < i+len(text) {
				return // overlaps a mark already placed
			}
		}
		if ansi {
			open, shut = aOpen, "\x1b[0m"
		}
		marks = append(marks, mark{i, i + len(text), open, shut})
	}
	add(ev.Verb.Text, "{", "}", "\x1b[1;33m")
	add(ev.Source.Text, "[", "]", "\x1b[1;31m")
	add(ev.Target.Text, "<", ">", "\x1b[1;34m")
	sort.Slice(marks, func(i, j int) bool { return marks[i].start < marks[j].start })
	var b strings.Builder
	at := 0
	for _, m := range marks {
		b.WriteString(sentence[at:m.start])
		b.WriteString(m.open)
		b.WriteString(sentence[m.start:m.end])
		b.WriteString(m.shut)
		at = m.end
	}
	b.WriteString(sentence[at:])
	return b.String()
}
