package text

// abbrevKind classifies a word that may be followed by an abbreviation
// period.
type abbrevKind uint8

const (
	notAbbrev abbrevKind = iota
	// abbrevTitle precedes a name or number ("Mr.", "Gen.", "Jan.", "No.",
	// initials): it does not end a sentence before a capitalised word.
	abbrevTitle
	// abbrevPlain may end a sentence ("U.S.", "Inc.", "etc.", "a.m.").
	abbrevPlain
)

// titleAbbrevs are abbreviations that are normally followed by a name, a
// date or a number. Keys are the word without its period.
var titleAbbrevs = map[string]bool{
	"Mr": true, "Mrs": true, "Ms": true, "Messrs": true, "Dr": true, "Prof": true,
	"Gen": true, "Lt": true, "Col": true, "Maj": true, "Capt": true, "Cmdr": true,
	"Adm": true, "Sgt": true, "Cpl": true, "Pvt": true, "Brig": true, "Cdr": true,
	"Sen": true, "Sens": true, "Rep": true, "Reps": true, "Gov": true, "Pres": true,
	"Rev": true, "Hon": true, "Amb": true, "Sec": true, "Atty": true, "Supt": true,
	"Insp": true, "Det": true, "Fr": true, "St": true, "Mt": true, "Ft": true,
	"Jan": true, "Feb": true, "Mar": true, "Apr": true, "Jun": true, "Jul": true,
	"Aug": true, "Sep": true, "Sept": true, "Oct": true, "Nov": true, "Dec": true,
	"No": true, "Nos": true, "Nr": true, "Art": true, "Fig": true, "Vol": true,
	"vs": true, "v": true, "approx": true, "ca": true, "cf": true, "Ref": true,
	"Ph": true, "Pp": true, "pp": true, "p": true, "Ch": true, "Sect": true, "para": true, "Para": true,
	"Mssrs": true, "Mme": true, "Mlle": true, "Hr": true, "Pfc": true, "Spc": true,
	"Gens": true, "Rt": true,
}

// plainAbbrevs are abbreviations that may end a sentence.
var plainAbbrevs = map[string]bool{
	"Inc": true, "Corp": true, "Ltd": true, "Co": true, "Bros": true, "Jr": true,
	"Sr": true, "Plc": true, "plc": true, "Cos": true,
	"etc": true, "al": true, "esp": true, "approx": true, "est": true, "Dept": true,
	"dept": true, "Univ": true, "Assn": true, "Ave": true, "Blvd": true, "Rd": true,
	"Ste": true, "Mon": true, "Tue": true, "Tues": true, "Wed": true, "Thu": true,
	"Thur": true, "Thurs": true, "Fri": true, "Sat": true, "yrs": true, "mins": true,
	"hrs": true, "min": true, "max": true, "ext": true, "tel": true, "Tel": true,
	"Attn": true, "Govt": true, "govt": true, "Intl": true, "Natl": true,
	// US state abbreviations used in datelines and bylines.
	"Ala": true, "Ariz": true, "Ark": true, "Calif": true, "Colo": true, "Conn": true,
	"Del": true, "Fla": true, "Ga": true, "Ill": true, "Ind": true, "Kan": true,
	"Kans": true, "Ky": true, "La": true, "Md": true, "Mass": true, "Mich": true,
	"Minn": true, "Miss": true, "Mo": true, "Mont": true, "Neb": true, "Nev": true,
	"Okla": true, "Ore": true, "Pa": true, "Tenn": true, "Tex": true, "Va": true,
	"Vt": true, "Wash": true, "Wis": true, "Wyo": true,
	"Ret": true, "ret": true,
}

// abbrevKindOf classifies w, a word that is followed by a period in the
// source.
func abbrevKindOf(w string) abbrevKind {
	n := len(w)
	if n == 0 {
		return notAbbrev
	}
	if n == 1 {
		c := w[0]
		if c >= 'A' && c <= 'Z' {
			return abbrevTitle // an initial: "George W. Bush"
		}
		if c >= 'a' && c <= 'z' {
			return abbrevPlain
		}
		return notAbbrev
	}
	if dotted(w) {
		return abbrevPlain
	}
	if n <= 7 {
		if titleAbbrevs[w] {
			return abbrevTitle
		}
		if plainAbbrevs[w] {
			return abbrevPlain
		}
	}
	return notAbbrev
}

// dotted reports whether w looks like "U.S", "e.g", "a.m", "Ph.D" or
// "U.S.A": short letter groups joined by periods.
func dotted(w string) bool {
	seg, dots := 0, 0
	for i := 0; i < len(w); i++ {
		c := w[i]
		switch {
		case c == '.':
			if seg == 0 {
				return false
			}
			seg = 0
			dots++
		case (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'):
			seg++
			if seg > 3 {
				return false
			}
		default:
			return false
		}
	}
	return dots > 0 && seg > 0
}

// sentenceStarters are capitalised words that, after an abbreviation such as
// "U.S." or "Inc.", signal a new sentence. They are function words and
// frequent sentence openers that are rarely part of a name.
var sentenceStarters = map[string]bool{
	"The": true, "A": true, "An": true, "This": true, "That": true, "These": true,
	"Those": true, "There": true, "Here": true, "It": true, "Its": true, "He": true,
	"She": true, "We": true, "They": true, "I": true, "You": true, "His": true,
	"Her": true, "Their": true, "Our": true, "My": true, "Your": true, "But": true,
	"And": true, "Or": true, "So": true, "Yet": true, "However": true, "Meanwhile": true,
	"Also": true, "In": true, "On": true, "At": true, "For": true, "From": true,
	"With": true, "By": true, "After": true, "Before": true, "During": true,
	"When": true, "While": true, "If": true, "As": true, "Although": true,
	"Though": true, "Since": true, "Because": true, "Some": true, "Many": true,
	"Most": true, "All": true, "Both": true, "Each": true, "No": true, "None": true,
	"Other": true, "Such": true, "What": true, "Who": true, "Why": true, "How": true,
	"Where": true, "Which": true, "Then": true, "Now": true, "Still": true,
	"Last": true, "Earlier": true, "Later": true, "Today": true, "Yesterday": true,
	"Under": true, "Despite": true, "According": true, "Officials": true,
	"Thus": true, "Moreover": true, "Furthermore": true, "Instead": true,
	"Nevertheless": true, "Not": true, "One": true, "Two": true, "Three": true,
	"Even": true, "Only": true, "Another": true, "Several": true,
}
