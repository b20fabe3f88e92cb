package conllu

import (
	"bytes"
	"errors"
	"io"
	"strings"
	"testing"

	"github.com/dyad-events/dyad/internal/shared"
)

const sample = `# sent_id = 1
# text = I don't know.
1-2	don't	_	_	_	_	_	_	_	_
1	I	I	PRON	PRP	_	3	nsubj	_	_
2	do	do	AUX	VBP	_	3	aux	_	_
3	n't	not	PART	RB	_	4	advmod	_	_
4	know	know	VERB	VB	_	0	root	_	SpaceAfter=No
4.1	x	x	X	X	_	_	_	_	_
5	.	.	PUNCT	.	_	4	punct	_	_

# sent_id = 2
1	Hi	hi	INTJ	UH	_	0	root	_	_

`

func TestReadWrite(t *testing.T) {
	ss, err := ReadAll(strings.NewReader(sample), "s.conllu")
	if err != nil {
		t.Fatal(err)
	}
	if len(ss) != 2 || len(ss[0].Words) != 5 || len(ss[0].MultiWords) != 1 || ss[1].Line != 11 {
		t.Fatalf("read %d sentences: %+v", len(ss), ss)
	}
	if got := ss[0].Text(); got != "I don't know." {
		t.Errorf("Text = %q", got)
	}
	if id, _ := ss[0].Comment("sent_id"); id != "1" {
		t.Errorf("sent_id = %q", id)
	}
	var buf bytes.Buffer
	for _, s := range ss {
		if err := Write(&buf, s); err != nil {
			t.Fatal(err)
		}
	}
	again, err := ReadAll(&buf, "round")
	if err != nil {
		t.Fatal(err)
	}
	if len(again) != 2 || again[0].Words[3].Head != 0 || again[0].Words[2].Lemma != "not" || again[0].MultiWords[0].Form != "don't" {
		t.Errorf("round trip lost data: %+v", again[0])
	}
}

func TestErrors(t *testing.T) {
	tests := []struct{ in, want string }{
		{"1\tA\ta\n", "f.conllu:1: expected 10 tab-separated fields, found 3"},
		{"# c\n2\tA\ta\tX\tX\t_\t0\troot\t_\t_\n", "f.conllu:2: word ID 2 out of sequence (expected 1)"},
		{"1\tA\ta\tX\tX\t_\tz\troot\t_\t_\n", `f.conllu:1: bad HEAD "z"`},
		{"1\tA\ta\tX\tX\t_\t5\troot\t_\t_\n", "f.conllu:1: word 1 has HEAD 5 beyond sentence length 1"},
		{"3-1\tA\t_\t_\t_\t_\t_\t_\t_\t_\n", `f.conllu:1: bad multiword token range "3-1"`},
	}
	for _, tc := range tests {
		_, err := ReadAll(strings.NewReader(tc.in), "f.conllu")
		if err == nil || err.Error() != tc.want || !errors.Is(err, ErrSyntax) {
			t.Errorf("ReadAll(%q) err = %v, want %s", tc.in, err, tc.want)
		}
	}
}

func TestEWT(t *testing.T) {
	p := shared.Path(t, "data/ud-ewt/test.conllu")
	ss, err := ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	if len(ss) != 2077 {
		t.Errorf("EWT test has %d sentences, want 2077", len(ss))
	}
}

func FuzzRead(f *testing.F) {
	f.Add(sample)
	f.Add("1\tA\ta\tX\tX\t_\t0\troot\t_\t_\n\n")
	f.Fuzz(func(t *testing.T, s string) {
		r := NewReader(strings.NewReader(s), "fuzz")
		for {
			sent, err := r.Next()
			if err != nil {
				if err != io.EOF && !errors.Is(err, ErrSyntax) && !strings.Contains(err.Error(), "token too long") {
					t.Fatalf("unexpected error type: %v", err)
				}
				return
			}
			for _, w := range sent.Words {
				if w.Head > len(sent.Words) {
					t.Fatalf("head out of range accepted")
				}
			}
		}
	})
}
