package dictionary

import (
	"strings"
)

// petrarchActors reads a PETRARCH/TABARI actor dictionary:
//
//	NAME_WITH_UNDERSCORES [CODE]                       primary phrase, default code
//	+SYNONYM                                           more names of the actor above
//	<tab>[CODE 950601-990815]  [CODE <950601]  [CODE >19990816]   dated codes
//
// Several "[…]" groups may follow a name on one line. Dates are YYMMDD (YY
// 00-30 is 20YY) or YYYYMMDD. A code line whose date cannot be read is
// skipped with a warning, as PETRARCH does. Reading stops at "---STOP---".
func (l *loader) petrarchActors(name string, data []byte) {
	l.beginFile(name, "petrarch-actors")
	if !l.checkFile(name, data, false) {
		return
	}
	var cur *Actor
	flush := func() {
		if cur != nil {
			l.d.Actors = append(l.d.Actors, cur)
			l.entry()
		}
		cur = nil
	}
	for _, ln := range petrarchLines(name, data) {
		if strings.Contains(ln.text, "---STOP---") {
			break
		}
		t := ln.text
		if (t[0] == ' ' || t[0] == '\t') && !strings.HasPrefix(strings.TrimSpace(t), "[") && !strings.HasPrefix(strings.TrimSpace(t), "+") {
			// An indented name line ("\tJOHN_MCCLOY_ [CODE]"): read it as a new actor.
			l.warn(errorf(ln.pos, "indented actor line %q read as a new actor (expected NAME in column 0)", strings.TrimSpace(t)))
			t = strings.TrimSpace(t)
		}
		switch {
		case t[0] == ' ' || t[0] == '\t':
			t = strings.TrimSpace(t)
			if t[0] == '+' {
				if cur == nil {
					l.bad(errorf(ln.pos, "synonym %q with no actor above it (expected a NAME line first)", t))
					continue
				}
				l.petrarchSynonym(cur, ln.pos, t)
				continue
			}
			if cur == nil {
				l.bad(errorf(ln.pos, "indented code line %q with no actor above it (expected a NAME line first)", strings.TrimSpace(t)))
				continue
			}
			before, groups, ok := bracketGroups(t)
			if !ok || len(groups) == 0 || strings.TrimSpace(before) != "" {
				l.warn(errorf(ln.pos, "code line %q: expected [CODE] or [CODE restriction]; line skipped", strings.TrimSpace(t)))
				continue
			}
			l.petrarchCodes(cur, ln.pos, groups)
		case t[0] == '+':
			if cur == nil {
				l.bad(errorf(ln.pos, "synonym %q with no actor above it (expected a NAME line first)", strings.TrimSpace(t)))
				continue
			}
			l.petrarchSynonym(cur, ln.pos, t)
		default:
			flush()
			before, groups, ok := bracketGroups(t)
			n, nameOK := petrarchName(ln.pos, before)
			if !nameOK || !ok {
				l.bad(errorf(ln.pos, "actor line %q: expected NAME_WITH_UNDERSCORES [CODE]", strings.TrimSpace(t)))
				continue
			}
			cur = &Actor{Name: n, Source: ln.pos}
			l.petrarchCodes(cur, ln.pos, groups)
		}
	}
	flush()
}

func (l *loader) petrarchSynonym(cur *Actor, pos Pos, t string) {
	before, groups, ok := bracketGroups(t[1:])
	n, nameOK := petrarchName(pos, before)
	if !nameOK || !ok {
		l.bad(errorf(pos, "synonym %q: expected +NAME_WITH_UNDERSCORES", strings.TrimSpace(t)))
		return
	}
	cur.Aliases = append(cur.Aliases, n)
	l.petrarchCodes(cur, pos, groups)
}

// petrarchCodes adds the codes of "[…]" groups to a.
func (l *loader) petrarchCodes(a *Actor, pos Pos, groups []string) {
	for _, g := range groups {
		cr, warn := parsePetrarchCode(g)
		if warn != "" {
			l.warn(errorf(pos, "%s; code skipped", warn))
			continue
		}
		cr.Source = pos
		a.Codes = append(a.Codes, cr)
	}
}

// parsePetrarchCode reads "CODE", "CODE <date", "CODE >date" or
// "CODE date-date" (white space allowed around the operators). It returns a
// warning text instead for unreadable groups.
func parsePetrarchCode(g string) (CodeRange, string) {
	code, rest := cutField(g)
	if code == "" {
		return CodeRange{}, "empty code [] (expected [CODE])"
	}
	if strings.ContainsAny(code, "<>") {
		return CodeRange{}, "code " + quote(g) + ": expected [CODE restriction]"
	}
	cr := CodeRange{Code: code}
	rest = strings.TrimSpace(rest)
	switch {
	case rest == "":
	case rest[0] == '<' || rest[0] == '>':
		t, err := parsePetrarchDate(strings.TrimSpace(rest[1:]))
		if err != nil {
			return CodeRange{}, "date restriction [" + g + "]: " + err.Error()
		}
		if rest[0] == '<' {
			cr.Range.To = t
		} else {
			cr.Range.From = t
		}
	case strings.Contains(rest, "-"):
		a, b, _ := strings.Cut(rest, "-")
		from, err := parsePetrarchDate(strings.TrimSpace(a))
		if err != nil {
			return CodeRange{}, "date restriction [" + g + "]: " + err.Error()
		}
		to, err := parsePetrarchDate(strings.TrimSpace(b))
		if err != nil {
			return CodeRange{}, "date restriction [" + g + "]: " + err.Error()
		}
		if to.Before(from) {
			return CodeRange{}, "date restriction [" + g + "]: ends before it starts"
		}
		cr.Range = DateRange{From: from, To: to}
	default:
		return CodeRange{}, "date restriction [" + g + "]: expected <DATE, >DATE or DATE-DATE"
	}
	return cr, ""
}

