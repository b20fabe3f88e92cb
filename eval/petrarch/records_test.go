package petrarch

import (
	"strings"
	"testing"

	"github.com/dyad-events/dyad/internal/shared"
)

const sample = `<Validation>
<Environment>
    <Verbfile>V.txt</Verbfile>
    <Actorfile>A.txt</Actorfile>
    <Agentfile>G.txt</Agentfile>
    <Discardfile>D.txt</Discardfile>
    <Include>valid DEMO</Include>
</Environment>
<Sentences>
<Sentence date="19950101" id="DEMO-00" category="DEMO" sentence="true">
<!-- comment -->
<EventCoding sourcecode="ARN" targetcode="GON" eventcode="064"></EventCoding>
<Text>
Arnor is about to restore
full diplomatic ties with Gondor.
</Text>
<Parse>(ROOT (S (NP (NNP Arnor))))</Parse>
</Sentence>
<Config option="require_dyad" value="false"></Config>
<Sentence date = "20080801" id ="ERROR-02"  category="ERROR" sentence="true">
<EventCoding error="bad_input_parse"></EventCoding>
<Text>x</Text>
<Parse>(ROOT (S (NP (NNP Arnor)))</Parse>
</Sentence>
<Sentence date="19950101" id="N-1" category="DEMO" sentence="false">
<EventCoding noevents = "True"></EventCoding>
<Text>y</Text>
</Sentence>
</Sentences>
</Validation>`

func TestRead(t *testing.T) {
	f, err := Read(strings.NewReader(sample), "sample.xml")
	if err != nil {
		t.Fatal(err)
	}
	if f.Env.Verbs != "V.txt" || f.Env.Discards != "D.txt" || len(f.Env.Include) != 2 {
		t.Errorf("env = %+v", f.Env)
	}
	if len(f.Records) != 3 {
		t.Fatalf("got %d records", len(f.Records))
	}
	r0 := f.Records[0]
	if r0.Text != "Arnor is about to restore full diplomatic ties with Gondor." {
		t.Errorf("text = %q", r0.Text)
	}
	if got := r0.Triples(); len(got) != 1 || got[0] != "ARN GON 064" {
		t.Errorf("triples = %v", got)
	}
	if !r0.Options.RequireDyad || f.Records[1].Options.RequireDyad {
		t.Errorf("Config not applied in order: %+v %+v", r0.Options, f.Records[1].Options)
	}
	if r0.Line != 10 {
		t.Errorf("line = %d, want 10", r0.Line)
	}
	if !r0.ParseBalanced() || f.Records[1].ParseBalanced() {
		t.Error("ParseBalanced wrong")
	}
	if f.Records[1].Error != "bad_input_parse" || !f.Records[2].NoEvents || f.Records[2].Sentence {
		t.Errorf("expectations wrong: %+v %+v", f.Records[1], f.Records[2])
	}
}

func TestReadErrors(t *testing.T) {
	bad := []string{
		`<Sentences><Sentence date="1995" id="X"><Text>a</Text></Sentence></Sentences>`,
		`<Sentences><Config option="bogus" value="1"></Config></Sentences>`,
		`<Sentences><Sentence date="19950101" id="X"><Text>a</Sentence>`,
	}
	for _, b := range bad {
		if _, err := Read(strings.NewReader(b), "bad.xml"); err == nil || !strings.Contains(err.Error(), "bad.xml:1") {
			t.Errorf("Read(%q) err = %v, want bad.xml:1 error", b, err)
		}
	}
}

func TestRealRecords(t *testing.T) {
	p := shared.Path(t, "data/petrarch/PETR.UnitTest.records.xml")
	f, err := ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	if len(f.Records) != 284 {
		t.Errorf("records = %d, want 284 (data/README.md)", len(f.Records))
	}
	cats := map[string]int{}
	for _, r := range f.Records {
		cats[r.Category]++
		if r.Text == "" {
			t.Errorf("%s: empty text", r.ID)
		}
		if len(r.Events) == 0 && !r.NoEvents && r.Error == "" {
			t.Errorf("%s: no expectation", r.ID)
		}
	}
	t.Logf("categories: %v", cats)
}

func FuzzRead(f *testing.F) {
	f.Add(sample)
	f.Add("<Sentences><Sentence")
	f.Fuzz(func(t *testing.T, s string) {
		_, _ = Read(strings.NewReader(s), "fuzz.xml")
	})
}

func TestCommaOptions(t *testing.T) {
	const src = `<Sentences>
<Sentence date="19950101" id="A" category="X"><EventCoding noevents="True"></EventCoding><Text>a</Text></Sentence>
<Config option="comma_emax" value="0"></Config>
<Config option="comma_bmin" value="3"></Config>
<Config option="comma_bmax" value="6"></Config>
<Sentence date="19950101" id="B" category="X"><EventCoding noevents="True"></EventCoding><Text>b</Text></Sentence>
</Sentences>`
	f, err := Read(strings.NewReader(src), "c.xml")
	if err != nil {
		t.Fatal(err)
	}
	a, b := CoderOptions(f.Records[0].Options).Comma, CoderOptions(f.Records[1].Options).Comma
	// PETRARCH's defaults: internal and terminal clauses of 2 to 8 words, no initial ones.
	if a.Min != 2 || a.Max != 8 || a.EMin != 2 || a.EMax != 8 || a.BMax != 0 {
		t.Errorf("default comma options = %+v", a)
	}
	if b.EMax != 0 || b.BMin != 3 || b.BMax != 6 || b.Max != 8 {
		t.Errorf("comma options after Config = %+v", b)
	}
	if o := CoderOptions(f.Records[0].Options); !o.PassiveByOnly || !o.VerbPhraseOnce || o.AgentContext || o.IntentCodes {
		t.Errorf("coder options = %+v", o)
	}
}
