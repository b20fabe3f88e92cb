package main

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/dyad-events/dyad"
	"github.com/dyad-events/dyad/nlp"
)

const parseUsage = `Usage: dyad parse [flags] [FILE|-]

Reads raw text (a file, or stdin when FILE is "-" or absent), splits it into
sentences and words, tags, lemmatizes and parses them, and writes CoNLL-U
(Universal Dependencies) to stdout. Each sentence carries "# sent_id" and
"# text" comments; the MISC column carries TokenRange=START:END, the byte
offsets of the word in the input (END exclusive), and SpaceAfter=No where
no white space follows the word.

The input is processed in bounded chunks cut at blank lines (paragraphs), so
files of any size stream with constant memory; --jobs chunks are parsed in
parallel and written in input order.

Example:
  $ echo "Russia attacked Ukraine." | dyad parse
  # sent_id = 1
  # text = Russia attacked Ukraine.
  1	Russia	Russia	PROPN	NNP	_	2	nsubj	_	TokenRange=0:6
  2	attacked	attack	VERB	VBD	_	0	root	_	TokenRange=7:15
  3	Ukraine	Ukraine	PROPN	NNP	_	2	obj	_	TokenRange=16:23|SpaceAfter=No
  4	.	.	PUNCT	.	_	2	punct	_	TokenRange=23:24

  dyad parse article.txt > article.conllu`

func init() {
	register(&command{
		name:    "parse",
		summary: "tag and parse raw text into CoNLL-U (UD dependencies with byte offsets)",
		usage:   parseUsage,
		run:     runParse,
	})
}

// Chunking bounds: chunks end at a blank line once they hold chunkTarget
// bytes, and are cut at a line end (or a space) beyond chunkMax.
const (
	chunkTarget = 64 << 10
	chunkMax    = 1 << 20
)

// chunker cuts a byte stream into chunks at paragraph boundaries.
type chunker struct {
	r   *bufio.Reader
	off int // offset of the next unread byte
	buf []byte
	err error
}

// next returns the next chunk and its byte offset in the input, or io.EOF.
func (c *chunker) next() ([]byte, int, error) {
	if c.err != nil && len(c.buf) == 0 {
		return nil, 0, c.err
	}
	for c.err == nil {
		line, err := c.r.ReadSlice('\n')
		c.buf = append(c.buf, line...)
		if err == bufio.ErrBufferFull {
			if len(c.buf) >= chunkMax {
				return c.cut(cutPoint(c.buf))
			}
			continue
		}
		if err != nil {
			c.err = err
			break
		}
		// a complete line ends c.buf
		if len(c.buf) >= chunkMax || (len(c.buf) >= chunkTarget && len(bytes.TrimSpace(line)) == 0) {
			return c.cut(len(c.buf))
		}
	}
	if c.err != io.EOF {
		return nil, 0, c.err
	}
	if len(c.buf) == 0 {
		return nil, 0, io.EOF
	}
	return c.cut(len(c.buf))
}

func (c *chunker) cut(n int) ([]byte, int, error) {
	out := bytes.Clone(c.buf[:n])
	base := c.off
	c.off += n
	c.buf = append(c.buf[:0], c.buf[n:]...)
	return out, base, nil
}

// cutPoint finds a place to cut an overlong line: after the last space, or
// else at a UTF-8 boundary.
func cutPoint(b []byte) int {
	if i := bytes.LastIndexAny(b, " \t"); i > 0 {
		return i + 1
	}
	n := len(b)
	for n > 0 && !utf8.RuneStart(b[n-1]) {
		n--
	}
	if n > 1 {
		return n - 1
	}
	return len(b)
}

type parseJob struct {
	text  string
	base  int
	sents []dyad.Sentence
	done  chan struct{}
}

