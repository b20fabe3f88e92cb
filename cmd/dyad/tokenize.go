package main

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/dyad-events/dyad/text"
)

const tokenizeUsage = `Usage: dyad tokenize [flags] [FILE|-]

Splits raw text (a file, or stdin when FILE is "-" or absent) into sentences
and tokens the way every later stage of dyad sees them, and prints them with
their byte offsets into the input (START inclusive, END exclusive). Use it
to see why a sentence was cut where it was, or how a word was split.

By default it prints one token per line, a blank line between sentences:
  SENTENCE <tab> START <tab> END <tab> TOKEN [<tab> SpaceAfter=No]

With --sentences it prints one sentence per line instead:
  SENTENCE <tab> START <tab> END <tab> TEXT      (line breaks shown as ⏎)

A wire-service dateline ("KABUL, March 3 (Reuters) -") at the start of a
paragraph becomes a sentence of its own; --dateline prints what was
recognised at the start of the input.

Examples:
  $ echo "U.S. officials didn't comment." | dyad tokenize
  0	0	4	U.S.
  0	5	14	officials
  0	15	18	did	SpaceAfter=No
  0	18	21	n't
  0	22	29	comment	SpaceAfter=No
  0	29	30	.

  $ echo "BEIJING (AP) — China spoke. Russia did not." | dyad tokenize --sentences
  0	0	16	BEIJING (AP) —
  1	17	29	China spoke.
  2	30	45	Russia did not.

  dyad tokenize --dateline article.txt`

func init() {
	register(&command{
		name:    "tokenize",
		summary: "split text into sentences and tokens with byte offsets (debugging aid)",
		usage:   tokenizeUsage,
		run:     runTokenize,
	})
}

func runTokenize(ctx context.Context, e *env, args []string) error {
	fs := newFlagSet(e, "tokenize", tokenizeUsage)
	sentences := fs.Bool("sentences", false, "print one sentence per line instead of one token per line")
	dateline := fs.Bool("dateline", false, "print the dateline recognised at the start of the input, if any")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 1 {
		return usagef("expected at most one FILE, got %d", fs.NArg())
	}
	var r io.Reader = e.stdin
	name := "stdin"
	if fs.NArg() == 1 && fs.Arg(0) != "-" {
		f, err := os.Open(fs.Arg(0))
		if err != nil {
			return fmt.Errorf("tokenize: %w", err)
		}
		defer f.Close()
		r, name = f, fs.Arg(0)
	}
	data, err := io.ReadAll(r)
	if err != nil {
		return fmt.Errorf("tokenize: reading %s: %w", name, err)
	}
	src := string(data)
	w := bufio.NewWriter(e.stdout)
	if *dateline {
		place, span, ok := text.Dateline(src)
		if !ok {
			fmt.Fprintln(w, "no dateline")
		} else {
			fmt.Fprintf(w, "place\t%s\nspan\t%d\t%d\ntext\t%s\n", place, span.Start, span.End, src[span.Start:span.End])
		}
		return w.Flush()
	}
	for i, s := range text.Split(src) {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		if *sentences {
			t := strings.NewReplacer("\r\n", "⏎", "\n", "⏎", "\r", "⏎", "\t", " ").Replace(src[s.Span.Start:s.Span.End])
			fmt.Fprintf(w, "%d\t%d\t%d\t%s\n", s.Index, s.Span.Start, s.Span.End, t)
			continue
		}
		if i > 0 {
			w.WriteByte('\n')
		}
		for _, tk := range s.Tokens {
			fmt.Fprintf(w, "%d\t%d\t%d\t%s", s.Index, tk.Span.Start, tk.Span.End, tk.Text)
			if !tk.SpaceAfter {
				w.WriteString("\tSpaceAfter=No")
			}
			w.WriteByte('\n')
		}
	}
	return w.Flush()
}
