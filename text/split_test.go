package text

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dyad-events/dyad"
	"github.com/dyad-events/dyad/internal/shared"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden")

// checkInvariants fails t when the sentences of src break the package's
// offset guarantees.
func checkInvariants(t testing.TB, src string, sents []dyad.Sentence) {
	t.Helper()
	prevEnd := 0
	for i, s := range sents {
		if s.Index != i {
			t.Fatalf("sentence %d has Index %d", i, s.Index)
		}
		if !s.Span.Valid(len(src)) || s.Span.Start < prevEnd || s.Span.Len() == 0 {
			t.Fatalf("sentence %d span %v invalid (text %d bytes, previous end %d)", i, s.Span, len(src), prevEnd)
		}
		if len(s.Tokens) == 0 || len(s.Tokens) > MaxTokens+1 {
			t.Fatalf("sentence %d has %d tokens", i, len(s.Tokens))
		}
		for j, tk := range s.Tokens {
			if !tk.Span.Valid(len(src)) || tk.Span.Start < prevEnd || tk.Span.Len() == 0 {
				t.Fatalf("sentence %d token %d span %v invalid (previous end %d)", i, j, tk.Span, prevEnd)
			}
			if tk.Span.Start < s.Span.Start || tk.Span.End > s.Span.End {
				t.Fatalf("sentence %d token %d span %v outside sentence %v", i, j, tk.Span, s.Span)
			}
			if src[tk.Span.Start:tk.Span.End] != tk.Text {
				t.Fatalf("sentence %d token %d text %q != source %q", i, j, tk.Text, src[tk.Span.Start:tk.Span.End])
			}
			if tk.Head != -1 {
				t.Fatalf("token %q has Head %d, want -1", tk.Text, tk.Head)
			}
			prevEnd = tk.Span.End
		}
	}
}

// render writes the sentences in the golden format: one line per sentence
// with its span, then the tokens separated by " | "; "⁀" marks a token not
// followed by white space.
func render(sents []dyad.Sentence) string {
	var b strings.Builder
	for _, s := range sents {
		fmt.Fprintf(&b, "S%d [%d,%d) ", s.Index, s.Span.Start, s.Span.End)
		for j, tk := range s.Tokens {
			if j > 0 {
				b.WriteString(" | ")
			}
			b.WriteString(tk.Text)
			if !tk.SpaceAfter {
				b.WriteString("⁀")
			}
		}
		b.WriteByte('\n')
	}
	return b.String()
}

func TestGolden(t *testing.T) {
	inputs, err := filepath.Glob(filepath.Join("testdata", "golden", "*.txt"))
	if err != nil {
		t.Fatal(err)
	}
	if len(inputs) < 25 {
		t.Fatalf("found %d golden inputs, want at least 25", len(inputs))
	}
	for _, in := range inputs {
		t.Run(filepath.Base(in), func(t *testing.T) {
			src, err := os.ReadFile(in)
			if err != nil {
				t.Fatal(err)
			}
			sents := Split(string(src))
			checkInvariants(t, string(src), sents)
			got := render(sents)
			golden := strings.TrimSuffix(in, ".txt") + ".golden"
			if *update {
				if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test ./text -run TestGolden -update)", err)
			}
			if got != string(want) {
				t.Errorf("%s differs from %s:\n--- got\n%s--- want\n%s", in, golden, got, want)
			}
		})
	}
}

// sentenceTexts returns the source text of each sentence.
func sentenceTexts(src string) []string {
	var out []string
	for _, s := range Split(src) {
		out = append(out, src[s.Span.Start:s.Span.End])
	}
	return out
}

