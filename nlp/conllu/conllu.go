// Package conllu reads and writes CoNLL-U, the Universal Dependencies
// treebank format. The reader streams sentences and reports malformed input
// with the file name and line number; empty nodes (IDs like 8.1) are skipped,
// multiword token lines (IDs like 3-4) are kept beside the words they span.
package conllu

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
)

// Word is one syntactic word line of a CoNLL-U sentence.
type Word struct {
	ID     int
	Form   string
	Lemma  string
	UPOS   string
	XPOS   string
	Feats  string
	Head   int
	Deprel string
	Deps   string
	Misc   string
}

// MultiWord is a multiword token line ("3-4 don't") spanning words Start..End.
type MultiWord struct {
	Start, End int
	Form       string
	Misc       string
}

// Sentence is one CoNLL-U sentence block.
type Sentence struct {
	Comments   []string // comment lines without the leading "# "
	Words      []Word
	MultiWords []MultiWord
	Line       int // line number of the block's first line
}

// Comment returns the value of the comment "# key = value", if present.
func (s *Sentence) Comment(key string) (string, bool) {
	for _, c := range s.Comments {
		k, v, ok := strings.Cut(c, "=")
		if ok && strings.TrimSpace(k) == key {
			return strings.TrimSpace(v), true
		}
	}
	return "", false
}

// Text returns the "# text =" comment, or the words joined by spaces
// (honouring SpaceAfter=No) when the comment is missing.
func (s *Sentence) Text() string {
	if t, ok := s.Comment("text"); ok {
		return t
	}
	var b strings.Builder
	for i, w := range s.Words {
		b.WriteString(w.Form)
		if i < len(s.Words)-1 && !strings.Contains(w.Misc, "SpaceAfter=No") {
			b.WriteByte(' ')
		}
	}
	return b.String()
}

// Forms returns the word forms of the sentence.
func (s *Sentence) Forms() []string {
	out := make([]string, len(s.Words))
	for i, w := range s.Words {
		out[i] = w.Form
	}
	return out
}

// Error is a CoNLL-U syntax error with its position.
type Error struct {
	File string
	Line int
	Msg  string
}

func (e *Error) Error() string {
	name := e.File
	if name == "" {
		name = "<input>"
	}
	return fmt.Sprintf("%s:%d: %s", name, e.Line, e.Msg)
}

// ErrSyntax is wrapped by every *Error so callers can test with errors.Is.
var ErrSyntax = errors.New("conllu syntax error")

// Is reports whether target is ErrSyntax.
func (e *Error) Is(target error) bool { return target == ErrSyntax }

// Reader reads sentences one at a time from a CoNLL-U stream.
type Reader struct {
	sc   *bufio.Scanner
	name string
	line int
}

// NewReader returns a Reader over r; name is used in error messages.
func NewReader(r io.Reader, name string) *Reader {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64*1024), 16*1024*1024)
	return &Reader{sc: sc, name: name}
}

func (r *Reader) errorf(format string, args ...any) error {
	return &Error{File: r.name, Line: r.line, Msg: fmt.Sprintf(format, args...)}
}

// Next returns the next sentence, or io.EOF when the input is exhausted.
func (r *Reader) Next() (*Sentence, error) {
	var s *Sentence
	for r.sc.Scan() {
		r.line++
		line := strings.TrimRight(r.sc.Text(), "\r")
		if strings.TrimSpace(line) == "" {
			if s != nil {
				return r.finish(s)
			}
			continue
		}
		if s == nil {
			s = &Sentence{Line: r.line}
		}
		if strings.HasPrefix(line, "#") {
			s.Comments = append(s.Comments, strings.TrimSpace(strings.TrimPrefix(line, "#")))
			continue
		}
		if err := r.parseLine(s, line); err != nil {
			return nil, err
		}
	}
	if err := r.sc.Err(); err != nil {
		return nil, fmt.Errorf("%s:%d: %w", r.name, r.line+1, err)
	}
	if s != nil {
		return r.finish(s)
	}
	return nil, io.EOF
}

