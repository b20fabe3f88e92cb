package dyad

// Actor is a resolved (or unresolved) actor mention as it appears in an event.
// Code is empty for unknown actors that the coder still reports.
type Actor struct {
	Code    string `json:"code"`
	Country string `json:"country"`
	Sector  string `json:"sector"`
	Name    string `json:"name"`
	Text    string `json:"text"`
	Span    [2]int `json:"span"`
	// Kind says how the actor was found: country, adjective, people,
	// capital, govt, actor, agent (a role noun without a country),
	// composite (country + role), pronoun or unknown.
	Kind string `json:"kind,omitempty"`
}

// Verb is the predicate that triggered an event.
type Verb struct {
	Text  string `json:"text"`
	Lemma string `json:"lemma"`
	Span  [2]int `json:"span"`
}

// Plover is the PLOVER rendering of a CAMEO event.
type Plover struct {
	Event   string   `json:"event"`
	Mode    string   `json:"mode"`
	Context []string `json:"context"`
}

// Place is where an event happened, when known.
type Place struct {
	Name    string  `json:"name"`
	Country string  `json:"country"`
	Admin1  string  `json:"admin1,omitempty"`
	Lat     float64 `json:"lat"`
	Lon     float64 `json:"lon"`
}

// Modality values recorded on events.
const (
	ModalityAsserted = "asserted"
	ModalityIntended = "intended" // future or planned ("will receive", "plans to meet")
	ModalityReported = "reported" // attributed speech ("X said Y attacked Z")
	// ModalityHypothetical marks acts that are only possible or
	// conditional ("could attack", "if talks fail"); the coder drops them
	// unless asked to keep them.
	ModalityHypothetical = "hypothetical"
)

// Event is one coded "who did what to whom" record. Its JSON field names are
// fixed by the design note; fields may be added but never renamed.
type Event struct {
	ID            string  `json:"id"`
	DocID         string  `json:"doc_id"`
	Sentence      int     `json:"sentence"`
	Date          string  `json:"date"`           // ISO 8601 (YYYY-MM-DD, YYYY-MM or YYYY)
	DatePrecision string  `json:"date_precision"` // day, month or year
	Source        Actor   `json:"source"`
	Target        Actor   `json:"target"`
	CAMEO         string  `json:"cameo"`
	Root          string  `json:"root"`
	Quad          int     `json:"quad"`
	Goldstein     float64 `json:"goldstein"`
	Plover        Plover  `json:"plover"`
	Negated       bool    `json:"negated"`
	Modality      string  `json:"modality"`
	Verb          Verb    `json:"verb"`
	Place         *Place  `json:"place,omitempty"`
	Pattern       string  `json:"pattern"`
	Confidence    float64 `json:"confidence"`
	SentenceText  string  `json:"sentence_text"`
	// AttributedTo names the speaker when the event is reported speech.
	AttributedTo *Actor `json:"attributed_to,omitempty"`
	// Issues lists issue/context tags detected in the sentence.
	Issues []string `json:"issues,omitempty"`
}
