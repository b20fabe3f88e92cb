package lemma

import "strings"

// irregularVerbs lists English irregular verbs as "base past participle"
// (alternatives separated by "/"). Written for dyad; the forms are facts of
// English grammar.
const irregularVerbs = `
abide abode/abided abode/abided
arise arose arisen
awake awoke awoken
be was/were been
bear bore born/borne
beat beat beaten
become became become
befall befell befallen
begin began begun
behold beheld beheld
bend bent bent
beset beset beset
bet bet bet
bid bid/bade bid/bidden
bind bound bound
bite bit bitten
bleed bled bled
blow blew blown
break broke broken
breed bred bred
bring brought brought
broadcast broadcast broadcast
build built built
burn burnt/burned burnt/burned
burst burst burst
buy bought bought
cast cast cast
catch caught caught
choose chose chosen
cling clung clung
come came come
cost cost cost
creep crept crept
cut cut cut
deal dealt dealt
dig dug dug
dive dove/dived dived
do did done
draw drew drawn
dream dreamt/dreamed dreamt/dreamed
drink drank drunk
drive drove driven
dwell dwelt dwelt
eat ate eaten
fall fell fallen
feed fed fed
feel felt felt
fight fought fought
find found found
flee fled fled
fling flung flung
fly flew flown
forbid forbade/forbad forbidden
forecast forecast forecast
foresee foresaw foreseen
foretell foretold foretold
forget forgot forgotten/forgot
forgive forgave forgiven
forsake forsook forsaken
freeze froze frozen
unfreeze unfroze unfrozen
get got gotten/got
give gave given
go went gone
grind ground ground
grow grew grown
hang hung hung
have had had
hear heard heard
hide hid hidden
hit hit hit
hold held held
hurt hurt hurt
keep kept kept
kneel knelt knelt
know knew known
lay laid laid
lead led led
lean leant/leaned leant/leaned
leap leapt/leaped leapt/leaped
learn learnt/learned learnt/learned
leave left left
lend lent lent
let let let
lie lay lain
light lit lit
lose lost lost
make made made
mean meant meant
meet met met
mislead misled misled
mistake mistook mistaken
misunderstand misunderstood misunderstood
overcome overcame overcome
overdo overdid overdone
overhear overheard overheard
override overrode overridden
overrun overran overrun
oversee oversaw overseen
overtake overtook overtaken
overthrow overthrew overthrown
pay paid paid
prove proved proven/proved
put put put
quit quit quit
read read read
rebuild rebuilt rebuilt
redo redid redone
repay repaid repaid
reset reset reset
retell retold retold
rethink rethought rethought
rewrite rewrote rewritten
rid rid rid
ride rode ridden
ring rang rung
rise rose risen
run ran run
say said said
see saw seen
seek sought sought
sell sold sold
send sent sent
set set set
sew sewed sewn
shake shook shaken
shed shed shed
shine shone shone
shoot shot shot
show showed shown
shrink shrank/shrunk shrunk
shut shut shut
sing sang sung
sink sank sunk
sit sat sat
slay slew slain
sleep slept slept
slide slid slid
sling slung slung
slit slit slit
smell smelt/smelled smelt/smelled
speak spoke spoken
speed sped sped
spell spelt/spelled spelt/spelled
spend spent spent
spill spilt/spilled spilt/spilled
spin spun spun
spit spat spat
split split split
spoil spoilt/spoiled spoilt/spoiled
spread spread spread
spring sprang sprung
stand stood stood
steal stole stolen
stick stuck stuck
sting stung stung
stink stank stunk
stride strode stridden
strike struck struck/stricken
string strung strung
strive strove striven
swear swore sworn
sweep swept swept
swell swelled swollen
swim swam swum
swing swung swung
take took taken
teach taught taught
tear tore torn
tell told told
think thought thought
throw threw thrown
thrust thrust thrust
tread trod trodden
undergo underwent undergone
understand understood understood
undertake undertook undertaken
undo undid undone
wed wed wed
uphold upheld upheld
upset upset upset
wake woke woken
wear wore worn
weave wove woven
weep wept wept
wet wet wet
win won won
wind wound wound
withdraw withdrew withdrawn
withhold withheld withheld
withstand withstood withstood
wring wrung wrung
write wrote written
`