func TestSplitSentences(t *testing.T) {
	tests := []struct {
		name string
		src  string
		want []string
	}{
		{"empty", "", nil},
		{"spaces", " \n\t \n ", nil},
		{"one", "China voted.", []string{"China voted."}},
		{"no final punctuation", "China voted", []string{"China voted"}},
		{"two", "China voted. Russia abstained.", []string{"China voted.", "Russia abstained."}},
		{"abbreviation before name", "Mr. Wang met Gen. Austin.", []string{"Mr. Wang met Gen. Austin."}},
		{"U.S. before noun", "U.S. President Biden spoke.", []string{"U.S. President Biden spoke."}},
		{"U.S. at end", "He flew to the U.S. The talks began.", []string{"He flew to the U.S.", "The talks began."}},
		{"U.S. before name", "He flew to the U.S. Secretary Blinken followed.", []string{"He flew to the U.S. Secretary Blinken followed."}},
		{"initials", "George W. Bush and Vassily A. Nebenzia met.", []string{"George W. Bush and Vassily A. Nebenzia met."}},
		{"closing quote", `"We refuse." The talks ended.`, []string{`"We refuse."`, "The talks ended."}},
		{"quote then lower case", `"Why?" he asked.`, []string{`"Why?" he asked.`}},
		{"closing bracket", "(It failed.) They left.", []string{"(It failed.)", "They left."}},
		{"paragraph without punctuation", "Headline here\n\nBody text.", []string{"Headline here", "Body text."}},
		{"short line heading", "Talks collapse\nThe talks in Doha collapsed.", []string{"Talks collapse", "The talks in Doha collapsed."}},
		{"wrapped line continues", "The foreign ministers of the neighbouring countries met in the capital\nand agreed to meet again.", []string{"The foreign ministers of the neighbouring countries met in the capital\nand agreed to meet again."}},
		{"bullets", "Points:\n- one\n- two", []string{"Points:", "- one", "- two"}},
		{"dateline", "KABUL, March 3 (Reuters) - The Taliban met.", []string{"KABUL, March 3 (Reuters) -", "The Taliban met."}},
		{"dateline second paragraph", "Title\n\nBEIJING (AP) — China spoke.", []string{"Title", "BEIJING (AP) —", "China spoke."}},
		{"ellipsis mid sentence", "He paused ... and went on.", []string{"He paused ... and went on."}},
		{"ellipsis end", "He paused... Then he spoke.", []string{"He paused...", "Then he spoke."}},
		{"number period", "It rose 3.5. Then it fell.", []string{"It rose 3.5.", "Then it fell."}},
		{"etc", "Oil, gas, etc. Prices rose.", []string{"Oil, gas, etc.", "Prices rose."}},
		{"No. before number", "No. 10 said no. It was final.", []string{"No. 10 said no.", "It was final."}},
		{"exclamation question", "Really?! Yes.", []string{"Really?!", "Yes."}},
		{"lower-case sentence", "it works. i think so.", []string{"it works.", "i think so."}},
		{"abbreviation in quotes at end", `He said "the U.S." The talks began.`, []string{`He said "the U.S."`, "The talks began."}},
		{"abbreviation at paragraph end", "Shares of Acme Inc.\n\nThe rest.", []string{"Shares of Acme Inc.", "The rest."}},
		{"state abbreviation", "In Sacramento, Calif. officials said so.", []string{"In Sacramento, Calif. officials said so."}},
		{"paragraph separator", "One\u2029Two", []string{"One", "Two"}},
		{"CRLF paragraphs", "One.\r\n\r\nTwo", []string{"One.", "Two"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			checkInvariants(t, tc.src, Split(tc.src))
			got := sentenceTexts(tc.src)
			if strings.Join(got, "\x00") != strings.Join(tc.want, "\x00") || len(got) != len(tc.want) {
				t.Errorf("Split(%q) sentences:\n got %q\nwant %q", tc.src, got, tc.want)
			}
		})
	}
}

