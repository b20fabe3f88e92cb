package main

import (
	"bufio"
	"bytes"
	"context"
	"flag"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/dyad-events/dyad/nlp/conllu"
)

// -update-parse rewrites the golden files of the parse command tests.
var updateParseGolden = flag.Bool("update-parse", false, "rewrite testdata/parse_*.golden")

// runParseCLI runs dyad with args and stdin, returning exit code and output.
func runParseCLI(t *testing.T, stdin string, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	e := &env{stdin: strings.NewReader(stdin), stdout: &out, stderr: &errb, getenv: func(string) string { return "" }}
	code := run(context.Background(), e, args)
	return code, out.String(), errb.String()
}

const parseSample = "Ukraine was attacked by Russia on Monday, officials said.\n\n" +
	"China and the US met in Beijing. The talks ended without a deal.\n"

func TestParseCommandOutput(t *testing.T) {
	code, out, errs := runParseCLI(t, parseSample, "parse", "-")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, errs)
	}
	sents, err := conllu.ReadAll(strings.NewReader(out), "stdout")
	if err != nil {
		t.Fatalf("output is not CoNLL-U: %v\n%s", err, out)
	}
	if len(sents) != 3 {
		t.Fatalf("got %d sentences, want 3", len(sents))
	}
	for i, s := range sents {
		if id, _ := s.Comment("sent_id"); id != strconv.Itoa(i+1) {
			t.Errorf("sentence %d has sent_id %q", i+1, id)
		}
		txt, ok := s.Comment("text")
		if !ok || txt == "" {
			t.Errorf("sentence %d lacks # text", i+1)
		}
		roots := 0
		for _, w := range s.Words {
			if w.Head == 0 {
				roots++
			}
			var start, end int = -1, -1
			for _, kv := range strings.Split(w.Misc, "|") {
				if v, ok := strings.CutPrefix(kv, "TokenRange="); ok {
					a, b, _ := strings.Cut(v, ":")
					start, _ = strconv.Atoi(a)
					end, _ = strconv.Atoi(b)
				}
			}
			if start < 0 || end > len(parseSample) || start >= end {
				t.Fatalf("word %q has bad TokenRange in %q", w.Form, w.Misc)
			}
			if got := parseSample[start:end]; got != w.Form {
				t.Errorf("TokenRange %d:%d of %q covers %q", start, end, w.Form, got)
			}
			spaceNo := strings.Contains(w.Misc, "SpaceAfter=No")
			nextIsSpace := end == len(parseSample) || strings.ContainsRune(" \n\t", rune(parseSample[end]))
			if spaceNo == nextIsSpace {
				t.Errorf("word %q at %d:%d: SpaceAfter=No is %v but next byte space is %v", w.Form, start, end, spaceNo, nextIsSpace)
			}
		}
		if roots != 1 {
			t.Errorf("sentence %d has %d roots", i+1, roots)
		}
	}
	golden := filepath.Join("testdata", "parse_sample.golden")
	if *updateParseGolden {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(golden, []byte(out), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run go test ./cmd/dyad -run TestParseCommandOutput -update-parse)", err)
	}
	if string(want) != out {
		t.Errorf("output differs from %s (after retraining, inspect and rerun with -update-parse):\n%s", golden, out)
	}
}

func TestParseCommandUsage(t *testing.T) {
	for _, args := range [][]string{{"parse", "a", "b"}, {"parse", "--jobs", "0"}, {"parse", "--nope"}} {
		if code, _, _ := runParseCLI(t, "", args...); code != exitUsage {
			t.Errorf("%v: exit %d, want %d", args, code, exitUsage)
		}
	}
	code, _, errs := runParseCLI(t, "", "parse", "-h")
	if code != exitOK || !strings.Contains(errs, "TokenRange") || !strings.Contains(errs, "Example") {
		t.Errorf("parse -h: exit %d, help %q", code, errs)
	}
	if code, _, _ := runParseCLI(t, "", "parse", filepath.Join(t.TempDir(), "missing.txt")); code != exitError {
		t.Errorf("missing file: exit %d, want %d", code, exitError)
	}
}

func TestParseCommandEmptyInput(t *testing.T) {
	code, out, errs := runParseCLI(t, "  \n\n", "parse")
	if code != exitOK || out != "" {
		t.Errorf("exit %d, output %q, stderr %q", code, out, errs)
	}
}

// chunksOf runs the chunker over in and checks its invariants.
func chunksOf(t *testing.T, in []byte) [][]byte {
	t.Helper()
	c := &chunker{r: bufio.NewReaderSize(bytes.NewReader(in), 4096)}
	var out [][]byte
	off := 0
	for {
		b, base, err := c.next()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		if base != off {
			t.Fatalf("chunk base %d, want %d", base, off)
		}
		if len(b) == 0 || len(b) > chunkMax {
			t.Fatalf("chunk of %d bytes", len(b))
		}
		off += len(b)
		out = append(out, b)
	}
	if got := bytes.Join(out, nil); !bytes.Equal(got, in) {
		t.Fatalf("chunks do not reassemble the input (%d vs %d bytes)", len(got), len(in))
	}
	return out
}

func TestChunker(t *testing.T) {
	para := strings.Repeat("Russia attacked Ukraine on Monday. ", 40) + "\n\n"
	tests := []struct {
		name      string
		in        string
		minChunks int
	}{
		{"empty", "", 0},
		{"one line", "hello world", 1},
		{"paragraphs", strings.Repeat(para, 200), 2},
		{"one huge line", strings.Repeat("word ", 3*chunkMax/5), 3},
		{"huge line without spaces", strings.Repeat("é", chunkMax), 2},
	}
	for _, tc := range tests {
		chunks := chunksOf(t, []byte(tc.in))
		if len(chunks) < tc.minChunks {
			t.Errorf("%s: %d chunks, want at least %d", tc.name, len(chunks), tc.minChunks)
		}
		if tc.name == "paragraphs" {
			for _, c := range chunks[:len(chunks)-1] {
				if !bytes.HasSuffix(c, []byte("\n\n")) {
					t.Errorf("paragraph chunk does not end at a blank line")
				}
			}
		}
	}
}

func FuzzChunker(f *testing.F) {
	f.Add([]byte("a\n\nb\n"))
	f.Add([]byte("\xff\xfe\n\n\n"))
	f.Fuzz(func(t *testing.T, in []byte) {
		chunksOf(t, in)
	})
}
