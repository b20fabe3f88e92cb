package feed

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"net/url"
	"strings"
	"time"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/dyad-events/dyad/ingest"
)

// Namespaces recognised by the parser.
const (
	nsAtom    = "http://www.w3.org/2005/Atom"
	nsAtom03  = "http://purl.org/atom/ns#"
	nsContent = "http://purl.org/rss/1.0/modules/content/"
	nsDC      = "http://purl.org/dc/elements/1.1/"
	nsRDF     = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
	nsRSS10   = "http://purl.org/rss/1.0/"
	nsXML     = "http://www.w3.org/XML/1998/namespace"
)

// Feed kinds reported in Feed.Kind.
const (
	KindRSS  = "rss"  // RSS 2.0 and 0.9x
	KindRDF  = "rdf"  // RSS 1.0
	KindAtom = "atom" // Atom 1.0 (and 0.3)
)

// ErrNotFeed reports a document that is well-formed XML but neither RSS
// nor Atom, or no XML at all.
var ErrNotFeed = errors.New("not an RSS or Atom feed")

// maxDepth bounds element nesting; deeper documents are rejected.
const maxDepth = 256

// Feed is a parsed feed.
type Feed struct {
	// Kind is KindRSS, KindRDF or KindAtom.
	Kind  string `json:"kind"`
	Title string `json:"title,omitempty"`
	// Link is the feed's web site (not the feed URL itself).
	Link string `json:"link,omitempty"`
	// Updated is the feed's own date (lastBuildDate, pubDate, updated).
	Updated  time.Time `json:"updated,omitzero"`
	Articles []Article `json:"articles"`
}

// Article is one feed item or entry. Summary and Content are plain text:
// HTML is reduced to its text with paragraphs separated by blank lines.
type Article struct {
	// GUID is the item's guid or the entry's id; empty when the feed
	// gives none.
	GUID  string `json:"guid,omitempty"`
	URL   string `json:"url,omitempty"`
	Title string `json:"title,omitempty"`
	// Published is the publication date (pubDate, dc:date, published,
	// else updated); zero when missing or unreadable.
	Published time.Time `json:"published,omitzero"`
	// Source names where the article comes from: the item's <source>, else
	// the feed title.
	Source string `json:"source,omitempty"`
	Author string `json:"author,omitempty"`
	// Summary is the description or summary; Content the full text
	// (content:encoded, Atom content) when the feed carries it.
	Summary string `json:"summary,omitempty"`
	Content string `json:"content,omitempty"`
	// Offset and Line locate the item's start tag in the feed document
	// (byte offset from 0, line from 1).
	Offset int64 `json:"offset"`
	Line   int   `json:"line"`
}

// Key returns the identity used to deduplicate the article across polls:
// its GUID, else its URL, else a hash of its title and summary.
func (a *Article) Key() string {
	switch {
	case a.GUID != "":
		return a.GUID
	case a.URL != "":
		return a.URL
	}
	return "sha:" + shortHash(a.Title+"\x00"+a.Summary+"\x00"+a.Content)
}

// Text returns the text to code: Content, else Summary, else Title.
func (a *Article) Text() string {
	switch {
	case strings.TrimSpace(a.Content) != "":
		return a.Content
	case strings.TrimSpace(a.Summary) != "":
		return a.Summary
	}
	return a.Title
}

// node is an element (name set) or a text run (name empty) of the parsed
// document.
type node struct {
	name   xml.Name
	attr   []xml.Attr
	text   []byte
	kids   []*node
	offset int64
	line   int
}

func (n *node) attrVal(space, local string) string {
	for _, a := range n.attr {
		if a.Name.Local == local && (space == "*" || a.Name.Space == space) {
			return a.Value
		}
	}
	return ""
}

// child returns the first child element with local name local in one of
// the namespaces spaces ("" matches no namespace, "*" any).
func (n *node) child(local string, spaces ...string) *node {
	for _, k := range n.kids {
		if k.name.Local == local && nsMatch(k.name.Space, spaces) {
			return k
		}
	}
	return nil
}

func (n *node) children(local string, spaces ...string) []*node {
	var out []*node
	for _, k := range n.kids {
		if k.name.Local == local && nsMatch(k.name.Space, spaces) {
			out = append(out, k)
		}
	}
	return out
}

func nsMatch(space string, spaces []string) bool {
	for _, s := range spaces {
		if s == "*" || s == space {
			return true
		}
	}
	return false
}