func (r *Reader) parseLine(s *Sentence, line string) error {
	f := strings.Split(line, "\t")
	if len(f) != 10 {
		return r.errorf("expected 10 tab-separated fields, found %d", len(f))
	}
	id := f[0]
	if strings.Contains(id, ".") {
		return nil // empty node of the enhanced graph
	}
	if a, b, ok := strings.Cut(id, "-"); ok {
		start, err1 := strconv.Atoi(a)
		end, err2 := strconv.Atoi(b)
		if err1 != nil || err2 != nil || start < 1 || end < start {
			return r.errorf("bad multiword token range %q", id)
		}
		s.MultiWords = append(s.MultiWords, MultiWord{Start: start, End: end, Form: f[1], Misc: f[9]})
		return nil
	}
	n, err := strconv.Atoi(id)
	if err != nil {
		return r.errorf("bad word ID %q", id)
	}
	if n != len(s.Words)+1 {
		return r.errorf("word ID %d out of sequence (expected %d)", n, len(s.Words)+1)
	}
	head := -1
	if f[6] != "_" {
		head, err = strconv.Atoi(f[6])
		if err != nil || head < 0 {
			return r.errorf("bad HEAD %q", f[6])
		}
	}
	s.Words = append(s.Words, Word{ID: n, Form: f[1], Lemma: f[2], UPOS: f[3], XPOS: f[4],
		Feats: f[5], Head: head, Deprel: f[7], Deps: f[8], Misc: f[9]})
	return nil
}

func (r *Reader) finish(s *Sentence) (*Sentence, error) {
	if len(s.Words) == 0 {
		if len(s.MultiWords) > 0 {
			return nil, &Error{File: r.name, Line: s.Line, Msg: "sentence has multiword tokens but no words"}
		}
		// A block of comments only (e.g. a trailing "# newdoc"): skip it.
		return r.Next()
	}
	for _, w := range s.Words {
		if w.Head > len(s.Words) {
			return nil, &Error{File: r.name, Line: s.Line, Msg: fmt.Sprintf("word %d has HEAD %d beyond sentence length %d", w.ID, w.Head, len(s.Words))}
		}
	}
	return s, nil
}

// ReadAll reads every sentence from r.
func ReadAll(r io.Reader, name string) ([]*Sentence, error) {
	rd := NewReader(r, name)
	var out []*Sentence
	for {
		s, err := rd.Next()
		if err == io.EOF {
			return out, nil
		}
		if err != nil {
			return out, err
		}
		out = append(out, s)
	}
}

// ReadFile reads every sentence of the named file.
func ReadFile(path string) ([]*Sentence, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("conllu: %w", err)
	}
	defer f.Close()
	return ReadAll(f, path)
}

func orUnderscore(s string) string {
	if s == "" {
		return "_"
	}
	return s
}

// Write writes one sentence in CoNLL-U, followed by a blank line.
func Write(w io.Writer, s *Sentence) error {
	bw := bufio.NewWriter(w)
	for _, c := range s.Comments {
		bw.WriteString("# ")
		bw.WriteString(c)
		bw.WriteByte('\n')
	}
	mw := 0
	for _, wd := range s.Words {
		for mw < len(s.MultiWords) && s.MultiWords[mw].Start == wd.ID {
			m := s.MultiWords[mw]
			fmt.Fprintf(bw, "%d-%d\t%s\t_\t_\t_\t_\t_\t_\t_\t%s\n", m.Start, m.End, orUnderscore(m.Form), orUnderscore(m.Misc))
			mw++
		}
		head := "_"
		if wd.Head >= 0 {
			head = strconv.Itoa(wd.Head)
		}
		fmt.Fprintf(bw, "%d\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n", wd.ID, orUnderscore(wd.Form),
			orUnderscore(wd.Lemma), orUnderscore(wd.UPOS), orUnderscore(wd.XPOS), orUnderscore(wd.Feats),
			head, orUnderscore(wd.Deprel), orUnderscore(wd.Deps), orUnderscore(wd.Misc))
	}
	bw.WriteByte('\n')
	return bw.Flush()
}