func runParse(ctx context.Context, e *env, args []string) error {
	fs := newFlagSet(e, "parse", parseUsage)
	jobs := fs.Int("jobs", runtime.GOMAXPROCS(0), "chunks parsed in parallel")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 1 {
		return usagef("expected at most one input file, got %d", fs.NArg())
	}
	if *jobs < 1 {
		return usagef("--jobs must be at least 1")
	}
	in := e.stdin
	name := "<stdin>"
	if fs.NArg() == 1 && fs.Arg(0) != "-" {
		f, err := os.Open(fs.Arg(0))
		if err != nil {
			return err
		}
		defer f.Close()
		in, name = f, fs.Arg(0)
	}
	p, err := nlp.Default()
	if err != nil {
		return err
	}
	parent := ctx
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	work := make(chan *parseJob)
	order := make(chan *parseJob, 2**jobs)
	var wg sync.WaitGroup
	for range *jobs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range work {
				j.sents = p.Annotate(j.text)
				close(j.done)
			}
		}()
	}
	var readErr error
	go func() {
		defer close(order)
		defer close(work)
		ch := &chunker{r: bufio.NewReaderSize(in, 64<<10)}
		for ctx.Err() == nil {
			b, base, err := ch.next()
			if err == io.EOF {
				return
			}
			if err != nil {
				readErr = fmt.Errorf("%s: byte %d: %w", name, ch.off, err)
				return
			}
			j := &parseJob{text: string(b), base: base, done: make(chan struct{})}
			order <- j
			work <- j
		}
	}()
	w := bufio.NewWriterSize(e.stdout, 64<<10)
	sentID := 0
	var writeErr error
	for j := range order {
		<-j.done
		if writeErr != nil {
			continue // drain so the reader and workers finish
		}
		for i := range j.sents {
			sentID++
			writeSentence(w, &j.sents[i], j.text, j.base, sentID)
		}
		if w.Buffered() > 32<<10 {
			if writeErr = w.Flush(); writeErr != nil {
				cancel()
			}
		}
	}
	wg.Wait()
	if writeErr == nil {
		writeErr = w.Flush()
	}
	if err := errors.Join(readErr, writeErr, parent.Err()); err != nil {
		return err
	}
	return nil
}

var textCleaner = strings.NewReplacer("\r\n", " ", "\n", " ", "\r", " ", "\t", " ")

// writeSentence writes s in CoNLL-U; token spans are offsets into src, which
// starts at byte base of the input.
func writeSentence(w *bufio.Writer, s *dyad.Sentence, src string, base, id int) {
	w.WriteString("# sent_id = ")
	w.WriteString(strconv.Itoa(id))
	w.WriteString("\n# text = ")
	if s.Span.Valid(len(src)) {
		w.WriteString(textCleaner.Replace(src[s.Span.Start:s.Span.End]))
	}
	w.WriteByte('\n')
	var num [20]byte
	field := func(v string) {
		w.WriteByte('\t')
		if v == "" {
			w.WriteByte('_')
			return
		}
		w.WriteString(v)
	}
	for i := range s.Tokens {
		t := &s.Tokens[i]
		w.Write(strconv.AppendInt(num[:0], int64(i+1), 10))
		field(conlluField(t.Text))
		field(conlluField(t.Lemma))
		field(t.UPOS)
		field(t.XPOS)
		field("")
		w.WriteByte('\t')
		if t.Head >= 0 {
			w.Write(strconv.AppendInt(num[:0], int64(t.Head), 10))
		} else {
			w.WriteByte('_')
		}
		field(t.Rel)
		field("")
		w.WriteString("\tTokenRange=")
		w.Write(strconv.AppendInt(num[:0], int64(base+t.Span.Start), 10))
		w.WriteByte(':')
		w.Write(strconv.AppendInt(num[:0], int64(base+t.Span.End), 10))
		if !t.SpaceAfter {
			w.WriteString("|SpaceAfter=No")
		}
		w.WriteByte('\n')
	}
	w.WriteByte('\n')
}

// conlluField replaces characters CoNLL-U cannot hold in a field.
func conlluField(s string) string {
	if strings.ContainsAny(s, "\t\n\r") {
		return textCleaner.Replace(s)
	}
	return s
}