// rawText concatenates all text below n in document order, with a newline
// after block-level (X)HTML elements so that paragraphs stay apart.
func (n *node) rawText() string {
	var b strings.Builder
	var walk func(*node)
	walk = func(m *node) {
		if m.name.Local == "" {
			b.Write(m.text)
			return
		}
		for _, k := range m.kids {
			walk(k)
		}
		if m != n && blockTags[strings.ToLower(m.name.Local)] {
			b.WriteString("\n\n")
		}
	}
	walk(n)
	return b.String()
}

// plain returns the trimmed text of n with white space collapsed, or ""
// for a nil node.
func plain(n *node) string {
	if n == nil {
		return ""
	}
	return strings.Join(strings.Fields(n.rawText()), " ")
}

// Parse parses an RSS or Atom document. base, the URL the feed was fetched
// from, resolves relative links; it may be empty. Errors give the line and
// byte offset of the problem and wrap ErrNotFeed for documents that are not
// feeds. Parse never panics.
func Parse(b []byte, base string) (f *Feed, err error) {
	defer func() {
		if r := recover(); r != nil {
			f, err = nil, fmt.Errorf("feed: parser failed: %v: %w", r, ErrNotFeed)
		}
	}()
	root, err := parseTree(b, true)
	if err != nil {
		// Real feeds break XML in small ways (a bare "&" in a URL, an
		// unknown entity, a missing end tag): read them leniently, but
		// report the strict error when that fails too.
		lenient, lerr := parseTree(b, false)
		if lerr != nil {
			return nil, err
		}
		root = lenient
	}
	var bu *url.URL
	if base != "" {
		bu, _ = url.Parse(base)
	}
	switch {
	case root.name.Local == "rss":
		return parseRSS(root, bu)
	case root.name.Local == "RDF":
		return parseRDF(root, bu)
	case root.name.Local == "feed" && (root.name.Space == nsAtom || root.name.Space == nsAtom03 || root.name.Space == ""):
		return parseAtom(root, bu)
	}
	return nil, fmt.Errorf("feed: line %d (byte %d): root element <%s>: %w", root.line, root.offset, root.name.Local, ErrNotFeed)
}

// parseTree decodes b into a tree of nodes. Without strict, unknown
// entities are kept as text and missing end tags are supplied
// (encoding/xml's Strict = false).
func parseTree(b []byte, strict bool) (*node, error) {
	b, shift, err := toUTF8(b)
	if err != nil {
		return nil, err
	}
	if len(bytes.TrimSpace(b)) == 0 {
		return nil, fmt.Errorf("feed: empty document: %w", ErrNotFeed)
	}
	d := xml.NewDecoder(bytes.NewReader(b))
	d.Strict = strict
	d.Entity = xml.HTMLEntity
	d.CharsetReader = charsetReader
	var root *node
	var stack []*node
	for {
		off := d.InputOffset()
		line, _ := d.InputPos()
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			var se *xml.SyntaxError
			if errors.As(err, &se) {
				l, _ := d.InputPos()
				return nil, fmt.Errorf("feed: line %d (byte %d): XML syntax error: %s: %w", l, d.InputOffset()+shift, se.Msg, ErrNotFeed)
			}
			return nil, fmt.Errorf("feed: line %d (byte %d): %w", line, d.InputOffset()+shift, err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if root != nil && len(stack) == 0 {
				return nil, fmt.Errorf("feed: line %d (byte %d): second root element <%s>: %w", line, off+shift, t.Name.Local, ErrNotFeed)
			}
			if len(stack) >= maxDepth {
				return nil, fmt.Errorf("feed: line %d (byte %d): elements nested deeper than %d: %w", line, off+shift, maxDepth, ErrNotFeed)
			}
			n := &node{name: t.Name, attr: t.Attr, offset: off + shift, line: line}
			if len(stack) == 0 {
				root = n
			} else {
				p := stack[len(stack)-1]
				p.kids = append(p.kids, n)
			}
			stack = append(stack, n)
		case xml.EndElement:
			if len(stack) > 0 {
				stack = stack[:len(stack)-1]
			}
		case xml.CharData:
			if len(stack) == 0 {
				if len(bytes.TrimSpace(t)) > 0 {
					return nil, fmt.Errorf("feed: line %d (byte %d): text outside the root element: %w", line, off+shift, ErrNotFeed)
				}
				continue
			}
			p := stack[len(stack)-1]
			if k := len(p.kids); k > 0 && p.kids[k-1].name.Local == "" {
				p.kids[k-1].text = append(p.kids[k-1].text, t...)
			} else {
				p.kids = append(p.kids, &node{text: bytes.Clone(t)})
			}
		}
	}
	if root == nil {
		return nil, fmt.Errorf("feed: no root element: %w", ErrNotFeed)
	}
	if len(stack) > 0 {
		return nil, fmt.Errorf("feed: byte %d: document ends inside <%s>: %w", int64(len(b))+shift, stack[len(stack)-1].name.Local, ErrNotFeed)
	}
	return root, nil
}