// petrarchAgents reads a PETRARCH agents dictionary:
//
//	!PERSON! = MAN, MEN, WOMAN, WOMEN, PERSON    substitution set
//	NAME {PLURAL} [~CODE]                         {} = no plural; none = regular plural
//	CONGRESS!PERSON! [~LEG]                       one agent per substitution, no plurals
//
// "~CODE" puts the role code after the country (USAGOV); "CODE~" before it
// (NGOUSA).
func (l *loader) petrarchAgents(name string, data []byte) {
	l.beginFile(name, "petrarch-agents")
	if !l.checkFile(name, data, false) {
		return
	}
	subst := map[string][]string{}
	for _, ln := range petrarchLines(name, data) {
		t := strings.TrimSpace(ln.text)
		if strings.HasPrefix(t, "!") && strings.Contains(t, "=") && !strings.Contains(t, "[") {
			marker, list, _ := strings.Cut(t, "=")
			marker = strings.TrimSpace(marker)
			if len(marker) < 3 || !strings.HasSuffix(marker, "!") {
				l.warn(errorf(ln.pos, "substitution marker %q: expected !NAME! = a, b, c; line skipped", marker))
				continue
			}
			var items []string
			for _, it := range strings.Split(list, ",") {
				if it = strings.TrimSpace(it); it != "" {
					items = append(items, it)
				}
			}
			subst[marker] = items
			continue
		}
		before, groups, ok := bracketGroups(t)
		if !ok || len(groups) == 0 {
			l.warn(errorf(ln.pos, "agent %q: codes are required for agents (expected NAME [~CODE]); line skipped", t))
			continue
		}
		code, bef, _ := parseAgentCode(groups[0])
		if code == "" || strings.ContainsAny(code, " \t") {
			l.warn(errorf(ln.pos, "agent code [%s]: expected [~CODE] or [CODE~]; line skipped", groups[0]))
			continue
		}
		a := &Agent{Code: code, Before: bef, Source: ln.pos}
		phrase := strings.TrimSpace(before)
		switch {
		case strings.Contains(phrase, "!"):
			i := strings.IndexByte(phrase, '!')
			j := strings.IndexByte(phrase[i+1:], '!')
			if j < 0 {
				l.warn(errorf(ln.pos, "substitution marker in %q: expected !NAME!; line skipped", phrase))
				continue
			}
			marker := phrase[i : i+j+2]
			items, ok := subst[marker]
			if !ok {
				l.warn(errorf(ln.pos, "substitution marker %s is not defined in this file (expected a line %s = a, b, …); line skipped", marker, marker))
				continue
			}
			for _, it := range items {
				if n, ok := petrarchName(ln.pos, phrase[:i]+it+phrase[i+j+2:]); ok {
					a.Names = append(a.Names, n)
				}
			}
		case strings.Contains(phrase, "{"):
			k := strings.IndexByte(phrase, '{')
			e := strings.IndexByte(phrase, '}')
			if e < k {
				l.warn(errorf(ln.pos, "agent %q: missing '}'; line skipped", phrase))
				continue
			}
			if n, ok := petrarchName(ln.pos, phrase[:k]); ok {
				a.Names = append(a.Names, n)
			}
			if pl := strings.TrimSpace(phrase[k+1 : e]); pl != "" {
				if n, ok := petrarchName(ln.pos, pl); ok {
					a.Names = append(a.Names, n)
				}
			}
		default:
			if n, ok := petrarchName(ln.pos, phrase); ok {
				a.Names = append(a.Names, n)
				addPlurals(a, 1, true)
			}
		}
		if len(a.Names) == 0 {
			l.bad(errorf(ln.pos, "agent line %q: expected NAME {PLURAL} [~CODE]", t))
			continue
		}
		l.d.Agents = append(l.d.Agents, a)
		l.entry()
	}
}

// RoleCodes are CAMEO role and sector codes: three-letter codes that are
// never country codes.
var RoleCodes = map[string]bool{
	"GOV": true, "MIL": true, "COP": true, "JUD": true, "LEG": true, "OPP": true, "REB": true,
	"INS": true, "SEP": true, "BUS": true, "MED": true, "NGO": true, "EDU": true, "CVL": true,
	"REF": true, "LAB": true, "ELI": true, "SPY": true, "PTY": true, "HLH": true, "HRI": true,
	"AGR": true, "CRM": true, "DEV": true, "ENV": true, "MOD": true, "RAD": true, "UAF": true,
	"IGO": true, "IMG": true, "MNC": true, "NGM": true, "REL": true, "CHR": true, "MUS": true,
	"JEW": true, "BUD": true, "HIN": true, "SPK": true, "UNO": true,
}

// inferCountries records the country codes of a PETRARCH set: three-letter
// upper-case default codes of actors that are not role or international
// codes (AFGHANISTAN [AFG]).
func (l *loader) inferCountries() {
	for _, a := range l.d.Actors {
		for _, c := range a.Codes {
			if c.Range.Open() && isUpper3(c.Code) && !RoleCodes[c.Code] && !intlPrefixes[c.Code] {
				l.d.iso[c.Code] = true
			}
		}
	}
}