func TestTokenize(t *testing.T) {
	tests := []struct {
		src  string
		want string // tokens joined by " | "
	}{
		{"don't can't won't cannot gonna I'm", "do | n't | ca | n't | wo | n't | can | not | gon | na | I | 'm"},
		{"don’t won’t China’s it’d", "do | n’t | wo | n’t | China | ’s | it | ’d"},
		{"we're you've they'll she'd Bush's parents' cars", "we | 're | you | 've | they | 'll | she | 'd | Bush | 's | parents | ' | cars"},
		{"U.S.-led Afghan-Chinese 30-31 2021-22", "U.S. | - | led | Afghan | - | Chinese | 30 | - | 31 | 2021 | - | 22"},
		{"e-mail non-violent pre-war anti-American co-founder", "e-mail | non-violent | pre-war | anti-American | co-founder"},
		{"call 713-853-3989 now", "call | 713-853-3989 | now"},
		{"$1.5bn US$20 €20 £5 20% 1,000 3.5 10:30 9/11", "$ | 1.5 | bn | US$ | 20 | € | 20 | £ | 5 | 20 | % | 1,000 | 3.5 | 10:30 | 9/11"},
		{"21st 1990s 35mm 5pm", "21st | 1990s | 35 | mm | 5 | pm"},
		{"Mr. Dr. e.g. i.e. a.m. U.N. Inc.", "Mr. | Dr. | e.g. | i.e. | a.m. | U.N. | Inc."},
		{"see https://example.com/a-b?x=1. and www.un.org, (http://x.org/a)", "see | https://example.com/a-b?x=1 | . | and | www.un.org | , | ( | http://x.org/a | )"},
		{"mail press@un.org or @UN_News #Afghanistan #3", "mail | press@un.org | or | @UN_News | #Afghanistan | # | 3"},
		{`"Never," he said—again… (twice) [sic] -- «non»`, `" | Never | , | " | he | said | — | again | … | ( | twice | ) | [ | sic | ] | -- | « | non | »`},
		{"wait... what?! no!!!", "wait | ... | what | ?! | no | !!!"},
		{"and/or AT&T the 3 km", "and | / | or | AT&T | the | 3 | km"},
		{"a\u00a0b\x00c\u200bd", "a | b | c | d"},
		{"caf\xe9 ok", "caf\xe9 | ok"},
	}
	for _, tc := range tests {
		toks := Tokenize(tc.src)
		var got []string
		prev := 0
		for _, tk := range toks {
			if tk.Span.Start < prev || tc.src[tk.Span.Start:tk.Span.End] != tk.Text {
				t.Errorf("Tokenize(%q): bad span %v for %q", tc.src, tk.Span, tk.Text)
			}
			prev = tk.Span.End
			got = append(got, tk.Text)
		}
		if g := strings.Join(got, " | "); g != tc.want {
			t.Errorf("Tokenize(%q)\n got %s\nwant %s", tc.src, g, tc.want)
		}
	}
}

func TestSpaceAfter(t *testing.T) {
	toks := Tokenize("He said: \"no\".")
	want := []bool{true, false, true, false, false, false, true}
	if len(toks) != len(want) {
		t.Fatalf("got %d tokens, want %d", len(toks), len(want))
	}
	for i, tk := range toks {
		if tk.SpaceAfter != want[i] {
			t.Errorf("token %d %q SpaceAfter = %v, want %v", i, tk.Text, tk.SpaceAfter, want[i])
		}
	}
}

func TestAbbreviationPeriodSplitAtSentenceEnd(t *testing.T) {
	src := "Talks were held in the U.S. The next round is in Doha."
	sents := Split(src)
	checkInvariants(t, src, sents)
	if len(sents) != 2 {
		t.Fatalf("got %d sentences, want 2: %s", len(sents), render(sents))
	}
	last := sents[0].Tokens[len(sents[0].Tokens)-2:]
	if last[0].Text != "U.S" || last[1].Text != "." || last[0].SpaceAfter {
		t.Errorf("sentence end tokens = %q %q, want \"U.S\" \".\"", last[0].Text, last[1].Text)
	}
}

func TestMaxTokens(t *testing.T) {
	var b strings.Builder
	for i := 0; i < 1000; i++ {
		b.WriteString("word ")
		if i%40 == 39 {
			b.WriteString(", ")
		}
	}
	src := b.String()
	sents := Split(src)
	checkInvariants(t, src, sents)
	if len(sents) < 3 {
		t.Fatalf("got %d sentences, want at least 3", len(sents))
	}
	for i, s := range sents[:len(sents)-1] {
		if n := len(s.Tokens); n > MaxTokens || n < MaxTokens/2 {
			t.Errorf("sentence %d has %d tokens, want %d..%d", i, n, MaxTokens/2, MaxTokens)
		}
		if last := s.Tokens[len(s.Tokens)-1].Text; last != "," {
			t.Errorf("sentence %d ends with %q, want the comma break", i, last)
		}
	}
}