// toUTF8 strips a UTF-8 byte order mark and converts UTF-16 with a byte
// order mark to UTF-8. shift is the number of bytes dropped at the start
// (added back to offsets in errors).
func toUTF8(b []byte) ([]byte, int64, error) {
	switch {
	case bytes.HasPrefix(b, []byte{0xEF, 0xBB, 0xBF}):
		return b[3:], 3, nil
	case bytes.HasPrefix(b, []byte{0xFF, 0xFE}), bytes.HasPrefix(b, []byte{0xFE, 0xFF}):
		le := b[0] == 0xFF
		b = b[2:]
		if len(b)%2 != 0 {
			return nil, 0, fmt.Errorf("feed: byte %d: UTF-16 document with an odd number of bytes: %w", len(b)+2, ErrNotFeed)
		}
		u := make([]uint16, len(b)/2)
		for i := range u {
			if le {
				u[i] = uint16(b[2*i]) | uint16(b[2*i+1])<<8
			} else {
				u[i] = uint16(b[2*i])<<8 | uint16(b[2*i+1])
			}
		}
		out := make([]byte, 0, len(u))
		for _, r := range utf16.Decode(u) {
			out = utf8.AppendRune(out, r)
		}
		// Offsets in errors refer to the UTF-8 conversion.
		return out, 0, nil
	}
	return b, 0, nil
}

// resolve makes ref absolute against base (which may be nil).
func resolve(base *url.URL, ref string) string {
	ref = strings.TrimSpace(ref)
	if ref == "" || base == nil {
		return ref
	}
	u, err := url.Parse(ref)
	if err != nil {
		return ref
	}
	return base.ResolveReference(u).String()
}

// withBase applies an xml:base attribute of n to base.
func withBase(base *url.URL, n *node) *url.URL {
	xb := strings.TrimSpace(n.attrVal(nsXML, "base"))
	if xb == "" {
		return base
	}
	u, err := url.Parse(xb)
	if err != nil {
		return base
	}
	if base != nil {
		return base.ResolveReference(u)
	}
	if u.IsAbs() {
		return u
	}
	return base
}

// looksLikeURL reports whether s is an absolute http(s) URL.
func looksLikeURL(s string) bool {
	l := strings.ToLower(s)
	return strings.HasPrefix(l, "http://") || strings.HasPrefix(l, "https://")
}

// rssNS are the namespaces of RSS 2.0 elements (none) and of RSS 1.0.
var rssNS = []string{"", nsRSS10}

func parseRSS(root *node, base *url.URL) (*Feed, error) {
	ch := root.child("channel", "*")
	if ch == nil {
		return nil, fmt.Errorf("feed: line %d (byte %d): <rss> without <channel>: %w", root.line, root.offset, ErrNotFeed)
	}
	f := &Feed{Kind: KindRSS}
	channelMeta(f, ch, base)
	for _, it := range ch.children("item", "*") {
		f.Articles = append(f.Articles, rssItem(it, base, f.Title))
	}
	return f, nil
}

func parseRDF(root *node, base *url.URL) (*Feed, error) {
	f := &Feed{Kind: KindRDF}
	if ch := root.child("channel", "*"); ch != nil {
		channelMeta(f, ch, base)
	}
	for _, it := range root.children("item", "*") {
		f.Articles = append(f.Articles, rssItem(it, base, f.Title))
	}
	// Some RSS 1.0 feeds nest items in the channel.
	if ch := root.child("channel", "*"); ch != nil {
		for _, it := range ch.children("item", "*") {
			f.Articles = append(f.Articles, rssItem(it, base, f.Title))
		}
	}
	return f, nil
}

func channelMeta(f *Feed, ch *node, base *url.URL) {
	f.Title = htmlToLine(plain(ch.child("title", rssNS...)))
	f.Link = resolve(base, plain(ch.child("link", rssNS...)))
	for _, name := range []string{"lastBuildDate", "pubDate"} {
		if t, ok := ParseDate(plain(ch.child(name, rssNS...))); ok {
			f.Updated = t
			break
		}
	}
	if f.Updated.IsZero() {
		f.Updated, _ = ParseDate(plain(ch.child("date", nsDC)))
	}
}

