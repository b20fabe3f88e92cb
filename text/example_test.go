package text_test

import (
	"fmt"

	"github.com/dyad-events/dyad/text"
)

func ExampleSplit() {
	src := "KABUL, March 3 (Reuters) - China didn't comment. Talks in the U.S. The end."
	for _, s := range text.Split(src) {
		fmt.Printf("%d [%d,%d)", s.Index, s.Span.Start, s.Span.End)
		for _, tk := range s.Tokens {
			fmt.Printf(" %s", tk.Text)
		}
		fmt.Println()
	}
	// Output:
	// 0 [0,26) KABUL , March 3 ( Reuters ) -
	// 1 [27,48) China did n't comment .
	// 2 [49,66) Talks in the U.S .
	// 3 [67,75) The end .
}

func ExampleDateline() {
	place, span, ok := text.Dateline("BEIJING (AP) — China said on Monday ...")
	fmt.Println(place, span.Start, span.End, ok)
	// Output: BEIJING 0 16 true
}