func TestHugeSentence(t *testing.T) {
	src := strings.Repeat("abc ", 1<<18) // 1 MB, no punctuation
	sents := Split(src)
	checkInvariants(t, src, sents)
	total := 0
	for _, s := range sents {
		total += len(s.Tokens)
	}
	if total != 1<<18 {
		t.Errorf("got %d tokens, want %d", total, 1<<18)
	}
}

func TestSeedArticle(t *testing.T) {
	path := shared.Path(t, "data/seed/000_1f0d02c859d9679f.txt")
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	src := string(b)
	sents := Split(src)
	checkInvariants(t, src, sents)
	if len(sents) < 50 || len(sents) > 80 {
		t.Errorf("seed article: %d sentences, want 50..80", len(sents))
	}
	// The headline has no final punctuation and must be its own sentence.
	if first := sents[0]; first.Tokens[len(first.Tokens)-1].Text != "Beijing" {
		t.Errorf("headline sentence ends with %q, want Beijing", first.Tokens[len(first.Tokens)-1].Text)
	}
	has := func(seq ...string) bool {
		for _, s := range sents {
		next:
			for i := 0; i+len(seq) <= len(s.Tokens); i++ {
				for j, w := range seq {
					if s.Tokens[i+j].Text != w {
						continue next
					}
				}
				return true
			}
		}
		return false
	}
	for _, seq := range [][]string{
		{"March", "30", "-", "31"},
		{"Afghan", "-", "Chinese"},
		{"Vassily", "A.", "Nebenzia"},
		{"Afghanistan", "’s"},
		{"“", "the", "graveyard", "of", "empires", "”"},
		{"Photo", "by", "Li", "Ran", "/", "Xinhua"},
	} {
		if !has(seq...) {
			t.Errorf("seed article: token sequence %q not found", seq)
		}
	}
	for _, s := range sents {
		text := src[s.Span.Start:s.Span.End]
		if strings.Contains(text, "\n\n") {
			t.Errorf("sentence %d spans a paragraph break: %q", s.Index, text)
		}
	}
}

// TestPathological checks that adversarial inputs are split in linear time
// and keep the invariants; a quadratic scan would time the test out.
func TestPathological(t *testing.T) {
	const n = 1 << 20
	inputs := map[string]string{
		"hyphens then at":    strings.Repeat("a-", n/2) + ",@x.org",
		"dots":               strings.Repeat("a.", n/2),
		"brackets":           strings.Repeat("(", n),
		"url closers":        "http://x.org/" + strings.Repeat(")", n),
		"apostrophes":        strings.Repeat("'s", n/2),
		"dashes":             strings.Repeat("—", n/3),
		"newlines":           strings.Repeat("A\n", n/2),
		"invalid utf8":       strings.Repeat("\xff\xfe", n/2),
		"nul":                strings.Repeat("\x00a", n/2),
		"datelines":          strings.Repeat("KABUL (AP) - x\n\n", n/16),
		"abbreviations":      strings.Repeat("U.S. ", n/5),
		"one long word":      strings.Repeat("x", n),
		"numbers and commas": strings.Repeat("1,000,", n/6),
	}
	for name, src := range inputs {
		t.Run(name, func(t *testing.T) {
			checkInvariants(t, src, Split(src))
		})
	}
}

// TestMaxTokensClosers checks the limit on a run of closing quotes or
// brackets after final punctuation, which the splitter takes in one step
// (a fuzzing find: "a." and 1,480 ")" made one sentence).
func TestMaxTokensClosers(t *testing.T) {
	for _, src := range []string{
		"a." + strings.Repeat(")", 1500) + " b",
		"Mr." + strings.Repeat(")", 1500) + " Then b.",
		"a..." + strings.Repeat("\"", 1500) + " b",
		"a." + strings.Repeat(")", 1500),
	} {
		sents := Split(src)
		checkInvariants(t, src, sents)
		for i, s := range sents {
			if len(s.Tokens) > MaxTokens {
				t.Errorf("%.12q…: sentence %d has %d tokens, want at most %d", src, i, len(s.Tokens), MaxTokens)
			}
		}
	}
}
