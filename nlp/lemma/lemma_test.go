package lemma

import (
	"testing"

	"github.com/dyad-events/dyad/internal/shared"
	"github.com/dyad-events/dyad/nlp/conllu"
)

func TestLemmaTable(t *testing.T) {
	for _, c := range []struct{ form, upos, xpos, want string }{
		{"attacked", "VERB", "VBD", "attack"},
		{"attacking", "VERB", "VBG", "attack"},
		{"attacks", "VERB", "VBZ", "attack"},
		{"attacks", "NOUN", "NNS", "attack"},
		{"met", "VERB", "VBD", "meet"},
		{"held", "VERB", "VBN", "hold"},
		{"sought", "VERB", "VBD", "seek"},
		{"fled", "VERB", "VBD", "flee"},
		{"fleeing", "VERB", "VBG", "flee"},
		{"struck", "VERB", "VBD", "strike"},
		{"led", "VERB", "VBD", "lead"},
		{"underwent", "VERB", "VBD", "undergo"},
		{"withdrew", "VERB", "VBD", "withdraw"},
		{"withdrawn", "VERB", "VBN", "withdraw"},
		{"froze", "VERB", "VBD", "freeze"},
		{"frozen", "VERB", "VBN", "freeze"},
		{"bled", "VERB", "VBD", "bleed"},
		{"lay", "VERB", "VBD", "lie"},
		{"lay", "VERB", "VB", "lay"},
		{"laid", "VERB", "VBD", "lay"},
		{"lain", "VERB", "VBN", "lie"},
		{"was", "AUX", "VBD", "be"},
		{"were", "AUX", "VBD", "be"},
		{"is", "AUX", "VBZ", "be"},
		{"'s", "AUX", "VBZ", "be"},
		{"'s", "PART", "POS", "'s"},
		{"'re", "AUX", "VBP", "be"},
		{"'ve", "AUX", "VBP", "have"},
		{"has", "AUX", "VBZ", "have"},
		{"n't", "PART", "RB", "not"},
		{"ca", "AUX", "MD", "can"},
		{"wo", "AUX", "MD", "will"},
		{"'ll", "AUX", "MD", "will"},
		{"better", "ADJ", "JJR", "good"},
		{"best", "ADJ", "JJS", "good"},
		{"worse", "ADJ", "JJR", "bad"},
		{"bigger", "ADJ", "JJR", "big"},
		{"larger", "ADJ", "JJR", "large"},
		{"happiest", "ADJ", "JJS", "happy"},
		{"children", "NOUN", "NNS", "child"},
		{"women", "NOUN", "NNS", "woman"},
		{"policemen", "NOUN", "NNS", "policeman"},
		{"countries", "NOUN", "NNS", "country"},
		{"churches", "NOUN", "NNS", "church"},
		{"wives", "NOUN", "NNS", "wife"},
		{"talks", "NOUN", "NNS", "talk"},
		{"voted", "VERB", "VBD", "vote"},
		{"voting", "VERB", "VBG", "vote"},
		{"used", "VERB", "VBN", "use"},
		{"stopped", "VERB", "VBD", "stop"},
		{"visited", "VERB", "VBD", "visit"},
		{"opened", "VERB", "VBD", "open"},
		{"tried", "VERB", "VBD", "try"},
		{"died", "VERB", "VBD", "die"},
		{"agreed", "VERB", "VBD", "agree"},
		{"condemned", "VERB", "VBD", "condemn"},
		{"criticized", "VERB", "VBD", "criticize"},
		{"accused", "VERB", "VBD", "accuse"},
		{"imposed", "VERB", "VBN", "impose"},
		{"threatened", "VERB", "VBD", "threaten"},
		{"killed", "VERB", "VBN", "kill"},
		{"occurred", "VERB", "VBD", "occur"},
		{"controlled", "VERB", "VBN", "control"},
		{"said", "VERB", "VBD", "say"},
		{"me", "PRON", "PRP", "I"},
		{"us", "PRON", "PRP", "we"},
		{"them", "PRON", "PRP", "they"},
		{"those", "DET", "DT", "that"},
		{"an", "DET", "DT", "a"},
		{"The", "DET", "DT", "the"},
		{"China", "PROPN", "NNP", "China"},
		{"States", "PROPN", "NNPS", "State"},
		{"Americans", "PROPN", "NNPS", "American"},
		{"American", "ADJ", "JJ", "American"},
		{"Good", "ADJ", "JJ", "good"},
		{"", "NOUN", "NN", ""},
		{"10,274,494", "NUM", "CD", "10274494"},
		{"n’t", "PART", "RB", "not"},
		{"attacked", "VERB", "", "attack"},
		{"held", "VERB", "_", "hold"},
		{"is", "AUX", "", "be"},
		{"children", "NOUN", "", "child"},
		{"China", "PROPN", "", "China"},
		{"them", "PRON", "", "they"},
		{"’re", "AUX", "VBP", "be"},
		{"1,250.50", "NUM", "CD", "1250.50"},
		{"1,2345", "NUM", "CD", "1,2345"},
		{"Three", "NUM", "CD", "three"},
		{"CD's", "NOUN", "NNS", "CD"},
		{"1980's", "NOUN", "NNS", "1980"},
		{"Mathematical", "ADJ", "JJ", "mathematical"},
		{"s", "VERB", "VBZ", "be"},
		// news-lemmas.txt
		{"boycotted", "VERB", "VBD", "boycott"},
		{"besieged", "VERB", "VBN", "besiege"},
		{"mediating", "VERB", "VBG", "mediate"},
		{"waged", "VERB", "VBD", "wage"},
		{"repatriated", "VERB", "VBN", "repatriate"},
		{"unfroze", "VERB", "VBD", "unfreeze"},
		{"troops", "NOUN", "NNS", "troop"},
		{"supplies", "NOUN", "NNS", "supply"},
		{"bases", "NOUN", "NNS", "base"},
		{"tranches", "NOUN", "NNS", "tranche"},
	} {
		if got := Lemma(c.form, c.upos, c.xpos); got != c.want {
			t.Errorf("Lemma(%q, %s, %s) = %q, want %q", c.form, c.upos, c.xpos, got, c.want)
		}
	}
}