// Word-level tables: form → lemma, by part of speech.
var (
	pastToBase = map[string]string{} // VBD and VBN forms of irregular verbs
	// sForms and ingForms hold irregular -s and -ing forms.
	sForms   = map[string]string{"is": "be", "'s": "be", "s": "be", "has": "have", "does": "do", "goes": "go", "undergoes": "undergo"}
	ingForms = map[string]string{"being": "be", "dying": "die", "lying": "lie", "tying": "tie", "vying": "vie", "gon": "go", "having": "have"}
	// presentForms are non-3rd-person present or base forms whose lemma differs.
	presentForms = map[string]string{"am": "be", "are": "be", "'m": "be", "m": "be", "'re": "be", "re": "be",
		"'ve": "have", "ve": "have", "wan": "want", "ai": "be", "art": "be"}
	modals = map[string]string{"ca": "can", "wo": "will", "'ll": "will", "ll": "will", "'d": "would", "d": "would",
		"sha": "shall", "must": "must", "might": "might", "could": "could", "would": "would", "should": "should",
		"can": "can", "will": "will", "may": "may", "shall": "shall", "ought": "ought", "need": "need", "dare": "dare"}
	// pronouns maps pronoun forms to EWT's lemmas.
	pronouns = map[string]string{"i": "I", "me": "I", "my": "my", "mine": "my", "myself": "myself",
		"you": "you", "u": "you", "ya": "you", "ye": "you", "your": "your", "yours": "your", "yourself": "yourself", "yourselves": "yourself",
		"he": "he", "him": "he", "his": "his", "himself": "himself",
		"she": "she", "her": "she", "hers": "her", "herself": "herself",
		"it": "it", "its": "its", "itself": "itself",
		"we": "we", "us": "we", "'s": "we", "our": "our", "ours": "our", "ourselves": "ourselves",
		"they": "they", "them": "they", "'em": "they", "em": "they", "their": "their", "theirs": "their", "themselves": "themselves",
		"one": "one", "oneself": "oneself", "who": "who", "whom": "whom", "whose": "whose"}
	// determiners maps plural demonstratives and articles to their lemmas.
	determiners = map[string]string{"an": "a", "these": "this", "those": "that", "th": "the", "da": "the"}
	// comparatives maps irregular comparative and superlative forms.
	comparatives = map[string]string{"better/ADJ": "good", "best/ADJ": "good", "better/ADV": "well", "best/ADV": "well",
		"worse/ADJ": "bad", "worst/ADJ": "bad", "worse/ADV": "badly", "worst/ADV": "bad",
		"further/ADV": "far", "farther/ADV": "far", "furthest/ADV": "far", "farthest/ADV": "far",
		"farther/ADJ": "far", "furthest/ADJ": "far", "farthest/ADJ": "far",
		"elder/ADJ": "old", "eldest/ADJ": "old", "lesser/ADJ": "less"}
	// nounPlurals maps irregular plural nouns to their singular.
	nounPlurals = map[string]string{"men": "man", "women": "woman", "children": "child", "feet": "foot", "teeth": "tooth",
		"mice": "mouse", "geese": "goose", "oxen": "ox", "dice": "die", "lice": "louse", "people": "people",
		"criteria": "criterion", "phenomena": "phenomenon", "analyses": "analysis", "crises": "crisis", "theses": "thesis",
		"hypotheses": "hypothesis", "diagnoses": "diagnosis", "syntheses": "synthesis", "parentheses": "parenthesis",
		"indices": "index", "appendices": "appendix", "matrices": "matrix", "vertices": "vertex",
		"alumni": "alumnus", "stimuli": "stimulus", "fungi": "fungus", "cacti": "cactus", "nuclei": "nucleus", "radii": "radius",
		"curricula": "curriculum", "memoranda": "memorandum", "wives": "wife", "knives": "knife", "lives": "life",
		"leaves": "leaf", "halves": "half", "wolves": "wolf", "shelves": "shelf", "thieves": "thief", "selves": "self",
		"calves": "calf", "loaves": "loaf", "elves": "elf", "scarves": "scarf", "hooves": "hoof", "dwarves": "dwarf",
		"heroes": "hero", "potatoes": "potato", "tomatoes": "tomato", "echoes": "echo", "vetoes": "veto", "torpedoes": "torpedo",
		"buses": "bus", "gases": "gas", "biases": "bias", "viruses": "virus", "bonuses": "bonus", "campuses": "campus",
		"statuses": "status", "censuses": "census", "circuses": "circus", "geniuses": "genius", "focuses": "focus",
		"aliases": "alias", "atlases": "atlas", "lenses": "lens", "quizzes": "quiz", "series": "series", "species": "species",
		"movies": "movie", "cookies": "cookie", "rookies": "rookie", "calories": "calorie", "zombies": "zombie",
		"brownies": "brownie", "selfies": "selfie", "hippies": "hippie", "goalies": "goalie", "sorties": "sortie",
		"ties": "tie", "pies": "pie", "lies": "lie", "dies": "die"}
)

func init() {
	for _, line := range strings.Split(irregularVerbs, "\n") {
		f := strings.Fields(line)
		if len(f) != 3 {
			continue
		}
		for _, col := range f[1:] {
			for _, form := range strings.Split(col, "/") {
				if _, dup := pastToBase[form]; !dup {
					pastToBase[form] = f[0]
				}
			}
		}
	}
	// "lay" is both the base of lay and the past of lie; as a past form
	// EWT lemmatizes it to lie.
	pastToBase["lay"] = "lie"
}
