// Package text is the first stage of the dyad pipeline: it splits raw news
// text (a whole document with headline, dateline, paragraphs and boilerplate)
// into sentences and tokens, every one carrying byte offsets into the input.
//
// # Tokens
//
// Tokenization follows UD English EWT v2.15, so that the tagger and parser
// trained on EWT see the words they were trained on:
//
//   - Clitics are split into syntactic words: "don't" → do + n't, "can't" →
//     ca + n't, "won't" → wo + n't, "cannot" → can + not, "gonna" → gon + na,
//     "I'm" → I + 'm, and 's 're 've 'll 'd. A bare "'" after a plural is its
//     own token. Curly apostrophes (’) work the same way. Common informal
//     spellings ("dont", "didnt", "cant", "im") are split as EWT does.
//   - Hyphenated compounds are split ("search-engine" → search - engine,
//     "U.S.-led" → U.S. - led, "30-31" → 30 - 31) except after the prefixes
//     EWT keeps attached (e-mail, non-, pre-, post-, anti-, re-, ...; see
//     hyphen.go) and in phone-number-like digit groups.
//   - Currency symbols, "%" and units are split from numbers ("$1.5bn" → $
//     1.5 bn, "20%" → 20 %); "1,000", "3.5", "10:30", "9/11" and ordinals
//     ("21st", "1990s") stay whole. "US$" is one token.
//   - Abbreviations ("U.S.", "Mr.", "Gen.", "Jan.", "Inc.", "e.g.") and
//     initials ("W.") keep their period. When an abbreviation ends a
//     sentence its period is split off as a separate "." token, as in EWT.
//   - URLs, e-mail addresses, @handles and #hashtags are single tokens.
//   - Runs of dots ("..."), "--", "?!" are single tokens; every other
//     punctuation character is a token of its own.
//
// Every Token.Text is exactly src[Token.Span.Start:Token.Span.End]; spans
// are strictly increasing, never overlap and lie inside their sentence's
// span. Unicode spaces, NUL bytes and other control characters separate
// tokens like spaces do. Invalid UTF-8 bytes are kept inside the word they
// touch.
//
// # Sentences
//
// A sentence ends:
//
//   - after ".", "!", "?" (and runs of them) plus any closing quotes or
//     brackets that follow, unless the next token is a comma-like
//     continuation or starts with a lower-case letter right after a closing
//     quote ("Why?" he asked). A lower-case word after bare punctuation
//     starts a new sentence, as is common in web text (EWT);
//   - after "..." or "…" only when the next word starts with an upper-case
//     letter;
//   - after an abbreviation when the next word is a capitalised word that
//     typically starts sentences (a closed list of determiners, pronouns,
//     conjunctions and adverbs such as The, He, But, However) or an opening
//     quote. Titles and initials ("Mr.", "Gen.", "W.") never end a sentence
//     before a capitalised word, since a name follows them; "U.S. officials"
//     and "U.S. President" stay whole but "in the U.S. The next" splits;
//   - at every paragraph break (a blank line), so headlines and captions
//     without final punctuation are sentences of their own;
//   - at a single line break when the next line starts with a bullet
//     ("-", "*", "•", "1.") or when the line has no final punctuation, is
//     shorter than 70 bytes and the next line starts with an upper-case
//     letter or digit (a heading). Longer lines are taken as hard-wrapped
//     prose and continue;
//   - after a wire-service dateline ("KABUL, March 3 (Reuters) -",
//     "BEIJING (AP) —") at the start of a paragraph, which becomes a
//     sentence of its own (see Dateline);
//   - when a sentence reaches MaxTokens tokens, at the last ";", ":", ","
//     or dash in its second half (or at the limit when there is none).
package text