func rssItem(it *node, base *url.URL, feedTitle string) Article {
	a := Article{Offset: it.offset, Line: it.line}
	a.Title = htmlToLine(plain(it.child("title", rssNS...)))
	a.URL = resolve(base, plain(it.child("link", rssNS...)))
	if a.URL == "" {
		for _, l := range it.children("link", nsAtom) {
			if r := l.attrVal("", "rel"); r == "" || r == "alternate" {
				a.URL = resolve(base, l.attrVal("", "href"))
				break
			}
		}
	}
	if g := it.child("guid", rssNS...); g != nil {
		a.GUID = plain(g)
		if a.URL == "" && !strings.EqualFold(g.attrVal("", "isPermaLink"), "false") && looksLikeURL(a.GUID) {
			a.URL = a.GUID
		}
	}
	if a.GUID == "" {
		// RSS 1.0 identifies items by rdf:about.
		a.GUID = strings.TrimSpace(it.attrVal(nsRDF, "about"))
	}
	for _, d := range []*node{it.child("pubDate", rssNS...), it.child("date", nsDC), it.child("published", nsAtom), it.child("updated", nsAtom)} {
		if t, ok := ParseDate(plain(d)); ok {
			a.Published = t
			break
		}
	}
	if d := it.child("description", rssNS...); d != nil {
		a.Summary = htmlToText(d.rawText())
	}
	if c := it.child("encoded", nsContent); c != nil {
		a.Content = htmlToText(c.rawText())
	}
	if s := it.child("source", rssNS...); s != nil {
		a.Source = plain(s)
	}
	if a.Source == "" {
		a.Source = feedTitle
	}
	a.Author = plain(it.child("author", rssNS...))
	if a.Author == "" {
		a.Author = plain(it.child("creator", nsDC))
	}
	return a
}

// atomNS are the namespaces of Atom elements; "" accepts feeds that
// forgot the namespace declaration.
var atomNS = []string{nsAtom, nsAtom03, ""}

func parseAtom(root *node, base *url.URL) (*Feed, error) {
	base = withBase(base, root)
	f := &Feed{Kind: KindAtom}
	f.Title = atomText(root.child("title", atomNS...))
	f.Link = atomLink(root, base)
	f.Updated, _ = ParseDate(plain(root.child("updated", atomNS...)))
	if f.Updated.IsZero() {
		f.Updated, _ = ParseDate(plain(root.child("modified", atomNS...)))
	}
	for _, e := range root.children("entry", atomNS...) {
		eb := withBase(base, e)
		a := Article{Offset: e.offset, Line: e.line}
		a.GUID = plain(e.child("id", atomNS...))
		a.Title = htmlToLine(atomText(e.child("title", atomNS...)))
		a.URL = atomLink(e, eb)
		for _, name := range []string{"published", "issued", "updated", "modified"} {
			if t, ok := ParseDate(plain(e.child(name, atomNS...))); ok {
				a.Published = t
				break
			}
		}
		a.Summary = atomText(e.child("summary", atomNS...))
		if c := e.child("content", atomNS...); c != nil && c.attrVal("", "src") == "" {
			a.Content = atomText(c)
		}
		if au := e.child("author", atomNS...); au != nil {
			a.Author = plain(au.child("name", atomNS...))
		}
		if s := e.child("source", atomNS...); s != nil {
			a.Source = atomText(s.child("title", atomNS...))
		}
		if a.Source == "" {
			a.Source = f.Title
		}
		f.Articles = append(f.Articles, a)
	}
	return f, nil
}

// atomLink returns the alternate link of an Atom feed or entry.
func atomLink(n *node, base *url.URL) string {
	var first string
	for _, l := range n.children("link", atomNS...) {
		href := l.attrVal("", "href")
		if href == "" {
			continue
		}
		switch l.attrVal("", "rel") {
		case "", "alternate":
			return resolve(withBase(base, l), href)
		case "self", "edit", "enclosure", "replies", "hub":
		default:
			if first == "" {
				first = resolve(withBase(base, l), href)
			}
		}
	}
	return first
}

// atomText returns the text of an Atom text construct: type "text" as is,
// "html" and "xhtml" reduced to text.
func atomText(n *node) string {
	if n == nil {
		return ""
	}
	switch strings.ToLower(strings.TrimSpace(n.attrVal("", "type"))) {
	case "html", "text/html":
		return htmlToText(n.rawText())
	case "xhtml", "application/xhtml+xml":
		return ingest.TidyText(n.rawText())
	}
	// Plain text; markup inside a text construct is read as XHTML.
	return ingest.TidyText(n.rawText())
}