func TestParseTablesErrors(t *testing.T) {
	if _, err := parseTables("V\tgo\nbogus line\n"); err == nil {
		t.Error("parseTables accepted a malformed line")
	}
	if tb, err := parseTables(ewtLemmas); err != nil || len(tb.verbs) == 0 {
		t.Errorf("embedded tables: %v (%d verbs)", err, len(tb.verbs))
	}
}

// accuracy returns lemma accuracy on a treebank with gold tags.
func accuracy(tb testing.TB, rel string) float64 {
	sents, err := conllu.ReadFile(shared.Path(tb, rel))
	if err != nil {
		tb.Fatal(err)
	}
	var ok, n int
	for _, s := range sents {
		for _, w := range s.Words {
			n++
			if Lemma(w.Form, w.UPOS, w.XPOS) == w.Lemma {
				ok++
			}
		}
	}
	return float64(ok) / float64(n)
}

func TestAccuracyGoldTags(t *testing.T) {
	for _, rel := range []string{"data/ud-ewt/dev.conllu", "data/ud-ewt/test.conllu"} {
		acc := accuracy(t, rel)
		t.Logf("%s: lemma accuracy with gold tags %.2f%%", rel, 100*acc)
		if acc < 0.97 {
			t.Errorf("%s: lemma accuracy %.4f with gold tags, want >= 0.97", rel, acc)
		}
	}
}

func FuzzLemma(f *testing.F) {
	for _, s := range []string{"attacked", "n't", "'s", "children", "É", "ies", "ses", "\xff", "ed", "ing", "es"} {
		f.Add(s, "VERB", "VBD")
		f.Add(s, "NOUN", "NNS")
		f.Add(s, "PROPN", "NNPS")
		f.Add(s, "ADJ", "JJR")
	}
	f.Fuzz(func(t *testing.T, form, upos, xpos string) {
		l := Lemma(form, upos, xpos)
		if form != "" && l == "" {
			t.Errorf("Lemma(%q, %q, %q) is empty", form, upos, xpos)
		}
	})
}
