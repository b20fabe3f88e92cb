package main

import (
	"context"
	"fmt"
	"runtime"

	"github.com/dyad-events/dyad/geo"
)

// version is set at build time with -ldflags "-X main.version=…".
var version = "0.1.0-dev"

const licensesText = `dyad is free software. It embeds:

- Part-of-speech and dependency models trained on the Universal Dependencies
  English Web Treebank (UD English EWT), licensed CC BY-SA 4.0.
  https://universaldependencies.org/treebanks/en_ewt/
  The models are derived works and are distributed under CC BY-SA 4.0.
- CAMEO event codes and names (Gerner, Schrodt, Yilmaz et al., CAMEO codebook),
  the Goldstein conflict-cooperation scale as published with GDELT, and the
  CAMEO-to-PLOVER mapping of the PLOVER manual (draft 0.8): facts encoded here.
- dyad's own dictionaries, written for this project.
- ` + geo.Attribution

func init() {
	register(&command{
		name:    "version",
		summary: "print the version and the licences of embedded data",
		usage:   "Usage: dyad version\n\nPrints dyad's version, Go version and the attribution of embedded models and data.",
		run: func(ctx context.Context, e *env, args []string) error {
			fmt.Fprintf(e.stdout, "dyad %s (%s, %s/%s)\n\n%s\n", version, runtime.Version(), runtime.GOOS, runtime.GOARCH, licensesText)
			return nil
		},
	})
	register(&command{
		name:    "licenses",
		summary: "print the licences and attribution of embedded models and data",
		usage:   "Usage: dyad licenses",
		run: func(ctx context.Context, e *env, args []string) error {
			fmt.Fprintln(e.stdout, licensesText)
			return nil
		},
	})
}
